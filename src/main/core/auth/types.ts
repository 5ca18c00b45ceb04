// What the rest of the core needs from the connection (auth) service.
import type { ConnectionView, Identity } from '../../../shared/model';
import type { PagerDutyApi } from '../pagerduty/types';

export type ConnectionForCall =
  | { ok: true; api: PagerDutyApi; identity: Identity; identityLabel: string; userId: string | null; fromEmail: string | null }
  | { ok: false; reason: 'not_configured' | 'needs_auth' | 'error'; message: string };

export interface ConnectionService {
  view(): ConnectionView;
  /** The PagerDuty API to use for one tool call, or why there is none (worded for the AI to relay). */
  forCall(): Promise<ConnectionForCall>;
  /** Subscribe to view changes (status, identity, pending sign-in …). */
  onChange(listener: (view: ConnectionView) => void): () => void;
  close(): Promise<void>;
}
