// The header helper command line: the app's own CLI beside the bridge, on this data folder, quoted for
// the shell the AI client runs it with (sh on Linux/macOS, cmd.exe on Windows).
import { describe, expect, it } from 'vitest';
import { cliArgv, headerCommand } from '../../../../src/main/core/client-install';

const base = { env: {}, dataDir: '/home/ann/.config/PagerDuty MCP', clientId: 'cl_abc', mcpUrl: 'http://127.0.0.1:7428/mcp' };

describe('header helper command', () => {
  it('runs the CLI that sits beside the bridge, with the same runtime', () => {
    expect(cliArgv(['/usr/bin/node', '/opt/app/out/main/bridge.js'])).toEqual(['/usr/bin/node', '/opt/app/out/main/cli.js']);
    expect(cliArgv(['C:\\App\\PagerDuty MCP.exe', 'C:\\App\\resources\\app.asar\\out\\main\\bridge.js'])).toEqual(['C:\\App\\PagerDuty MCP.exe', 'C:\\App\\resources\\app.asar\\out\\main\\cli.js']);
    expect(cliArgv([])).toBeNull();
  });

  it('quotes for sh, and runs the app binary as Node where it has to', () => {
    expect(headerCommand({ ...base, bridgeCommand: ['/Applications/PagerDuty MCP.app/Contents/MacOS/PagerDuty MCP', '/app/out/main/bridge.js'], env: { ELECTRON_RUN_AS_NODE: '1' }, platform: 'darwin' })).toBe(
      "ELECTRON_RUN_AS_NODE=1 '/Applications/PagerDuty MCP.app/Contents/MacOS/PagerDuty MCP' /app/out/main/cli.js --data-dir '/home/ann/.config/PagerDuty MCP' clients header cl_abc --url http://127.0.0.1:7428/mcp",
    );
    expect(headerCommand({ ...base, bridgeCommand: ['/usr/bin/node', '/opt/out/main/bridge.js'], platform: 'linux' }, 'value')).toMatch(/ --format value$/);
  });

  it('quotes for cmd.exe on Windows', () => {
    expect(headerCommand({ ...base, dataDir: 'C:\\Users\\ann\\AppData\\Roaming\\PagerDuty MCP', bridgeCommand: ['C:\\App\\PagerDuty MCP.exe', 'C:\\App\\out\\main\\bridge.js'], env: { ELECTRON_RUN_AS_NODE: '1' }, platform: 'win32' })).toBe(
      'set "ELECTRON_RUN_AS_NODE=1" && "C:\\App\\PagerDuty MCP.exe" C:\\App\\out\\main\\cli.js --data-dir "C:\\Users\\ann\\AppData\\Roaming\\PagerDuty MCP" clients header cl_abc --url http://127.0.0.1:7428/mcp',
    );
  });

  it('is unavailable when the build has no bridge entry to find the CLI by', () => {
    expect(headerCommand({ ...base, bridgeCommand: ['node'], platform: 'linux' })).toBeNull();
  });
});
