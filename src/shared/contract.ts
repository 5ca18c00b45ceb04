// The one contract between the core and every UI. Each call is a pair of zod schemas (arguments,
// result); each event one schema. Main binds it to ipcMain, headless serves it over HTTP + SSE, and the
// renderer only ever sees a `Bridge`. Adding a call = one entry here + one handler in the core.
import { z } from 'zod';
import { ClientSetup, InstallOutcome, InstallPreview } from './client-configs';
import {
  AccessProfile,
  AppStatus,
  ApprovalState,
  AskPrompt,
  AuditBucket,
  AuditEntry,
  AuditFilter,
  AuditPage,
  AuditQuery,
  AuditVerifyResult,
  AuthMode,
  ClientApp,
  ClientView,
  ClientWithToken,
  ConnectionView,
  DefaultClassification,
  OAuthProgress,
  Region,
  Settings,
  SettingsPatch,
  TestConnectionResult,
  TokenPlacement,
  Toolset,
  ToolView,
} from './model';

const call = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });
const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const id = z.object({ id: z.string().min(1).max(64) }).strict();
const email = z.string().trim().email('Enter the email address of a PagerDuty user');
const name = z.string().trim().min(1, 'A name is required').max(80, 'Names are at most 80 characters');
// PagerDuty REST keys are 20 characters today; allow some room without accepting pasted prose.
const apiKey = z
  .string()
  .trim()
  .min(8, 'That is too short to be a PagerDuty REST API key')
  .max(200, 'That is too long to be a PagerDuty REST API key')
  .regex(/^[A-Za-z0-9_+\-.=]+$/, 'A PagerDuty REST API key has only letters, digits and - _ + . =');
const httpUrl = z.url({ protocol: /^https?$/ }).max(500);
const clientToken = z.string().min(20).max(200);
const serverName = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use a server name of 1 to 40 letters, digits, "-" or "_"').default('pagerduty');
/** placement: where the token lives (default: the client's recommended way). */
const installArgs = { app: ClientApp, token: clientToken, serverName, placement: TokenPlacement.optional() };

export const calls = {
  'status.get': call(none, AppStatus),
  'settings.get': call(none, Settings),
  'settings.update': call(SettingsPatch.strict(), Settings),

  // Connection (auth modes, credentials, testing)
  'connection.get': call(none, ConnectionView),
  'connection.setMode': call(z.object({ mode: AuthMode }).strict(), ConnectionView),
  'connection.saveApiKey': call(
    z.object({ apiKey, actorEmail: email, region: Region, baseUrl: httpUrl.nullable().optional() }).strict(),
    TestConnectionResult,
  ),
  'connection.rotateApiKey': call(z.object({ apiKey }).strict(), TestConnectionResult),
  'connection.test': call(none, TestConnectionResult),
  'connection.saveOAuthSettings': call(
    z
      .object({
        clientId: z.string().trim().min(1, 'Enter the OAuth client ID').max(200),
        // undefined keeps the stored secret, null removes it, a string replaces it.
        clientSecret: z.string().trim().min(1).max(500).nullable().optional(),
        scopes: z.string().trim().min(1, 'Enter at least one scope (e.g. "read" or "write")').max(2000),
        port: z.number().int().min(1024, 'Use a port from 1024 to 65535').max(65535, 'Use a port from 1024 to 65535'),
        region: Region.optional(),
        baseUrl: httpUrl.nullable().optional(),
        authBaseUrl: httpUrl.nullable().optional(),
      })
      .strict(),
    ConnectionView,
  ),
  'connection.startOAuth': call(none, OAuthProgress),
  'connection.cancelOAuth': call(none, ConnectionView),
  'connection.disconnect': call(none, ConnectionView),

  // Gateway
  'gateway.setPaused': call(z.object({ paused: z.boolean() }).strict(), AppStatus),

  // Tools and governance
  'tools.list': call(none, z.array(ToolView)),
  'tools.setState': call(
    z.object({ names: z.array(z.string().min(1).max(128)).min(1).max(500), state: ApprovalState }).strict(),
    z.array(ToolView),
  ),
  'toolsets.list': call(none, z.array(Toolset)),
  'toolsets.create': call(z.object({ name, tools: z.array(z.string().max(128)).max(500).default([]) }).strict(), Toolset),
  'toolsets.update': call(
    z.object({ id: z.string(), name: name.optional(), tools: z.array(z.string().max(128)).max(500).optional() }).strict(),
    Toolset,
  ),
  'toolsets.delete': call(id, ok),
  'profiles.list': call(none, z.array(AccessProfile)),
  'profiles.create': call(z.object({ name, toolsetIds: z.array(z.string()).max(200).default([]) }).strict(), AccessProfile),
  'profiles.update': call(
    z.object({ id: z.string(), name: name.optional(), toolsetIds: z.array(z.string()).max(200).optional() }).strict(),
    AccessProfile,
  ),
  'profiles.delete': call(id, ok),

  // Clients (local AI clients with their own bearer token)
  'clients.list': call(none, z.array(ClientView)),
  'clients.create': call(z.object({ name, profileId: z.string() }).strict(), ClientWithToken),
  'clients.rename': call(z.object({ id: z.string(), name }).strict(), ClientView),
  'clients.bind': call(z.object({ id: z.string(), profileId: z.string() }).strict(), ClientView),
  'clients.rotate': call(id, ClientWithToken),
  'clients.revoke': call(id, ClientView),
  /** Paste-in configuration for every AI client and every way it can hold this (live) token. */
  'clients.setups': call(z.object({ token: clientToken, serverName }).strict(), z.array(ClientSetup)),
  /** The exact change "Add to …" would make to the AI client's config file; writes nothing. */
  'clients.previewInstall': call(z.object(installArgs).strict(), InstallPreview),
  /** Writes our entry into the AI client's own config file (backup kept, other entries untouched). */
  'clients.install': call(
    z.object({ ...installArgs, baseHash: z.string().max(64).nullable().optional() }).strict(),
    InstallOutcome,
  ),
  /** Puts the config file back as it was before that install (only if nobody changed it since). */
  'clients.undoInstall': call(z.object({ installId: z.string().min(1).max(64) }).strict(), z.object({ path: z.string(), restored: z.enum(['previous', 'removed']) })),

  // Ask-each-time decisions
  'ask.list': call(none, z.array(AskPrompt)),
  'ask.decide': call(z.object({ id: z.string(), approve: z.boolean() }).strict(), ok),

  // Audit timeline
  'audit.query': call(AuditQuery.strict(), AuditPage),
  'audit.get': call(z.object({ seq: z.number().int().min(0) }).strict(), AuditEntry.nullable()),
  'audit.verify': call(none, AuditVerifyResult),
  'audit.export': call(
    z.object({ format: z.enum(['jsonl', 'csv']), filter: AuditFilter.default({}) }).strict(),
    z.object({ path: z.string(), count: z.number().int() }),
  ),
  'audit.histogram': call(
    z
      .object({
        since: z.iso.datetime({ offset: true }),
        until: z.iso.datetime({ offset: true }),
        buckets: z.number().int().min(1).max(500),
      })
      .strict(),
    z.array(AuditBucket),
  ),

  // Shell actions the window asks for (no-ops headless where they make no sense)
  'app.openExternal': call(z.object({ url: z.url({ protocol: /^https$/ }) }).strict(), ok),
} as const;

export const events = {
  'status.changed': AppStatus,
  'tools.changed': z.object({ reason: z.string() }),
  'clients.changed': z.object({}),
  'audit.appended': AuditEntry,
  'ask.requested': AskPrompt,
  'ask.resolved': z.object({ id: z.string(), approved: z.boolean(), reason: z.enum(['decided', 'timeout', 'cancelled']) }),
  'oauth.progress': OAuthProgress,
  'defaults.changed': z.object({ defaultClassification: DefaultClassification }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type CallArgsParsed<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.output<Calls[K]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(value: string): value is CallName {
  return Object.prototype.hasOwnProperty.call(calls, value);
}

/** What a handler throws so that the UI can show a sentence and, where useful, mark a field. */
export const ContractErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().nullable().optional(),
});
export type ContractErrorBody = z.infer<typeof ContractErrorBody>;

export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toBody(): ContractErrorBody {
    return { code: this.code, message: this.message, field: this.field };
  }
}

/** Turns a zod failure on call arguments into one readable sentence naming the field. */
export function describeInvalidArgs(error: z.ZodError): ContractError {
  const first = error.issues[0];
  const field = first?.path.length ? first.path.join('.') : null;
  const message = first ? (field ? `${field}: ${first.message}` : first.message) : 'Invalid arguments';
  return new ContractError('invalid_arguments', message, field);
}

/** The renderer's only way to the core; two implementations (Electron IPC, local HTTP). */
export interface Bridge {
  invoke<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly transport: 'ipc' | 'http';
}

export type Handlers = { [K in CallName]: (args: CallArgsParsed<K>) => Promise<CallResult<K>> };

/** Validate-then-run: the one path every call takes in both transports. */
export async function dispatch<K extends CallName>(handlers: Handlers, name: K, rawArgs: unknown): Promise<CallResult<K>> {
  const parsed = calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) throw describeInvalidArgs(parsed.error);
  return handlers[name](parsed.data as CallArgsParsed<K>);
}

/** Any thrown value as the error body both transports send: ContractErrors keep their code and field. */
export function errorBody(error: unknown): ContractErrorBody {
  if (error instanceof ContractError) return error.toBody();
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'internal',
    message: error instanceof Error ? error.message : String(error),
    field: null,
  };
}
