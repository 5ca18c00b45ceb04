// Authentication: REST API key + actor email, or per-user OAuth (authorization code + PKCE through a
// loopback listener). The rest of the core uses only the ConnectionService.
export { createConnectionService, scopeIsReadOnly, type ConnectionHandlers, type ConnectionServiceOptions } from './connection-service';
export { NEEDS_AUTH_FOR_AI, NOT_CONNECTED_FOR_AI } from './messages';
export { NeedsAuthError } from './oauth-session';
export { DEFAULT_AUTH_BASE_URL } from './urls';
export type { ConnectionForCall, ConnectionService } from './types';
