// PagerDuty serves each region from its own host; data never crosses regions.
export type PdRegion = 'us' | 'eu';

export function regionBaseUrl(region: PdRegion): string {
  return region === 'eu' ? 'https://api.eu.pagerduty.com' : 'https://api.pagerduty.com';
}
