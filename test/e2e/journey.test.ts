/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser, so these files see DOM types.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';
import { createSimulator, type Simulator } from '../simulator';
import { focusStaysInDialog, screenshot, unnamedControls } from './support';

// Issue 6, end to end in a real browser: a person configures PagerDuty in the window, approves a tool,
// creates a client and installs its config, an AI client (the SDK's real Client) calls tools, the
// calls appear live in the timeline, ask-each-time prompts are answered both ways, and the timeline is
// filtered and exported. Everything is real: simulator over HTTP, `serve` as a child process, Chromium.
let sim: Simulator;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let home: string;
let token = '';
const mcpClients: Client[] = [];

beforeAll(async () => {
  sim = await createSimulator({ port: 0 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  // HOME points the one-click install at a throwaway folder instead of the developer's own configs.
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0'], { HOME: home });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 820 }, colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
});
afterAll(async () => {
  for (const c of mcpClients) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await sim?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const nav = async (name: string) => {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
};

async function connectMcp(): Promise<Client> {
  const client = new Client({ name: 'journey-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(server.ready.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  mcpClients.push(client);
  return client;
}

const text = (r: unknown) => ((r as { content?: { type: string; text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');

describe('issue 6 journey in the window', () => {
  it('configures the API key and actor email, and tests the connection', async () => {
    await nav('Connection');
    await page.locator('#api-key').fill(sim.keys.account);
    await page.locator('#actor-email').fill(sim.users[0]!.email);
    await page.getByText('Advanced').first().click();
    await page.locator('#api-base-url').fill(sim.apiUrl('us'));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('PagerDuty connected');
    // The key went to the keychain: the field is empty and the page never shows it.
    expect(await page.locator('#api-key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(sim.keys.account);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('test-result').getAttribute('class'), { timeout: 15_000 }).toBe('success-text');
    expect(await page.getByTestId('identity').textContent()).toContain(sim.users[0]!.email);
  }, 60_000);

  it('approves a pending write tool, and two more at once with the bulk bar', async () => {
    await nav('Tools');
    await page.getByRole('searchbox', { name: 'Search tools' }).fill('incident');
    const state = page.getByRole('combobox', { name: 'State of manage_incidents' });
    expect(await state.inputValue()).toBe('pending_review');
    await state.selectOption('approved');
    await expect.poll(() => state.inputValue()).toBe('approved');
    await page.getByRole('checkbox', { name: 'Select add_note_to_incident' }).check();
    await page.getByRole('checkbox', { name: 'Select create_incident' }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'State of create_incident' }).inputValue()).toBe('approved');
    expect(await page.getByRole('combobox', { name: 'State of add_note_to_incident' }).inputValue()).toBe('approved');
    // The choice is the core's, not just the page's: a reload shows the same.
    await page.reload();
    await nav('Tools');
    await expect.poll(() => page.getByRole('combobox', { name: 'State of manage_incidents' }).inputValue()).toBe('approved');
  }, 60_000);

  it('creates a client: token shown once with snippets, copy, and "Add to Cursor" into the real config file', async () => {
    await nav('Clients & profiles');
    await page.locator('#client-name').fill('Journey laptop');
    await page.locator('#client-profile').selectOption({ label: 'Everything' });
    await page.getByRole('button', { name: 'Create client' }).click();
    const dialog = page.getByTestId('token-dialog');
    await dialog.waitFor();
    token = (await page.getByTestId('client-token').textContent())!;
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(await focusStaysInDialog(page, 30)).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);

    await dialog.getByRole('tab', { name: 'Claude Code' }).click();
    await dialog.getByRole('radio', { name: /Token in the file \(fallback\)/ }).check();
    const snippet = await page.getByTestId('snippet-claude_code').first().textContent();
    expect(snippet).toContain(`claude mcp add --transport http --scope user pagerduty ${server.ready.mcpUrl} --header "Authorization: Bearer ${token}"`);
    await dialog.getByRole('button', { name: 'Copy Claude Code Terminal' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

    await dialog.getByRole('tab', { name: 'Cursor' }).click();
    await screenshot(page, 'journey-token-dialog-light');
    await dialog.getByRole('button', { name: 'Add to Cursor…' }).click();
    await page.getByTestId('install-preview').getByRole('button', { name: 'Write the file' }).click();
    const installed = path.join(home, '.cursor', 'mcp.json');
    await expect.poll(() => page.getByTestId('install-result').textContent().catch(() => '')).toContain(installed);
    expect(JSON.parse(fs.readFileSync(installed, 'utf8'))).toEqual({
      mcpServers: { pagerduty: { url: server.ready.mcpUrl, headers: { Authorization: `Bearer ${token}` } } },
    });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('token-dialog').waitFor({ state: 'detached' });
    // Shown once: after closing, the token is nowhere in the page.
    expect(await page.content()).not.toContain(token);
    await expect.poll(() => page.locator('tr[data-client="Journey laptop"]').count()).toBe(1);
  }, 60_000);

  it('shows calls from a real MCP client live in the timeline', async () => {
    await nav('Audit timeline');
    const rows = page.getByTestId('audit-row');
    const before = await rows.count();
    const mcp = await connectMcp();
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_incidents', 'manage_incidents']));
    const result = await mcp.callTool({ name: 'list_incidents', arguments: {} });
    expect(result.isError, text(result)).toBeFalsy();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await rows.first().textContent()).toContain('list_incidents');
    await rows.first().click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/Journey laptop[\s\S]*list_incidents[\s\S]*200/);
    expect(await detail.textContent()).toContain(sim.users[0]!.email);
    await screenshot(page, 'journey-audit-detail-light');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  }, 60_000);

  it('answers ask-each-time prompts in the modal: approve, then deny', async () => {
    await nav('Tools');
    await page.getByRole('searchbox', { name: 'Search tools' }).fill('list_incidents');
    await page.getByRole('combobox', { name: 'State of list_incidents' }).selectOption('ask_each_time');
    await expect.poll(() => page.getByRole('combobox', { name: 'State of list_incidents' }).inputValue()).toBe('ask_each_time');
    const mcp = await connectMcp();

    const first = mcp.callTool({ name: 'list_incidents', arguments: { limit: 5 } });
    const ask = page.getByTestId('ask-dialog');
    await ask.waitFor({ timeout: 10_000 });
    expect(await ask.textContent()).toMatch(/Journey laptop[\s\S]*list_incidents[\s\S]*"limit": 5/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Deny');
    expect(await focusStaysInDialog(page, 12)).toBe(true);
    await screenshot(page, 'journey-ask-light');
    await ask.getByRole('button', { name: 'Approve', exact: true }).click();
    const approved = await first;
    expect(approved.isError, text(approved)).toBeFalsy();
    await ask.waitFor({ state: 'detached' });

    const second = mcp.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
    await ask.waitFor({ timeout: 10_000 });
    await ask.getByRole('button', { name: 'Deny' }).click();
    const denied = await second;
    expect(denied.isError).toBe(true);
    await ask.waitFor({ state: 'detached' });
  }, 60_000);

  it('filters the timeline and exports it', async () => {
    await nav('Audit timeline');
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('combobox', { name: 'Filter by decision' }).selectOption('ask_denied');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Asked · denied');
    await page.getByRole('combobox', { name: 'Filter by decision' }).selectOption('');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const result = page.getByTestId('export-result');
    await result.waitFor();
    const file = /to (.+)$/.exec((await result.textContent())!)![1]!;
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('list_incidents');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
  }, 60_000);

  it('takes light and dark screenshots of every page with data', async () => {
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      for (const [name, file] of [
        ['Connection', 'connection'],
        ['Tools', 'tools'],
        ['Clients & profiles', 'clients'],
        ['Audit timeline', 'audit'],
      ] as const) {
        await nav(name);
        await expect.poll(() => page.locator('.loading').count(), { timeout: 10_000 }).toBe(0);
        expect(await unnamedControls(page), name).toEqual([]);
        await screenshot(page, `journey-${file}-${theme}`);
      }
    }
  }, 60_000);
});
