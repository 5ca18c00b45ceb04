import { describe, expect, it } from 'vitest';
import { redactArgs } from '../../../../src/main/core/audit';

describe('redactArgs', () => {
  it('keeps keys and short values as they are', () => {
    expect(redactArgs({ incident_id: 'P123ABC', limit: 25, urgent: true, note: null })).toEqual({
      incident_id: 'P123ABC',
      limit: 25,
      urgent: true,
      note: null,
    });
  });

  it('shortens long text and says how long it was', () => {
    const body = 'x'.repeat(5000);
    const out = redactArgs({ body });
    expect(out.body).toBe(`${'x'.repeat(200)}…(5000 chars)`);
    // A second pass (the log re-applies redaction) leaves it alone.
    expect(redactArgs(out)).toEqual(out);
  });

  it('replaces values of secret-looking keys, at any depth, but not look-alikes', () => {
    const out = redactArgs({
      apiKey: 'u+abcdefghij',
      client_secret: 's3cr3t',
      Authorization: 'Token token=abc',
      password: 'hunter2',
      headers: { Cookie: 'session=1', 'X-Auth-Token': 'abc' },
      routing_key: 'R0123',
      key: 'value',
      keyword: 'disk',
      monkey: 'banana',
      author: 'Ada',
    });
    expect(out).toEqual({
      apiKey: '[redacted]',
      client_secret: '[redacted]',
      Authorization: '[redacted]',
      password: '[redacted]',
      headers: '[redacted]', // header maps are dropped whole: any header may carry a credential
      routing_key: '[redacted]',
      key: '[redacted]',
      keyword: 'disk',
      monkey: 'banana',
      author: 'Ada',
    });
  });

  it('removes a bearer token that shows up inside ordinary text', () => {
    const out = redactArgs({ note: 'curl -H "Authorization: Bearer abcdefghijklmnop1234"' });
    expect(out.note).not.toContain('abcdefghijklmnop1234');
  });

  it('bounds depth and length of nested objects and arrays', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const out = redactArgs({ deep, list: Array.from({ length: 120 }, (_, i) => i) });
    expect(JSON.stringify(out)).toContain('[nested]');
    expect(JSON.stringify(out).length).toBeLessThan(1000);
    const list = out.list as unknown[];
    expect(list).toHaveLength(51);
    expect(list.at(-1)).toBe('…(70 more)');
    const wide = redactArgs(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i])));
    expect(Object.keys(wide)).toHaveLength(51);
  });

  it('never throws: cycles, throwing getters, non-JSON values and non-objects', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(redactArgs(cycle)).toEqual({ name: 'loop', self: '[circular]' });
    const hostile = {
      get boom() {
        throw new Error('nope');
      },
    };
    expect(redactArgs(hostile)).toEqual({ unreadable: '[arguments could not be read]' });
    expect(redactArgs({ n: Number.NaN, big: 10n, when: new Date('2026-01-01T00:00:00Z'), f: () => 1, u: undefined })).toEqual({
      n: 'NaN',
      big: '10',
      when: '2026-01-01T00:00:00.000Z',
    });
    expect(redactArgs(null)).toEqual({ value: null });
    expect(redactArgs('text')).toEqual({ value: 'text' });
    expect(redactArgs(undefined)).toEqual({});
  });
});

describe('custom headers', () => {
  it('never keeps the values of custom HTTP headers (a webhook subscription may carry credentials in them)', () => {
    const out = redactArgs({ url: 'https://hooks.example.com', custom_headers: [{ name: 'X-Token-Free-Name', value: 'sk_live_abcdef123456' }] });
    expect(out.custom_headers).toBe('[redacted]');
    expect(out.url).toBe('https://hooks.example.com');
  });
});

describe('credentials inside free text (not under a secret-looking key)', () => {
  const clientToken = `pdmcp_${'Ab3_-'.repeat(8)}xyz`;
  const accountKey = 'y_NbAkKc66ryYTWUXYEu';
  const userKey = 'u+AbCdEfGhIjKlMnOpQr';
  const oauth = 'pdus+_0XBPWQQ_b2b2060b-e7af-44a1-8ddf-9c56fedd8d4f';

  it('removes this app\'s client tokens, PagerDuty REST keys and OAuth tokens from any string', () => {
    const out = redactArgs({
      note: `Configured the client with ${clientToken}; the REST key is ${accountKey} (user key ${userKey}).`,
      details: { text: [`token: ${oauth}`] },
    });
    const text = JSON.stringify(out);
    for (const secret of [clientToken, accountKey, userKey, oauth]) expect(text).not.toContain(secret);
    expect(out.note).toBe('Configured the client with [redacted]; the REST key is [redacted] (user key [redacted]).');
  });

  it('leaves ordinary ids, hashes and words alone', () => {
    const args = { incident_id: 'Q1W2E3R4T5Y6U7', service_id: 'PSVC001', incident_key: 'baf7cf21b1da41b4b0221008339ff357', note: 'Internationalization of the checkout page', uuid: 'b2b2060b-e7af-44a1-8ddf-9c56fedd8d4f' };
    expect(redactArgs(args)).toEqual(args);
  });

  it('is what the log scrubber does too', async () => {
    const { scrub } = await import('../../../../src/main/core/log');
    expect(scrub(`GET failed for ${clientToken} with ${accountKey} and ${oauth}`)).toBe('GET failed for [redacted] with [redacted] and [redacted]');
  });
});

describe('maskSecrets (the ask prompt)', () => {
  it('keeps everything complete and masks only secrets, saying where', async () => {
    const { maskSecrets } = await import('../../../../src/main/core/audit');
    const long = 'x'.repeat(5000);
    const ids = Array.from({ length: 120 }, (_, i) => `P${i}`);
    expect(maskSecrets({ ids, long, config: { api_key: 'abc', nested: [{ note: 'key y_NbAkKc66ryYTWUXYEu' }] }, incident_key: 'dedup-1' })).toEqual({
      value: { ids, long, config: { api_key: '[redacted]', nested: [{ note: 'key [redacted]' }] }, incident_key: 'dedup-1' },
      masked: ['config.api_key', 'config.nested[0].note'],
    });
  });
});
