// Bad tool arguments: property-based arguments for every catalog tool, sent by the SDK's real Client
// through the gateway. Arguments the tool's schema rejects get an isError result naming the field and
// saying to fix it — and PagerDuty sees no request. FUZZ_RUNS=10000 (npm run fuzz) for the long run.
import type { Client } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, type ToolDefinition } from '../../src/main/core/catalog';
import { fuzzRuns, fuzzTimeout, jsonValue } from '../support/fuzz';
import { resultText, startProofRig, type ProofRig } from '../support/proof';

let rig: ProofRig;
let client: Client;

beforeAll(async () => {
  rig = await startProofRig();
  await rig.setState(catalog.map((t) => t.name), 'approved');
  // The default argument rules would hold some valid writes for a person's answer; this is about validation.
  for (const rule of await rig.t.call('rules.list', {})) await rig.t.call('rules.delete', { id: rule.id });
  client = await rig.connect();
});
afterAll(async () => {
  await rig?.close();
});

/** Arguments shaped like the tool's (its own field names, sometimes a stray one) with arbitrary values. */
function argsFor(tool: ToolDefinition<any>) {
  const keys = Object.keys(tool.input.shape);
  const key = keys.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }) : fc.string({ maxLength: 10 });
  const value = fc.oneof(
    jsonValue,
    fc.constantFrom('', ' ', 'P123ABC', '2024-13-45T99:99:99Z', '../../etc/passwd', '%2F..%2F', 'a'.repeat(5000), '<script>', -1, 0, 1e308, 10_001),
  );
  // Round-tripped through JSON, as the wire does: what the gateway validates is what we judge.
  return fc.dictionary(key, value, { maxKeys: 5 }).map((a) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>);
}

const toolAndArgs = fc.constantFrom(...catalog).chain((tool) => argsFor(tool).map((args) => ({ tool, args })));

describe('tool arguments', () => {
  const schemaRuns = fuzzRuns(2000) * 5;
  it(`every tool's schema answers arbitrary input with a verdict, never an exception (${schemaRuns} cases)`, { timeout: fuzzTimeout(schemaRuns, 0.2) }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog), fc.oneof(jsonValue, fc.anything()), (tool, args) => {
        const parsed = tool.input.safeParse(args);
        if (!parsed.success) for (const issue of parsed.error.issues) expect(issue.message.length).toBeGreaterThan(3);
      }),
      { numRuns: schemaRuns },
    );
  });

  const runs = fuzzRuns(400);
  it(`through the gateway: invalid arguments get a clear error and no PagerDuty request (${runs} cases)`, { timeout: fuzzTimeout(runs, 30) }, async () => {
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(toolAndArgs, async ({ tool, args }) => {
        const valid = tool.input.safeParse(args).success;
        const before = rig.upstream();
        const result = await client.callTool({ name: tool.name, arguments: args });
        if (valid) return; // a real call: it may reach PagerDuty and succeed or fail there
        invalid += 1;
        expect(result.isError).toBe(true);
        const text = resultText(result);
        expect(text).toMatch(new RegExp(`^Invalid arguments for ${tool.name}: .+\\. Fix the arguments and call again\\.$`, 's'));
        expect(rig.upstream()).toBe(before);
      }),
      { numRuns: runs },
    );
    expect(invalid).toBeGreaterThan(runs / 2);
    const last = await client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
    expect(last.isError).toBeFalsy();
  });

  it('answers an unknown tool like a hidden one, without calling PagerDuty', async () => {
    const before = rig.upstream();
    await expect(client.callTool({ name: 'drop_all_incidents', arguments: {} })).rejects.toThrow(/Unknown tool: drop_all_incidents/);
    expect(rig.upstream()).toBe(before);
  });
});
