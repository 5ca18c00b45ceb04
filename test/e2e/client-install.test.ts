/// <reference lib="dom" />
// Issue 17 in a real browser against `serve`: the token dialog offers every client, keeps Claude Code's
// token in the keychain by default (fallback labelled), "Add to …" shows the exact change as a diff
// before writing, updates an entry in place, keeps a JSONC file's comments, and undoes in one click.
// Issue 16 §1: rotating and revoking confirm first and say what breaks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';
import { screenshot, unnamedControls } from './support';

let server: RunningServer;
let browser: Browser;
let page: Page;
let home: string;
let token = '';

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0'], { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })).newPage();
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Clients/ }).click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const dialog = () => page.getByTestId('token-dialog');

describe('token dialog: every client, token out of the file, preview, undo', () => {
  it('offers all nine clients and Claude Code with the token in the keychain, the file as a labelled fallback', async () => {
    await page.locator('#client-name').fill('Claude Code on my laptop');
    await page.locator('#client-profile').selectOption({ label: 'Everything' });
    await page.getByRole('button', { name: 'Create client' }).click();
    await dialog().waitFor();
    token = (await page.getByTestId('client-token').textContent())!;
    await dialog().getByRole('tab', { name: 'Cline' }).waitFor(); // the configurations arrive from the core
    const tabs = await dialog().getByRole('tab').allTextContents();
    expect(tabs).toEqual(['Claude Desktop', 'Claude Code', 'Cursor', 'VS Code', 'Windsurf', 'Codex CLI', 'Gemini CLI', 'Zed', 'Cline']);
    expect(await dialog().getByRole('radio', { name: /Token in the keychain/ }).isChecked()).toBe(true);
    const snippet = (await page.getByTestId('snippet-claude_code').first().textContent())!;
    expect(snippet).toMatch(/claude mcp add-json --scope user pagerduty '.*"headersHelper":".*clients header cl_\w+ --url http:\/\/127\.0\.0\.1:\d+\/mcp"/);
    expect(snippet).not.toContain(token);
    await dialog().getByRole('radio', { name: /Token in the file \(fallback\)/ }).check();
    expect(await page.getByTestId('snippet-claude_code').first().textContent()).toContain(`--header "Authorization: Bearer ${token}"`);
    await dialog().getByRole('radio', { name: /Token in the keychain/ }).check();
    expect(await unnamedControls(page)).toEqual([]);
  }, 60_000);

  it('"Add to Claude Code…" shows the diff first, writes only on confirmation, and undoes it', async () => {
    const file = path.join(home, '.claude.json');
    await dialog().getByRole('button', { name: 'Add to Claude Code…' }).click();
    const preview = page.getByTestId('install-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`This creates ${file}`);
    const diff = (await page.getByTestId('install-diff').textContent())!;
    expect(diff).toMatch(/\+\s+"headersHelper": ".*clients header/);
    expect(fs.existsSync(file)).toBe(false); // nothing written yet
    await screenshot(page, 'client-install-preview-light');

    await preview.getByRole('button', { name: 'Write the file' }).click();
    await expect.poll(() => page.getByTestId('install-result').textContent().catch(() => '')).toContain(`Added to ${file}`);
    expect(await page.getByTestId('install-result').textContent()).toContain('The token is in your OS keychain; the file has none.');
    const written = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(written).mcpServers.pagerduty.headersHelper).toMatch(/clients header/);
    expect(written).not.toContain(token);

    await page.getByTestId('install-result').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('undo-result').textContent().catch(() => '')).toContain(`Undone: ${file} was removed`);
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);

  it('adds to an existing Zed settings file keeping its comments, then updates the entry in place', async () => {
    const file = path.join(home, '.config', 'zed', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const original = '// my Zed settings\n{\n  "theme": "One Dark", // dark, always\n  "context_servers": {},\n}\n';
    fs.writeFileSync(file, original);
    await dialog().getByRole('tab', { name: 'Zed' }).click();
    await dialog().getByRole('button', { name: 'Add to Zed…' }).click();
    const preview = page.getByTestId('install-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`This adds a "pagerduty" entry to ${file}; nothing else in the file changes.`);
    expect(await page.getByTestId('install-diff').textContent()).toContain('"Authorization": "Bearer pdmcp_…');
    await preview.getByRole('button', { name: 'Write the file' }).click();
    await expect.poll(() => page.getByTestId('install-result').textContent().catch(() => '')).toContain(`Added to ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('// my Zed settings');
    expect(text).toContain('"theme": "One Dark", // dark, always');
    expect(text).toContain(`"Authorization": "Bearer ${token}"`);

    // Same entry again: the preview says there is nothing to change.
    await dialog().getByRole('button', { name: 'Add to Zed…' }).click();
    await expect.poll(() => page.getByTestId('install-preview').textContent()).toContain('already has exactly this entry');
    await page.getByTestId('install-preview').getByRole('button', { name: 'Close' }).click();
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });
  }, 60_000);

  it('refuses a broken file, leaving it as it was, with a sentence that says what to do', async () => {
    await page.getByRole('button', { name: 'Rotate token of Claude Code on my laptop' }).click();
    await page.getByTestId('rotate-dialog').getByRole('button', { name: 'Rotate token' }).click();
    await dialog().waitFor();
    const file = path.join(home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ "mcpServers": ');
    await dialog().getByRole('tab', { name: 'Cursor' }).click();
    await dialog().getByRole('button', { name: 'Add to Cursor…' }).click();
    await expect.poll(() => dialog().locator('.error-text, [role="alert"]').first().textContent().catch(() => '')).toMatch(/left unchanged because it is not valid JSON .*paste the snippet/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "mcpServers": ');
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });
  }, 60_000);
});

describe('rotate and revoke confirm and say what breaks', () => {
  it('asks before rotating, names the client, and does nothing on "Keep the token"', async () => {
    await page.locator('#client-name').fill('Cursor at work');
    await page.getByRole('button', { name: 'Create client' }).click();
    await dialog().waitFor();
    const first = await page.getByTestId('client-token').textContent();
    await dialog().getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Rotate token of Cursor at work' }).click();
    const confirm = page.getByTestId('rotate-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Cursor at work stops working until you paste the new token into its config');
    await screenshot(page, 'client-rotate-confirm-light');
    await confirm.getByRole('button', { name: 'Keep the token' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await dialog().count()).toBe(0);
    // The old token still works: nothing was rotated.
    const probe = await fetch(server.ready.mcpUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${first}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } }),
    });
    expect(probe.status).toBe(200);
  }, 60_000);

  it('says a keychain-based config picks up a rotated token by itself, and revoking deletes the keychain copy', async () => {
    // "Claude Code on my laptop" got its keychain copy from the Claude Code install above.
    await page.getByRole('button', { name: 'Rotate token of Claude Code on my laptop' }).click();
    expect(await page.getByTestId('rotate-dialog').textContent()).toContain('A config that reads it from the keychain (set up with “Add to …”) gets the new one by itself');
    await page.getByTestId('rotate-dialog').getByRole('button', { name: 'Keep the token' }).click();
    await page.getByRole('button', { name: 'Revoke Claude Code on my laptop' }).click();
    const confirm = page.getByTestId('revoke-dialog');
    expect(await confirm.textContent()).toContain('Claude Code on my laptop stops working at once and for good: its token is refused and its keychain copy is deleted.');
    await confirm.getByRole('button', { name: 'Revoke client' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('tr[data-client="Claude Code on my laptop"]').textContent()).toContain('Revoked');
  }, 60_000);
});
