import { describe, expect, it } from 'vitest';
import { capSize, listResult, ref } from '../../../../src/main/core/catalog/shape';

describe('output shaping', () => {
  it('reduces a PagerDuty reference to id, summary and link', () => {
    expect(
      ref({ id: 'P1', type: 'service_reference', summary: 'Checkout', self: 'https://api/x', html_url: 'https://acme/service-directory/P1' }),
    ).toEqual({ id: 'P1', summary: 'Checkout', html_url: 'https://acme/service-directory/P1' });
  });

  it('says when a list has more than was returned', () => {
    const out = listResult('incidents', [{ id: 'A' }], { more: true });
    expect(out).toMatchObject({ count: 1, more: true });
    expect(String(out.note)).toMatch(/More incidents exist/);
    expect(listResult('incidents', [], { more: false }).note).toBeUndefined();
  });

  it('cuts a list that is too large and says how much was kept', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `P${i}`, title: 'x'.repeat(400) }));
    const out = capSize(listResult('incidents', items, { more: false })) as Record<string, any>;
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(60_000);
    expect(out.truncated).toBe(true);
    expect(out.more).toBe(true);
    expect(out.incidents.length).toBeGreaterThan(50);
    expect(out.incidents.length).toBeLessThan(500);
    expect(out.count).toBe(out.incidents.length);
    expect(out.note).toMatch(/of 500 incidents/);
  });

  it('shortens huge strings in a single object but keeps its fields', () => {
    const out = capSize({ id: 'P1', details: 'y'.repeat(200_000), created_at: '2025-01-01T00:00:00Z' }) as Record<string, any>;
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(60_000);
    expect(out).toMatchObject({ id: 'P1', created_at: '2025-01-01T00:00:00Z', truncated: true });
    expect(out.details).toMatch(/\[truncated\]$/);
  });

  it('leaves small results untouched', () => {
    const small = { id: 'P1', status: 'triggered' };
    expect(capSize(small)).toBe(small);
  });
});
