// The loopback listener the system browser returns to after sign-in (RFC 8252 §7.3). It binds
// 127.0.0.1 on the one configured port — PagerDuty matches redirect URIs exactly, so silently taking
// another port would only fail later at the authorize page — takes one callback, holds the browser's
// request open until the app knows the outcome, answers with a plain page, and closes.
import http from 'node:http';
import { ContractError } from '../../../shared/contract';

export interface ReceivedCallback {
  url: URL;
  /** Answers the waiting browser tab (resolves once sent). The message must hold no secret. */
  respond(ok: boolean, message: string): Promise<void>;
}

export interface CallbackListener {
  readonly redirectUri: string;
  /** The first request to /callback. */
  readonly received: Promise<ReceivedCallback>;
  close(): Promise<void>;
}

export function redirectUriFor(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(res: http.ServerResponse, status: number, title: string, message: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The URL holds the code: no scripts, no subresources, no referrer.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;line-height:1.5}</style></head>' +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p>You can close this tab.</p></body></html>`,
  );
}

export async function listenForCallback(port: number): Promise<CallbackListener> {
  let deliver: (cb: ReceivedCallback) => void = () => {};
  const received = new Promise<ReceivedCallback>((resolve) => (deliver = resolve));
  let taken = false;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/callback') return page(res, 404, 'Not found', 'This address only receives the PagerDuty sign-in.');
    if (req.method !== 'GET') return page(res, 405, 'Not allowed', 'The sign-in callback is a GET request.');
    if (taken) return page(res, 409, 'Already handled', 'This sign-in was already handled. If it did not work, start it again from the PagerDuty MCP app.');
    taken = true;
    let answered = false;
    deliver({
      url,
      respond(ok, message) {
        if (answered || res.writableEnded || res.destroyed) return Promise.resolve();
        answered = true;
        const sent = new Promise<void>((resolve) => {
          res.once('finish', resolve);
          res.once('close', resolve);
        });
        page(res, ok ? 200 : 400, ok ? 'Connected to PagerDuty' : 'PagerDuty sign-in failed', message);
        return sent;
      },
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new ContractError(
            'port_busy',
            `Port ${port} on 127.0.0.1 is already in use, so the sign-in cannot return to the app. Close the program using it, ` +
              `or choose another port in the OAuth settings and register http://127.0.0.1:<port>/callback as a redirect URL of the PagerDuty app.`,
            'port',
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(new ContractError('port_denied', `This system does not allow listening on port ${port}. Choose another port in the OAuth settings.`, 'port'));
      } else {
        reject(error);
      }
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    redirectUri: redirectUriFor(port),
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
