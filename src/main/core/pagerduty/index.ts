// The PagerDuty REST v2 client: the only way the core talks to PagerDuty.
export { createPagerDutyClient, type PagerDutyClientOptions } from './client';
export { regionBaseUrl, type PdRegion } from './regions';
export { encodeQuery } from './query';
export { parseErrorBody } from './errors';
export * from './types';
