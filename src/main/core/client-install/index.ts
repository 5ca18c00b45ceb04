// Writes our MCP server entry into an AI client's own configuration file: previewed as a diff,
// backed up, written atomically (0600), undoable; JSON, JSONC and TOML edited without disturbing the rest.
export { installClientConfig, type InstallClientConfigOptions, type InstallResult } from './install';
export { planInstall, locate, maskToken, type InstallAction, type InstallPlan, type InstallTarget } from './plan';
export { createInstallJournal, type InstallJournal } from './journal';
export { clientConfigPath, type LocateOptions } from './paths';
export { cliArgv, headerCommand, type HelperCommandInput } from './helper-command';
export { clientSetups } from './snippets';
export { choosePlacement, setupInput, type HostInfo } from './setup-input';
