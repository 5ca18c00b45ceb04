// The persisted (non-secret) state: settings, connection metadata and governance. One zod schema, with
// versioned migrations, so a file written by an older app version or edited by hand is either upgraded
// or refused with a clear message — never half-read.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessProfile, ApprovalState, ArgumentRule, AuthMode, Region, Settings, Toolset } from '../../../shared/model';

export const SCHEMA_VERSION = 1;
export const DEFAULT_MCP_PORT = 7428;
export const DEFAULT_OAUTH_PORT = 7429;

export const ToolRecord = z.object({
  state: ApprovalState,
  /** The definition hash this state was decided for. */
  decidedHash: z.string().nullable(),
  /** Set when a newer definition replaced an approved one: what it looked like then. */
  changedFrom: z
    .object({ hash: z.string(), description: z.string(), inputSchema: z.string() })
    .nullable()
    .default(null),
  /** What the tool looked like when its state was decided, so a later change can say what changed. */
  decidedSnapshot: z.object({ description: z.string(), inputSchema: z.string() }).nullable().default(null),
});
export type ToolRecord = z.infer<typeof ToolRecord>;

export const ClientRecord = z.object({
  id: z.string(),
  name: z.string(),
  profileId: z.string(),
  /** sha256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ClientRecord = z.infer<typeof ClientRecord>;

export const OAuthUser = z.object({ id: z.string(), name: z.string().nullable(), email: z.string() });

export const PersistedState = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Names this data directory's keychain entries, so two data dirs never share secrets. */
  instanceId: z.string(),
  settings: Settings,
  connection: z.object({
    mode: AuthMode.nullable(),
    region: Region,
    baseUrl: z.string().nullable(),
    apiKey: z.object({
      configured: z.boolean(),
      actorEmail: z.string().nullable(),
      keyLevel: z.enum(['account', 'user']).nullable(),
      readOnly: z.boolean().nullable(),
      /** The PagerDuty user behind the actor email (looked up when the key was saved). */
      actorUserId: z.string().nullable().default(null),
      actorName: z.string().nullable().default(null),
    }),
    oauth: z.object({
      clientId: z.string().nullable(),
      hasClientSecret: z.boolean(),
      scopes: z.string(),
      port: z.number().int(),
      authBaseUrl: z.string().nullable(),
      user: OAuthUser.nullable(),
      expiresAt: z.string().nullable(),
      needsAuth: z.boolean(),
      /** The scope PagerDuty granted (it may be less than asked for) and whether it allows writes. */
      grantedScope: z.string().nullable().default(null),
      readOnly: z.boolean().nullable().default(null),
    }),
    lastCheck: z
      .object({ at: z.string(), ok: z.boolean(), message: z.string().nullable() })
      .nullable(),
  }),
  gateway: z.object({ paused: z.boolean() }),
  governance: z.object({
    tools: z.record(z.string(), ToolRecord),
    toolsets: z.array(Toolset),
    profiles: z.array(AccessProfile),
    clients: z.array(ClientRecord),
    /** Built-in toolsets/profiles are created once; deleting them later must not bring them back. */
    defaultsCreated: z.boolean().default(false),
    /** Argument rules (ask or deny by one argument's value), evaluated in list order. */
    rules: z.array(ArgumentRule).default([]),
    /** The default rules are added once (also to files written before rules existed), never revived. */
    rulesDefaultsCreated: z.boolean().default(false),
  }),
});
export type PersistedState = z.infer<typeof PersistedState>;

export function defaultState(): PersistedState {
  return {
    schemaVersion: SCHEMA_VERSION,
    instanceId: randomUUID(),
    settings: {
      defaultClassification: 'read_approved_write_pending',
      mcpPort: DEFAULT_MCP_PORT,
      askTimeoutSeconds: 60,
      auditRetentionDays: 90,
      theme: 'system',
      startAtLogin: false,
    },
    connection: {
      mode: null,
      region: 'us',
      baseUrl: null,
      apiKey: { configured: false, actorEmail: null, keyLevel: null, readOnly: null, actorUserId: null, actorName: null },
      oauth: {
        clientId: null,
        hasClientSecret: false,
        scopes: 'read write',
        port: DEFAULT_OAUTH_PORT,
        authBaseUrl: null,
        user: null,
        expiresAt: null,
        needsAuth: false,
        grantedScope: null,
        readOnly: null,
      },
      lastCheck: null,
    },
    gateway: { paused: false },
    governance: { tools: {}, toolsets: [], profiles: [], clients: [], defaultsCreated: false, rules: [], rulesDefaultsCreated: false },
  };
}

/** Migrations from version N to N+1, keyed by N. Version 0 = a file with no schemaVersion (empty or pre-release). */
export const MIGRATIONS: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = Object.freeze({
  0: (raw) => ({ ...defaultState(), ...raw, schemaVersion: 1 }),
});

export class SettingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

/** Brings raw file content up to the current schema, or explains why it cannot. */
export function migrate(raw: unknown): PersistedState {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsFileError('The settings file does not hold a JSON object. Move it aside and restart to start fresh.');
  }
  let data = raw as Record<string, unknown>;
  let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  if (version > SCHEMA_VERSION) {
    throw new SettingsFileError(
      `The settings file was written by a newer version of the app (schema ${version}); update the app to use it.`,
    );
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new SettingsFileError(`No migration from settings schema ${version}.`);
    data = step(data);
    version += 1;
  }
  const parsed = PersistedState.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsFileError(
      `The settings file is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Fix or move it aside.`,
    );
  }
  return parsed.data;
}
