import { describe, expect, it } from 'vitest';
import { allowNavigation, isTrustedSender, secureWebPreferences, windowOpenDecision } from '../../src/main/window-policy';

const fileApp = 'file:///opt/app/out/renderer/index.html';
const devApp = 'http://localhost:5173/';

describe('window policy', () => {
  it('keeps the renderer sandboxed and isolated', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('blocks navigation away from the app page', () => {
    expect(allowNavigation('file:///opt/app/out/renderer/index.html#/tools', fileApp)).toBe(true);
    expect(allowNavigation('file:///etc/passwd', fileApp)).toBe(false);
    expect(allowNavigation('https://evil.example/', fileApp)).toBe(false);
    expect(allowNavigation('http://localhost:5173/#/audit', devApp)).toBe(true);
    expect(allowNavigation('http://localhost:5174/', devApp)).toBe(false);
    expect(allowNavigation('not a url', devApp)).toBe(false);
  });

  it('denies window.open, handing only https links to the system browser', () => {
    expect(windowOpenDecision('https://acme.pagerduty.com/incidents/P1')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('http://example.com')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
  });

  it('trusts IPC only from the app page', () => {
    expect(isTrustedSender(fileApp, fileApp)).toBe(true);
    expect(isTrustedSender('https://evil.example/', fileApp)).toBe(false);
    expect(isTrustedSender(undefined, fileApp)).toBe(false);
  });
});
