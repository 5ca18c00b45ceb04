import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText, startProofRig, type ProofRig } from '../../support/proof';

// Rotating the REST API key while an AI client is connected: its session keeps working, the next call
// already uses the new key (the old one is revoked at PagerDuty right after), and the old key is gone
// from the keychain.
let rig: ProofRig;
beforeAll(async () => {
  rig = await startProofRig({ clients: 1 });
});
afterAll(async () => {
  await rig?.close();
});

describe('API key rotation during a live MCP session', () => {
  it('switches the session to the new key without reconnecting', async () => {
    const client = await rig.connect(0);
    const call = () => client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
    expect((await call()).isError).toBeFalsy();

    const oldKey = rig.sim.keys.account;
    const newKey = 'RotatedAccountKey0001';
    rig.sim.db.apiKeys.set(newKey, { ...rig.sim.db.apiKeys.get(oldKey)! });
    const rotated = await rig.t.call('connection.rotateApiKey', { apiKey: newKey });
    expect(rotated.ok).toBe(true);
    // PagerDuty side: the person deletes the old key once the app uses the new one.
    rig.sim.db.apiKeys.get(oldKey)!.revoked = true;

    const after = await call();
    expect(after.isError, resultText(after)).toBeFalsy();
    expect((await rig.t.call('status.get', {})).connection.status).toBe('connected');
    expect(await rig.t.secrets.get('api_key')).toBe(newKey);
  });
});
