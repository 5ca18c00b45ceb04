// Governance: who may call which PagerDuty tool, and the one call path that enforces it.
export { createGovernance, type Governance, type ToolAccess, type RuleVerdict } from './governance';
export { createAskQueue, GRANT_MINUTES, type AskQueue, type AskAnswer, type AskInput } from './ask';
export { DEFAULT_RULES, ruleMatches } from './argument-rules';
export { argsHash } from './args-hash';
export { lookupIdNames, findIds, MAX_LOOKUPS } from './id-names';
export { runToolCall, AUDIT_UNAVAILABLE, PAUSED, MAX_OUTPUT_CHARS, type ChainDeps, type ToolCallRequest, type ToolCallOutcome, type McpPeer } from './chain';
export { newClientToken, hashClientToken, CLIENT_TOKEN_PREFIX } from './tokens';
export { BUILT_IN_PROFILES, BUILT_IN_TOOLSETS, RESPONDER_WRITE_TOOLS } from './defaults';
export { firstState, reconcile } from './discovery';
export { toolInputSchema } from './discovery';
export { toolListEntry, type ToolListEntry } from './listing';
