// The audit timeline: governance appends one entry per call or refusal; the contract reads it.
export { openAuditLog, type AuditIo, type AuditLogOptions, type OpenAuditLog } from './audit-log';
export { auditHandlers, type AuditHandlers } from './handlers';
export { redactArgs, isSecretKey, maskSecrets, REDACTED, type RedactOptions } from './redact';
export { ZERO_HASH, canonicalJson, entryHash } from './chain';
export type { AuditInput, AuditLog } from './types';
