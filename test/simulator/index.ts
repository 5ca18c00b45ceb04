// The PagerDuty simulator: a real HTTP server on loopback that behaves like PagerDuty's REST API and
// identity endpoints. Used by tests and by `demo` mode.
export {
  createSimulator,
  type RecordedRequest,
  type SimRegion,
  type Simulator,
  type SimulatorKeys,
  type SimulatorOptions,
} from './server';
export type { Fault, FaultMatch, FaultSwitch } from './faults';
export { SEED } from './seed';
export type * from './types';
