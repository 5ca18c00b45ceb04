import { describe, expect, it } from 'vitest';
import { apiLocationFromAudience, decodeJwtPayload } from '../../../../src/main/core/auth/id-token';

const fallback = { region: 'us' as const, baseUrl: null };

describe('API location from the id_token audience', () => {
  it('maps PagerDuty\'s two API hosts to regions', () => {
    expect(apiLocationFromAudience(['https://api.eu.pagerduty.com', 'client'], fallback, false)).toEqual({ region: 'eu', baseUrl: null });
    expect(apiLocationFromAudience(['https://api.pagerduty.com/', 'client'], { region: 'eu', baseUrl: null }, false)).toEqual({ region: 'us', baseUrl: null });
  });

  it('believes a custom host only from a custom (simulator) identity server', () => {
    const aud = ['http://127.0.0.1:4000/eu', 'client'];
    expect(apiLocationFromAudience(aud, fallback, true)).toEqual({ region: 'eu', baseUrl: 'http://127.0.0.1:4000/eu' });
    expect(apiLocationFromAudience(aud, fallback, false)).toEqual(fallback);
    expect(apiLocationFromAudience(undefined, fallback, true)).toEqual(fallback);
  });

  it('decodes a JWT payload and rejects garbage', () => {
    const jwt = `x.${Buffer.from(JSON.stringify({ sub: 'a@b.c' })).toString('base64url')}.y`;
    expect(decodeJwtPayload(jwt)).toEqual({ sub: 'a@b.c' });
    expect(decodeJwtPayload('not-a-jwt')).toBeNull();
    expect(decodeJwtPayload('a.!!!.b')).toBeNull();
  });
});
