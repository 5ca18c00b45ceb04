// A small structured logger that can never print a secret: every secret the core handles is
// registered here first, and every line is scrubbed of all registered values before it is written.
import fs from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from './settings/private';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Never log this value (or anything containing it) again. */
  registerSecret(value: string | null | undefined): void;
}

const secrets = new Set<string>();

// Chars a PagerDuty REST key is made of; a shape below must not start or end inside a longer such run.
const K = 'A-Za-z0-9_+\\-';
/**
 * Credentials recognisable by their shape alone, wherever they appear in free text (a note, an error an
 * upstream echoed, a pasted curl command) — for values that never passed through registerSecret.
 */
const SECRET_SHAPES: readonly RegExp[] = [
  /(Token token=)[^\s"',;]+/g,
  /(Bearer )[A-Za-z0-9._~+/=-]{8,}/g,
  // This app's own client tokens (see governance/tokens.ts).
  /()pdmcp_[A-Za-z0-9_-]{16,}/g,
  // PagerDuty OAuth access and refresh tokens: "pdus+_0XBPWQQ_b2b2060b-…".
  /()\bpd[a-z]{2,4}\+_[A-Za-z0-9_-]{8,}/g,
  // User-level REST API keys: "u+" and 16–24 more characters.
  new RegExp(`()(?<![${K}])u\\+[A-Za-z0-9_-]{16,24}(?![${K}])`, 'g'),
  // Account-level REST API keys: exactly 20 key characters mixing upper case, lower case and a digit or _+-.
  new RegExp(`()(?<![${K}])(?=[${K}]{20}(?![${K}]))(?=[a-z0-9_+\\-]*[A-Z])(?=[A-Z0-9_+\\-]*[a-z])(?=[A-Za-z]*[0-9_+\\-])[${K}]{20}`, 'g'),
];

export function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  for (const shape of SECRET_SHAPES) out = out.replace(shape, '$1[redacted]');
  return out;
}

export function createLogger(options: { file?: string; level?: LogLevel; stderr?: boolean } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  let stream: fs.WriteStream | null = null;
  if (options.file) {
    privateDir(path.dirname(options.file));
    stream = fs.createWriteStream(options.file, { flags: 'a', mode: 0o600 });
    // `mode` applies only to a new file; one an older version created readable is made private too.
    stream.once('open', () => privateFile(options.file!));
  }
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = scrub(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
    stream?.write(`${line}\n`);
    if (options.stderr) process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    registerSecret(value) {
      if (value && value.length >= 6) secrets.add(value);
    },
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  registerSecret(value) {
    if (value && value.length >= 6) secrets.add(value);
  },
};
