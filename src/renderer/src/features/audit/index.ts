// Audit page: virtualised timeline, filters, chart, export, chain verification.
export { AuditPage } from './AuditPage';
export * from './audit-filters';
