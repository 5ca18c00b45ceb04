// The call path, in the order it runs. Every MCP tools/call goes through runToolCall and nothing else:
//   authenticate client → resolve profile → toolset membership → approval state → validate input →
//   argument rules → paused? → connection → ask the person (ask_each_time, an ask rule) → call
//   PagerDuty → shape output → audit.
// Each refusal is audited too, and the audit append is awaited before anything goes back to the client:
// if the entry cannot be written, the call is refused rather than run unrecorded.
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { AuditDecision, AuditOutcome } from '../../../shared/model';
import { redactArgs } from '../audit';
import type { AuditInput, AuditLog } from '../audit/types';
import type { ConnectionService } from '../auth/types';
import type { ToolDefinition } from '../catalog';
import type { Logger } from '../log';
import { PagerDutyError, type PagerDutyApi } from '../pagerduty/types';
import type { AskQueue } from './ask';
import { argsHash } from './args-hash';
import { lookupIdNames } from './id-names';
import { MAX_OUTPUT_CHARS, shapeResult } from './output';
import type { Governance } from './governance';
export { MAX_OUTPUT_CHARS };

export const AUDIT_UNAVAILABLE = 'The audit log cannot be written; calls are refused until it can. Ask the person to check the disk and the app.';
export const PAUSED = 'PagerDuty MCP is paused in the app; ask the person to resume it.';

export interface ChainDeps {
  governance: Governance;
  connection: Pick<ConnectionService, 'forCall'>;
  audit: AuditLog;
  asks: AskQueue;
  isPaused(): boolean;
  askTimeoutMs(): number;
  log: Logger;
  maxOutputChars?: number;
}

export interface ToolCallRequest {
  clientId: string;
  tool: string;
  args: unknown;
  /** Aborted when the client cancels the request or its session closes. */
  signal: AbortSignal;
  /** Who is on the other end of the MCP connection, as it says itself (initialize's clientInfo or `_meta`). */
  peer?: McpPeer;
}

export interface McpPeer {
  /** The MCP protocol revision of the request, e.g. "2026-07-28" or "2025-06-18". */
  protocol: string | null;
  clientName: string | null;
  clientVersion: string | null;
}

/** `unknown_tool` is the one answer for a tool that does not exist AND for one this client may not see. */
export type ToolCallOutcome = { kind: 'unknown_tool' } | { kind: 'result'; result: CallToolResult };

const text = (message: string, isError: boolean): CallToolResult => ({ content: [{ type: 'text', text: message }], ...(isError ? { isError: true } : {}) });
// A probing client picks the name: the audit keeps enough of it to read, not a megabyte.
const MAX_TOOL_NAME = 128;
const auditedName = (name: string) => (name.length > MAX_TOOL_NAME ? `${name.slice(0, MAX_TOOL_NAME)}…` : name);

export async function runToolCall(deps: ChainDeps, req: ToolCallRequest): Promise<ToolCallOutcome> {
  const started = Date.now();
  const time = new Date(started).toISOString();
  const args = redactArgs(req.args ?? {});

  // 1–4. authenticate client, resolve profile, toolset membership, approval state.
  const access = deps.governance.access(req.clientId, req.tool);
  const { client, profile } = access;
  if (!client) return { kind: 'unknown_tool' };
  const known = access.kind === 'unknown' ? null : access.tool;
  /** The argument rule that decided this call, recorded in every entry that follows it. */
  let rule: string | undefined = undefined;

  const entry = (decision: AuditDecision, outcome: AuditOutcome, message: string | null, extra: Partial<AuditInput> = {}): AuditInput => ({
    time,
    clientId: client.id,
    clientName: client.name,
    profileId: profile?.id ?? null,
    profileName: profile?.name ?? null,
    tool: known?.name ?? auditedName(req.tool),
    toolClass: known?.toolClass ?? null,
    decision,
    outcome,
    durationMs: Date.now() - started,
    pdStatus: null,
    pdRequestId: null,
    identity: null,
    args,
    message,
    ...(rule ? { rule } : {}),
    ...extra,
  });
  /** Appends, then returns `result`; if the log cannot take the entry, the answer becomes the refusal. */
  const audited = async (input: AuditInput, result: ToolCallOutcome): Promise<ToolCallOutcome> => {
    try {
      await deps.audit.append(input);
      return result;
    } catch (error) {
      deps.log.error('audit append failed', { tool: known?.name ?? null, error: error instanceof Error ? error.message : String(error) });
      return { kind: 'result', result: text(AUDIT_UNAVAILABLE, true) };
    }
  };
  const refuse = (decision: AuditDecision, message: string, extra: Partial<AuditInput> = {}) =>
    audited(entry(decision, 'refused', message, extra), { kind: 'result', result: text(message, true) });

  if (access.kind !== 'visible') {
    // Recorded for the person (an AI probing for tools is worth seeing), and answered exactly alike —
    // same words, same audit wait, so neither the answer nor its timing tells a hidden tool from none.
    const [decision, message] =
      access.kind === 'unknown'
        ? (['unknown_tool', 'No tool of this name exists.'] as const)
        : ([access.decision, `Hidden from this client: ${access.decision === 'not_in_profile' ? `not in the access profile of ${client.name}` : 'not approved in the app'}.`] as const);
    await audited(entry(decision, 'refused', message), { kind: 'unknown_tool' });
    return { kind: 'unknown_tool' };
  }
  const { tool } = access;
  if (!deps.audit.healthy && !(await deps.audit.probe())) {
    // Refused without touching PagerDuty: a call that cannot be recorded does not run.
    await audited(entry('allowed', 'refused', AUDIT_UNAVAILABLE), { kind: 'unknown_tool' });
    return { kind: 'result', result: text(AUDIT_UNAVAILABLE, true) };
  }

  // 5. validate input: a bad call is the model's to fix, so say exactly what is wrong.
  const parsed = tool.input.safeParse(req.args ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i: { path: PropertyKey[]; message: string }) => `${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`)
      .join('; ');
    const message = `Invalid arguments for ${tool.name}: ${issues}. Fix the arguments and call again.`;
    return audited(entry('allowed', 'error', message), { kind: 'result', result: text(message, true) });
  }

  // 5b. argument rules, on the parsed arguments: a deny refuses here; an ask waits for the person at step 8.
  const verdict = deps.governance.ruleVerdict(tool.name, parsed.data);
  if (verdict?.action === 'deny') {
    rule = verdict.text;
    return refuse('rule_denied', ruleDenied(tool.name, verdict.text));
  }

  // 6. paused: the person switched the gateway off for now.
  if (deps.isPaused()) return refuse('paused', PAUSED);

  // 7. connection: checked before asking, so nobody is asked to approve a call that cannot run.
  const connection = await deps.connection.forCall();
  if (!connection.ok) return refuse('not_connected', connection.message);
  const identity = connection.identityLabel;

  // 8. ask each time (the tool's state or an ask rule): the call waits for the person's decision in the
  // app, unless they approved this client's calls of this tool for a while.
  let decision: AuditDecision = 'allowed';
  const asking = access.state === 'ask_each_time' || verdict?.action === 'ask';
  if (asking) rule = verdict?.text;
  if (asking && deps.asks.grantFor(client.id, client.tokenHash, tool.name)) {
    decision = 'ask_granted';
  } else if (asking) {
    const labels = await lookupIdNames(connection.api, parsed.data, { signal: req.signal });
    const reason = verdict ? `Your argument rule asks first: ${verdict.text}.` : 'This tool is set to ask each time.';
    const answer = await deps.asks.ask(
      { clientId: client.id, clientName: client.name, tokenHash: client.tokenHash, tool, args: parsed.data, sent: req.args, labels, reason },
      deps.askTimeoutMs(),
      req.signal,
    );
    if (!answer.approved) {
      const message =
        answer.reason === 'timeout'
          ? `Nobody approved ${tool.name} in the app in time, so it was not run. Ask the person to watch for the prompt and try again.`
          : answer.reason === 'cancelled'
            ? `The request to run ${tool.name} was cancelled before the person decided.`
            : `The person declined to run ${tool.name}. Do not retry unless they ask you to.`;
      return refuse('ask_denied', message, { identity });
    }
    // What runs is byte for byte what the person approved.
    if (answer.argsHash !== argsHash(parsed.data)) return refuse('ask_denied', `The arguments of ${tool.name} changed after the person approved them, so it was not run.`, { identity });
    decision = 'ask_approved';
  }

  // A write cannot be taken back: it is recorded as `started` before PagerDuty sees it, so even a disk
  // or process that fails mid-call leaves a trace of it. No record, no write.
  if (tool.toolClass === 'write') {
    try {
      await deps.audit.append(entry(decision, 'started', 'Sent to PagerDuty; the result follows in the next entry for this call.', { identity }));
    } catch (error) {
      deps.log.error('audit append failed', { tool: tool.name, error: error instanceof Error ? error.message : String(error) });
      return { kind: 'result', result: text(AUDIT_UNAVAILABLE, true) };
    }
  }

  // 9. call PagerDuty, recording the last response's status and request id for the audit entry.
  const seen = { status: null as number | null, requestId: null as string | null };
  const api = recording(connection.api, seen);
  let result: ToolCallOutcome;
  let outcome: AuditOutcome = 'ok';
  let message: string | null = null;
  try {
    const output = await tool.run(parsed.data, { pd: api, signal: req.signal, userId: connection.userId, fromEmail: connection.fromEmail });
    // 10. shape output.
    result = { kind: 'result', result: shapeResult(tool, output, deps.maxOutputChars ?? MAX_OUTPUT_CHARS) };
  } catch (error) {
    outcome = 'error';
    message = describeToolError(tool, error);
    if (error instanceof PagerDutyError) {
      seen.status = error.status ?? seen.status;
      seen.requestId = error.requestId ?? seen.requestId;
    }
    result = { kind: 'result', result: text(message, true) };
  }
  // 11. audit, awaited: only what is on disk goes back to the client.
  return audited(entry(decision, outcome, message, { identity, pdStatus: seen.status, pdRequestId: seen.requestId }), result);
}

/** Worded for the AI to relay: the person's own rule refused it, so retrying cannot help. */
function ruleDenied(toolName: string, ruleText: string): string {
  return `The person's rule "${ruleText}" refuses this call of ${toolName}, so it was not run. Do not retry it; tell the person what you wanted to do, so they can do it themselves or change the rule in the app.`;
}

function describeToolError(tool: ToolDefinition<any>, error: unknown): string {
  // Both are already worded for the AI to relay.
  if (error instanceof PagerDutyError || (error instanceof Error && error.name === 'ToolError')) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `${tool.name} failed: ${detail}`;
}

function recording(api: PagerDutyApi, seen: { status: number | null; requestId: string | null }): PagerDutyApi {
  return {
    async request<T>(r: Parameters<PagerDutyApi['request']>[0]) {
      const res = await api.request<T>(r);
      seen.status = res.status;
      seen.requestId = res.requestId;
      return res;
    },
    async list<T>(...a: Parameters<PagerDutyApi['list']>) {
      const res = await api.list<T>(...a);
      seen.status = 200;
      seen.requestId = res.requestId;
      return res;
    },
  };
}
