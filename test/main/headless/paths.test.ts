import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src/main/headless/paths';
import { parseServeArgs } from '../../../src/main/headless/serve';

describe('defaultDataDir', () => {
  it('is the folder the desktop app uses on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/PagerDuty MCP');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/PagerDuty MCP');
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/PagerDuty MCP');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toContain('PagerDuty MCP');
  });
});

describe('serve arguments', () => {
  it('takes --data-dir and --port, and refuses a bad port with a sentence', () => {
    expect(parseServeArgs(['--data-dir', '/tmp/x', '--port', '0'])).toMatchObject({ dataDir: '/tmp/x', port: 0 });
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow(/--port must be a port number/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port must be a port number/);
    expect(() => parseServeArgs(['--bogus'])).toThrow();
  });
});
