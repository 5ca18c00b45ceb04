// The audit timeline's public shape. Governance appends; the contract queries; nothing else writes.
import type { AuditBucket, AuditEntry, AuditFilter, AuditPage, AuditQuery, AuditVerifyResult } from '../../../shared/model';
import type { z } from 'zod';

/** What the call path supplies; seq and the chain hashes are the log's to assign. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>;

export interface AuditLog {
  /** Resolves only once the entry is durable (fsync'd; group commit allowed). Rejects if it cannot be written. */
  append(input: AuditInput): Promise<AuditEntry>;
  query(query: AuditQuery): Promise<AuditPage>;
  get(seq: number): Promise<AuditEntry | null>;
  verify(): Promise<AuditVerifyResult>;
  export(format: 'jsonl' | 'csv', filter: AuditFilter, destPath: string): Promise<{ path: string; count: number }>;
  histogram(since: string, until: string, buckets: number): Promise<z.infer<typeof AuditBucket>[]>;
  onAppend(listener: (entry: AuditEntry) => void): () => void;
  /** Whether the log can take writes right now (false after a disk failure until it recovers). */
  readonly healthy: boolean;
  /** After a failure: checks whether the disk takes writes again (without adding an entry); true when healthy. */
  probe(): Promise<boolean>;
  close(): Promise<void>;
}
