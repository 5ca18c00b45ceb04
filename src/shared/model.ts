// The product's nouns as zod schemas. Main validates with them, the renderer renders them, and the
// contract (contract.ts) is built from them, so a field cannot mean one thing on one side and another
// on the other. Nothing here may hold a secret: everything in this file can reach the renderer.
import { z } from 'zod';

export const AuthMode = z.enum(['oauth', 'api_key']);
export type AuthMode = z.infer<typeof AuthMode>;

export const Region = z.enum(['us', 'eu']);
export type Region = z.infer<typeof Region>;

export const ConnectionStatus = z.enum(['not_configured', 'needs_auth', 'connected', 'error']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** Who PagerDuty sees: the OAuth user, or the shared API key acting as the actor email. */
export const Identity = z.object({
  kind: z.enum(['oauth_user', 'api_key']),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** API-key mode: the email sent as `From` on writes. */
  actorEmail: z.string().nullable(),
  /** `user` keys know who they are; `account` keys do not (/users/me answers 400). */
  keyLevel: z.enum(['account', 'user']).nullable(),
});
export type Identity = z.infer<typeof Identity>;

export const ConnectionView = z.object({
  mode: AuthMode.nullable(),
  status: ConnectionStatus,
  region: Region,
  /** Set only when pointing at a non-PagerDuty host such as the demo simulator. */
  baseUrl: z.string().nullable(),
  identity: Identity.nullable(),
  /** null until a test has shown whether writes are allowed. */
  readOnly: z.boolean().nullable(),
  /** What the person should do next, or why the status is what it is. */
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
  apiKey: z.object({ configured: z.boolean(), actorEmail: z.string().nullable() }),
  oauth: z.object({
    clientId: z.string().nullable(),
    hasClientSecret: z.boolean(),
    scopes: z.string(),
    port: z.number().int(),
    /** true while the system browser is out for sign-in. */
    pending: z.boolean(),
    connected: z.boolean(),
    expiresAt: z.string().nullable(),
  }),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const GatewayView = z.object({
  mcpUrl: z.string(),
  port: z.number().int(),
  paused: z.boolean(),
  sessions: z.number().int(),
  /** The command a stdio-only client (Claude Desktop) runs to reach the gateway. */
  bridgeCommand: z.array(z.string()),
  /** Environment the bridge command needs (the app binary runs it as Node with ELECTRON_RUN_AS_NODE=1). */
  bridgeEnv: z.record(z.string(), z.string()),
});
export type GatewayView = z.infer<typeof GatewayView>;

export const KeychainView = z.object({ available: z.boolean(), message: z.string().nullable() });

export const AppStatus = z.object({
  version: z.string(),
  connection: ConnectionView,
  gateway: GatewayView,
  keychain: KeychainView,
  pendingReview: z.number().int(),
  askPending: z.number().int(),
  connectedClients: z.number().int(),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const ToolClass = z.enum(['read', 'write']);
export type ToolClass = z.infer<typeof ToolClass>;

export const ApprovalState = z.enum(['pending_review', 'approved', 'ask_each_time', 'denied']);
export type ApprovalState = z.infer<typeof ApprovalState>;

export const DefaultClassification = z.enum(['read_approved_write_pending', 'all_pending', 'all_approved']);
export type DefaultClassification = z.infer<typeof DefaultClassification>;

export const ToolAnnotations = z.object({
  readOnlyHint: z.boolean(),
  destructiveHint: z.boolean(),
  idempotentHint: z.boolean(),
  openWorldHint: z.boolean(),
});

export const ToolView = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  area: z.string(),
  toolClass: ToolClass,
  annotations: ToolAnnotations,
  inputSchema: z.record(z.string(), z.unknown()),
  definitionHash: z.string(),
  approvalState: ApprovalState,
  /** The definition changed since it was last approved; it went back to pending review. */
  definitionChanged: z.boolean(),
  /** A short human hint of what changed (e.g. "description changed", "input schema changed"). */
  changeHint: z.string().nullable(),
  toolsetIds: z.array(z.string()),
});
export type ToolView = z.infer<typeof ToolView>;

const Id = z.string().min(1).max(64);
const Name = z.string().trim().min(1, 'A name is required').max(80, 'Names are at most 80 characters');

export const Toolset = z.object({ id: Id, name: Name, tools: z.array(z.string()), builtIn: z.boolean() });
export type Toolset = z.infer<typeof Toolset>;

export const AccessProfile = z.object({ id: Id, name: Name, toolsetIds: z.array(Id), builtIn: z.boolean() });
export type AccessProfile = z.infer<typeof AccessProfile>;

export const ClientView = z.object({
  id: Id,
  name: Name,
  profileId: Id,
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
  /** Live MCP sessions of this client right now. */
  sessions: z.number().int(),
  /** A copy of its token is in the OS keychain, read by the config helper of a client set up that way. */
  tokenInKeychain: z.boolean().optional(),
});
export type ClientView = z.infer<typeof ClientView>;

/** The only place a client token ever leaves the core: once, at creation or rotation. */
export const ClientWithToken = z.object({ client: ClientView, token: z.string() });

export const ClientApp = z.enum(['claude_desktop', 'claude_code', 'cursor', 'vscode', 'windsurf', 'codex', 'gemini_cli', 'zed', 'cline']);
export type ClientApp = z.infer<typeof ClientApp>;

/**
 * Where an AI client's config keeps the bearer token: `keychain` = only in the OS keychain, read at
 * connect time by this app's CLI (Claude Code's headersHelper, Codex's env_http_headers);
 * `client_prompt` = the AI client asks once and keeps it in its own secret storage (VS Code's inputs);
 * `file` = in the config file itself, the plaintext fallback every client takes.
 */
export const TokenPlacement = z.enum(['keychain', 'client_prompt', 'file']);
export type TokenPlacement = z.infer<typeof TokenPlacement>;

export const AuditDecision = z.enum([
  'allowed',
  'ask_approved',
  'ask_denied',
  'not_approved',
  'not_in_profile',
  'paused',
  'not_connected',
  // Appended, never reordered: the audit index stores a decision as its position in this list.
  /** The person did not answer the ask-each-time prompt in time. */
  'ask_timeout',
  /** The client cancelled (or its session closed) while the prompt was waiting. */
  'ask_cancelled',
  /** No tool of that name exists (an AI probing for tools); answered like a hidden tool. */
  'unknown_tool',
  /** Allowed by a time-limited "approve for this client for 15 minutes" the person gave. */
  'ask_granted',
  /** Refused by an argument rule (see `rule`). */
  'rule_denied',
]);
export type AuditDecision = z.infer<typeof AuditDecision>;

// `started`: a write on its way to PagerDuty, recorded before it is sent; its result follows in a second entry.
export const AuditOutcome = z.enum(['ok', 'error', 'refused', 'started']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  time: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  tool: z.string(),
  toolClass: ToolClass.nullable(),
  decision: AuditDecision,
  outcome: AuditOutcome,
  durationMs: z.number(),
  pdStatus: z.number().int().nullable(),
  pdRequestId: z.string().nullable(),
  /** "oauth:<email>" or "api_key:<actor email>"; never a credential. */
  identity: z.string().nullable(),
  /** Redacted: keys kept, long text shortened, secret-looking values removed. */
  args: z.record(z.string(), z.unknown()),
  message: z.string().nullable(),
  /** One id per tools/call: a write's `started` entry and its result share it. Absent in older logs. */
  callId: z.string().optional(),
  /** The MCP client's own clientInfo and the protocol revision it spoke (from initialize or `_meta`). */
  mcpClient: z
    .object({ name: z.string().nullable(), version: z.string().nullable(), protocol: z.string().nullable() })
    .optional(),
  /** The argument rule that decided this call (e.g. "manage_incidents: status = resolved → ask each time"). */
  rule: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  clientId: z.string().optional(),
  tool: z.string().optional(),
  decision: AuditDecision.optional(),
  outcome: AuditOutcome.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditQuery = AuditFilter.extend({
  /** Opaque; from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** seq of the first entry whose hash does not follow from the one before. */
  brokenAt: z.number().int().nullable(),
  /** Torn lines found after a crash and set aside. */
  setAside: z.number().int(),
  message: z.string(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditBucket = z.object({ start: z.string(), calls: z.number().int(), errors: z.number().int(), refused: z.number().int() });

export const AskPrompt = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  tool: z.string(),
  toolTitle: z.string(),
  toolClass: ToolClass,
  args: z.record(z.string(), z.unknown()),
  requestedAt: z.string(),
  expiresAt: z.string(),
});
export type AskPrompt = z.infer<typeof AskPrompt>;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

const settingsFields = {
  defaultClassification: DefaultClassification,
  mcpPort: z.number().int().min(0).max(65535),
  askTimeoutSeconds: z.number().int().min(5).max(600),
  auditRetentionDays: z.number().int().min(1).max(3650),
  /** Window theme; `system` follows the OS. */
  theme: Theme,
  /** Start the app (hidden in the tray) when the person logs in. Off by default. */
  startAtLogin: z.boolean(),
};
// Fields added after the first release carry defaults, so a file written before them still reads.
export const Settings = z.object({
  ...settingsFields,
  theme: settingsFields.theme.default('system'),
  startAtLogin: settingsFields.startAtLogin.default(false),
});
export type SettingsView = z.infer<typeof Settings>;
/** A change to some settings: no defaults here, so a patch never resets a field it does not name. */
export const SettingsPatch = z.object(settingsFields).partial();

export const TestConnectionResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  connection: ConnectionView,
});

export const OAuthProgress = z.object({
  phase: z.enum(['waiting_for_browser', 'exchanging', 'connected', 'failed', 'cancelled']),
  message: z.string().nullable(),
  authorizeUrl: z.string().nullable(),
});
export type OAuthProgress = z.infer<typeof OAuthProgress>;
