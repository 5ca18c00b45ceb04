// The HTTP checks every MCP request passes before the SDK sees it: Host and Origin against DNS
// rebinding, and the client's bearer token. Answers are JSON-RPC error bodies with no id, as the spec
// allows; nothing here advertises OAuth (clients that see OAuth metadata ignore the configured header).
import type http from 'node:http';

export function jsonRpcError(res: http.ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

export function plainNotFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found');
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export const UNAUTHORIZED_MESSAGE =
  'Missing, unknown or revoked client token. Create a client in the PagerDuty MCP app and configure its token as the header "Authorization: Bearer <token>".';

/** `empty`: the value an empty body stands for (the control API's no-argument calls); by default it is a parse error. */
export async function readJsonBody(
  req: http.IncomingMessage,
  limit: number,
  empty?: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit, keep reading (and dropping) a while so the client gets to read our 413 instead
    // of a reset connection; a client that keeps sending far beyond it is cut off.
    if (size > limit * 8) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) return { ok: false, status: 413, message: `Request body larger than ${limit} bytes` };
  if (size === 0 && empty !== undefined) return { ok: true, value: empty };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not valid JSON' };
  }
}
