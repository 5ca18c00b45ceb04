// REST API key mode end to end: the real simulator over loopback HTTP, the real keychain, real settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import { PagerDutyError } from '../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../simulator';
import { createHarness, filesContaining, loggedBytes, SECRET_NAMES, settle } from './harness';

let sim: Simulator;
const usedSecrets: string[] = [];
const dataDirs: string[] = [];

beforeAll(async () => {
  sim = await createSimulator();
  usedSecrets.push(...Object.values(sim.keys));
});
afterAll(async () => {
  await settle();
  // No file any test wrote (settings, logs) holds a key that was used.
  expect(loggedBytes(dataDirs)).toBeGreaterThan(0);
  for (const dir of dataDirs) expect(filesContaining(dir, usedSecrets)).toEqual([]);
  await sim.close();
});

function harness() {
  const t = createHarness();
  dataDirs.push(t.dataDir);
  return t;
}

async function rejected(p: Promise<unknown>): Promise<ContractError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

const actor = () => sim.users[1]!;
const firstIncident = () => [...sim.db.collection<{ id: string; status: string }>('incidents').values()].find((i) => i.status !== 'resolved')!;

describe('REST API key mode', () => {
  it('saves a working account key with its actor email: keychain holds the key, calls send it and From', async () => {
    const t = harness();
    const result = await t.h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    expect(result.ok).toBe(true);
    expect(result.message).toContain('account-level API key');
    expect(result.message).toContain(actor().email);
    expect(result.connection).toMatchObject({ mode: 'api_key', status: 'connected', readOnly: false });
    expect(result.connection.identity).toMatchObject({ kind: 'api_key', actorEmail: actor().email, keyLevel: 'account', userId: actor().id });
    expect(await t.secrets.get('api_key')).toBe(sim.keys.account);

    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    expect(call.identityLabel).toBe(`api_key:${actor().email}`);
    const incident = firstIncident();
    await call.api.request({ method: 'POST', path: `/incidents/${incident.id}/notes`, body: { note: { content: 'from the auth test' } } });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', from: actor().email });
    await t.close();
  });

  it('knows a user-level key by its own user', async () => {
    const t = harness();
    const result = await t.h['connection.saveApiKey']({ apiKey: sim.keys.user, actorEmail: sim.users[0]!.email, region: 'us', baseUrl: sim.apiUrl('us') });
    expect(result.connection.identity?.keyLevel).toBe('user');
    expect(result.message).toContain(`user-level API key of ${sim.users[0]!.name}`);
    await t.close();
  });

  it('refuses a key PagerDuty rejects and changes nothing', async () => {
    const t = harness();
    const before = t.settings.read().connection;
    const bogus = 'NotARealKey1234567890';
    usedSecrets.push(bogus);
    const error = await rejected(t.h['connection.saveApiKey']({ apiKey: bogus, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') }));
    expect(error.message).toMatch(/^PagerDuty rejected this API key \(401\)/);
    expect(error.field).toBe('apiKey');
    expect(t.settings.read().connection).toEqual(before);
    expect(await t.secrets.get('api_key')).toBeNull();
    expect(t.service.view().status).toBe('not_configured');
    await t.close();
  });

  it('refuses an actor email that is no user of the account and changes nothing', async () => {
    const t = harness();
    const error = await rejected(
      t.h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: 'nobody@example.com', region: 'us', baseUrl: sim.apiUrl('us') }),
    );
    expect(error.message).toContain('No PagerDuty user has the email nobody@example.com; the actor email must be a user of this account');
    expect(error.field).toBe('actorEmail');
    expect(await t.secrets.get('api_key')).toBeNull();
    expect(t.settings.read().connection.mode).toBeNull();
    await t.close();
  });

  it('refuses a plain-http base URL that is not on this machine', async () => {
    const t = harness();
    const error = await rejected(
      t.h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: actor().email, region: 'us', baseUrl: 'http://pagerduty.example.com' }),
    );
    expect(error.code).toBe('insecure_url');
    expect(error.field).toBe('baseUrl');
    expect(sim.requests.some((r) => r.headers.host === 'pagerduty.example.com')).toBe(false);
    await t.close();
  });

  it('shows a read-only key as read-only, and a write with it fails with a 403 that names the cause', async () => {
    const t = harness();
    const notesBefore = sim.db.collection('notes').size;
    const saved = await t.h['connection.saveApiKey']({ apiKey: sim.keys.accountReadOnly, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    expect(saved.connection.readOnly).toBe(true);
    const tested = await t.h['connection.test']({});
    expect(tested.ok).toBe(true);
    expect(tested.connection.readOnly).toBe(true);
    expect(tested.message).toContain('read-only');

    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    const error = await call.api
      .request({ method: 'POST', path: `/incidents/${firstIncident().id}/notes`, body: { note: { content: 'should not land' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagerDutyError);
    expect((error as PagerDutyError).status).toBe(403);
    expect((error as PagerDutyError).message).toContain('The PagerDuty REST API key saved in the PagerDuty MCP app is read-only');
    // The probe and the refused write changed nothing in the account.
    expect(sim.db.collection('notes').size).toBe(notesBefore);
    await t.close();
  });

  it('rotates to a new key: verified first, in-flight calls keep the old key, later calls use the new one, the old one leaves the keychain', async () => {
    const t = harness();
    const oldKey = 'OldRotationKey0000001';
    const newKey = 'NewRotationKey0000002';
    usedSecrets.push(oldKey, newKey);
    sim.db.apiKeys.set(oldKey, { level: 'account', userId: null, readOnly: false });
    sim.db.apiKeys.set(newKey, { level: 'account', userId: null, readOnly: false });
    await t.h['connection.saveApiKey']({ apiKey: oldKey, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    const inFlight = await t.service.forCall();
    if (!inFlight.ok) throw new Error(inFlight.message);

    // A bad new key is refused and the old one stays.
    const bad = await rejected(t.h['connection.rotateApiKey']({ apiKey: 'RevokedOrTypoKey00003' }));
    expect(bad.field).toBe('apiKey');
    expect(await t.secrets.get('api_key')).toBe(oldKey);
    // The same key again is not a rotation.
    expect((await rejected(t.h['connection.rotateApiKey']({ apiKey: oldKey }))).code).toBe('same_api_key');

    const rotated = await t.h['connection.rotateApiKey']({ apiKey: newKey });
    expect(rotated.ok).toBe(true);
    expect(rotated.connection.status).toBe('connected');
    expect(await t.secrets.get('api_key')).toBe(newKey);
    for (const name of SECRET_NAMES) expect(await t.secrets.get(name)).not.toBe(oldKey);

    // The call that started before the switch still works with the old key (not yet deleted in PagerDuty).
    await expect(inFlight.api.request({ method: 'GET', path: '/users/me' }).catch((e: PagerDutyError) => e.status)).resolves.toBe(400);
    // Once the person deletes the old key in PagerDuty, new calls still work: they use the new key.
    sim.db.apiKeys.get(oldKey)!.revoked = true;
    const after = await t.service.forCall();
    if (!after.ok) throw new Error(after.message);
    const users = await after.api.request<{ users: unknown[] }>({ method: 'GET', path: '/users' });
    expect(users.status).toBe(200);
    expect(await inFlight.api.request({ method: 'GET', path: '/users' }).catch((e: PagerDutyError) => e.status)).toBe(401);
    await t.close();
  });

  it('test proves the credentials: a key deleted in PagerDuty turns the status to error with the reason', async () => {
    const t = harness();
    const key = 'SoonDeletedKey0000004';
    usedSecrets.push(key);
    sim.db.apiKeys.set(key, { level: 'account', userId: null, readOnly: false });
    await t.h['connection.saveApiKey']({ apiKey: key, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    const ok = await t.h['connection.test']({});
    expect(ok).toMatchObject({ ok: true, connection: { status: 'connected', readOnly: false } });
    expect(ok.connection.checkedAt).not.toBeNull();

    sim.db.apiKeys.get(key)!.revoked = true;
    const failed = await t.h['connection.test']({});
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('PagerDuty rejected this API key (401)');
    expect(failed.connection.status).toBe('error');

    // A tool call that meets the 401 also marks it, so the tray can show it.
    sim.db.apiKeys.get(key)!.revoked = false;
    await t.h['connection.test']({});
    sim.db.apiKeys.get(key)!.revoked = true;
    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    await expect(call.api.request({ method: 'GET', path: '/users' })).rejects.toMatchObject({ status: 401 });
    expect(t.service.view()).toMatchObject({ status: 'error' });
    expect(t.service.view().message).toContain('Save a new key');
    await t.close();
  });

  it('without a connection, a call gets the AI-worded reason and one throttled notification, never a browser', async () => {
    const t = harness();
    const first = await t.service.forCall();
    expect(first).toEqual({
      ok: false,
      reason: 'not_configured',
      message: 'PagerDuty is not connected. Ask the person to open the PagerDuty MCP app and connect PagerDuty (Connection page).',
    });
    await t.service.forCall();
    expect(t.platform.notifications).toHaveLength(1);
    expect(t.platform.notifications[0]).toMatchObject({ actionLabel: 'Connect' });
    t.advance(61_000);
    await t.service.forCall();
    expect(t.platform.notifications).toHaveLength(2);
    expect(t.platform.opened).toEqual([]);

    // Connecting makes the next call work, no restart.
    await t.h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    expect((await t.service.forCall()).ok).toBe(true);
    await t.close();
  });

  it('disconnect removes the key from the keychain; switching modes keeps each mode\'s settings', async () => {
    const t = harness();
    await t.h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: actor().email, region: 'us', baseUrl: sim.apiUrl('us') });
    const changes: string[] = [];
    t.service.onChange((v) => changes.push(v.status));
    const switched = await t.h['connection.setMode']({ mode: 'oauth' });
    expect(switched).toMatchObject({ mode: 'oauth', status: 'not_configured' });
    expect((await t.service.forCall()).ok).toBe(false);
    const back = await t.h['connection.setMode']({ mode: 'api_key' });
    expect(back.status).toBe('connected');
    expect(changes).toContain('not_configured');

    const view = await t.h['connection.disconnect']({});
    expect(view.status).toBe('not_configured');
    expect(view.apiKey.configured).toBe(false);
    expect(await t.secrets.get('api_key')).toBeNull();
    expect((await t.service.forCall()).ok).toBe(false);
    await t.close();
  });
});
