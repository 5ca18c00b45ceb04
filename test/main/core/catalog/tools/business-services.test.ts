import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('business services', () => {
  it('lists business services with owner team and contact', async () => {
    const out = await h.call('list_business_services');
    expect(out.business_services.map((b: any) => b.name)).toEqual(['Internal Reporting', 'Online Checkout']);
    expect(out.business_services[1]).toMatchObject({ point_of_contact: 'checkout-oncall@example.com', team: { summary: 'Web Experience' } });
  });

  it('lists the technical services a business service depends on', async () => {
    const out = await h.call('get_business_service_dependencies', { business_service_id: SEED.businessServices.onlineCheckout });
    expect(out.relationships.map((r: any) => r.supporting_service.summary).sort()).toEqual(['API Gateway', 'Checkout Web', 'Payments API']);
    expect(out.relationships.every((r: any) => r.dependent_service.id === SEED.businessServices.onlineCheckout)).toBe(true);
    await expect(h.call('get_business_service_dependencies', { business_service_id: 'PNOBS01' })).rejects.toThrow(/not found|404/i);
  });
});
