// Contract handlers, one module per area; createCore puts them together.
export { settingsHandlers } from './settings';
export { governanceHandlers } from './governance';
export { clientHandlers } from './clients';
export { askHandlers } from './ask';
