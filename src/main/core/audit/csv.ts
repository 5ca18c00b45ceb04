// CSV for spreadsheets: RFC 4180 quoting, args as one JSON column, and text that a spreadsheet would
// run as a formula (=, +, -, @ first) prefixed with ' — audit args come from AI clients and must not
// execute when someone opens the export.
import type { AuditEntry } from '../../../shared/model';

export const CSV_COLUMNS = [
  'seq',
  'time',
  'clientId',
  'clientName',
  'profileId',
  'profileName',
  'tool',
  'toolClass',
  'decision',
  'outcome',
  'durationMs',
  'pdStatus',
  'pdRequestId',
  'identity',
  'args',
  'message',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(entry: AuditEntry): string {
  return `${CSV_COLUMNS.map((column) => csvCell(column === 'args' ? JSON.stringify(entry.args) : entry[column])).join(',')}\r\n`;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
