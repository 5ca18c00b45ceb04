// The audit timeline's side of the contract. Exports go to a folder the core chooses (never a path
// from the renderer), named by time so that nothing earlier is overwritten.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { AuditLog } from './types';

export type AuditHandlers = Pick<Handlers, 'audit.query' | 'audit.get' | 'audit.verify' | 'audit.export' | 'audit.histogram'>;

export function auditHandlers(audit: AuditLog, options: { exportDir: string; now?: () => Date }): AuditHandlers {
  const now = options.now ?? (() => new Date());
  return {
    'audit.query': (query) => audit.query(query),
    'audit.get': ({ seq }) => audit.get(seq),
    'audit.verify': () => audit.verify(),
    'audit.export': async ({ format, filter }) => {
      await fs.mkdir(options.exportDir, { recursive: true });
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const existing = new Set(await fs.readdir(options.exportDir));
      let name = `pagerduty-mcp-audit-${stamp}.${format}`;
      for (let n = 2; existing.has(name); n++) name = `pagerduty-mcp-audit-${stamp}-${n}.${format}`;
      return audit.export(format, filter, path.join(options.exportDir, name));
    },
    'audit.histogram': ({ since, until, buckets }) => audit.histogram(since, until, buckets),
  };
}
