// Calls the contract over a running `serve`'s control server, the way the dashboard does.
import type { CallArgs, CallName, CallResult } from '../../src/shared/contract';

export type Control = <K extends CallName>(name: K, args: CallArgs<K>) => Promise<CallResult<K>>;

export function controlFor(dashboardUrl: string): Control {
  const url = new URL(dashboardUrl);
  const token = /token=([^&]+)/.exec(url.hash)?.[1];
  if (!token) throw new Error(`no token in ${dashboardUrl}`);
  return async (name, args) => {
    const res = await fetch(`${url.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string } };
    if (body.error) throw Object.assign(new Error(`${name}: ${body.error.message}`), { code: body.error.code });
    return body.result as never;
  };
}
