// Tools page: approval states, filters, bulk actions, default classification, toolsets.
export { ToolsPage } from './ToolsPage';
export * from './filters';
