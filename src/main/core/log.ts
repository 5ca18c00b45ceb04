// A small structured logger that can never print a secret: every secret the core handles is
// registered here first, and every line is scrubbed of all registered values before it is written.
import fs from 'node:fs';
import path from 'node:path';

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

export function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  // Belt and braces for values that never passed through registerSecret (e.g. a header echoed by a library).
  return out
    .replace(/(Token token=)[^\s"',;]+/g, '$1[redacted]')
    .replace(/(Bearer )[A-Za-z0-9._~+/=-]{8,}/g, '$1[redacted]');
}

export function createLogger(options: { file?: string; level?: LogLevel; stderr?: boolean } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  let stream: fs.WriteStream | null = null;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    stream = fs.createWriteStream(options.file, { flags: 'a', mode: 0o600 });
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
