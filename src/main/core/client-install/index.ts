// Writes our MCP server entry into an AI client's own configuration file (backup first, atomic, 0600).
export { installClientConfig, type InstallClientConfigOptions, type InstallResult } from './install';
export { clientConfigPath, type LocateOptions } from './paths';
