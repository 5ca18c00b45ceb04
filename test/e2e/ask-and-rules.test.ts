/// <reference lib="dom" />
// page.evaluate callbacks run in the browser, so this file sees DOM types.
// The ask prompt and the argument rules in a real browser against `npm run demo`: the prompt shows every
// argument that will be sent with the names of the ids, scrolls, and can approve a client for 15
// minutes (shown in the corner, revocable); the rules editor creates, changes and deletes a rule.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { controlFor, type Control } from '../support/control';
import { startHeadless, type RunningServer } from '../support/serve';
import { connectMcp, type McpTestClient } from '../main/core/helpers';

let server: RunningServer;
let browser: Browser;
let page: Page;
let control: Control;
let mcp: McpTestClient;

beforeAll(async () => {
  server = await startHeadless('demo', ['--port', '0']);
  control = controlFor(server.ready.dashboardUrl);
  await control('tools.setState', { names: ['manage_incidents'], state: 'approved' });
  mcp = await connectMcp(server.ready.mcpUrl, server.ready.clientToken!);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await browser?.close();
  await server?.stop();
});

const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');
async function incidents(statuses: string[]): Promise<{ id: string; incident_number: number; title: string }[]> {
  const res = await mcp.client.callTool({ name: 'list_incidents', arguments: { statuses, date_range: 'all', limit: 100 } });
  return (JSON.parse(textOf(res)) as { incidents: { id: string; incident_number: number; title: string }[] }).incidents;
}

describe('the ask prompt in the window', () => {
  it('shows every argument that will be sent, each id with its name, in a scrolling view', async () => {
    const all = await incidents(['triggered', 'acknowledged', 'resolved']);
    const resolution = `Rolled back the deploy; ${'the queue drained and latency is back to normal. '.repeat(7)}`.trim().slice(0, 344);
    const call = mcp.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: all.map((i) => i.id), status: 'resolved', resolution } });
    const ask = page.getByTestId('ask-dialog');
    await ask.waitFor({ timeout: 15_000 });
    const args = page.getByTestId('ask-args');
    const shown = (await args.textContent())!;
    // Each id on its own line with its name (or, on a very loaded machine, that its 2 s lookup ran out).
    const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
    const named = all.filter((i) => {
      const line = shown.split('\n').find((l) => l.includes(`"${i.id}"`))!;
      const name = `#${i.incident_number} ${escape(i.title)}`;
      expect(line, i.id).toMatch(new RegExp(`"${i.id}",?  ← (${name}|\\(lookup timed out\\))$`));
      return line.includes(`#${i.incident_number} `);
    });
    expect(named.length).toBeGreaterThan(0);
    expect(shown).toContain(JSON.stringify(resolution));
    expect(await page.getByTestId('ask-reason').textContent()).toBe('Your argument rule asks first: manage_incidents: status = resolved → ask each time.');
    // All of it is reachable: the view scrolls rather than cutting anything off.
    const box = await args.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, overflow: getComputedStyle(el).overflowY }));
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(box.overflow).toBe('auto');
    await ask.getByRole('button', { name: 'Deny' }).click();
    expect((await call).isError).toBe(true);
    await ask.waitFor({ state: 'detached' });
  }, 60_000);

  it('approves this client for 15 minutes: later calls run without a prompt until revoked in the corner', async () => {
    const open = await incidents(['triggered', 'acknowledged']);
    expect(open.length).toBeGreaterThanOrEqual(3);
    const resolve = (id: string) => mcp.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: [id], status: 'resolved' } });
    const ask = page.getByTestId('ask-dialog');

    const first = resolve(open[0]!.id);
    await ask.waitFor({ timeout: 15_000 });
    expect(await ask.textContent()).toMatch(/also lets Demo client run manage_incidents without asking until \d{1,2}:\d{2}.*It ends then, when you revoke it.*or when the app quits/);
    await ask.getByRole('button', { name: 'Approve for 15 minutes' }).click();
    expect((await first).isError, textOf(await first)).toBeFalsy();
    const notice = page.getByTestId('ask-grants');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Demo client may run manage_incidents without asking until \d{1,2}:\d{2}/);

    const second = await resolve(open[1]!.id);
    expect(second.isError, textOf(second)).toBeFalsy();
    expect(await ask.count()).toBe(0);
    expect((await control('audit.query', { tool: 'manage_incidents', limit: 1 })).entries[0]).toMatchObject({ decision: 'ask_granted', outcome: 'ok' });

    await notice.getByRole('button', { name: /^Revoke/ }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await control('ask.grants', {})).toEqual([]);
    const third = resolve(open[2]!.id);
    await ask.waitFor({ timeout: 15_000 });
    await ask.getByRole('button', { name: 'Deny' }).click();
    expect((await third).isError).toBe(true);
  }, 60_000);
});

describe('the argument rules editor', () => {
  const nav = async (name: string) => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };

  it('lists the default rules, and creates, changes and deletes a rule', async () => {
    await nav('Tools');
    const editor = page.getByTestId('rules-editor');
    await editor.getByText('status = resolved').first().waitFor();
    const form = editor.getByRole('form', { name: 'New argument rule' });
    await form.getByLabel('Tool of the new rule').selectOption('manage_incidents');
    await form.getByLabel('Argument of the new rule').selectOption('urgency');
    await form.getByLabel('Condition of the new rule').selectOption('equals');
    await form.getByLabel('Value of the new rule').selectOption('low');
    await form.getByLabel('Action of the new rule').selectOption('deny');
    await form.getByRole('button', { name: 'Add rule' }).click();
    const created = async () => (await control('rules.list', {})).find((r) => r.argument === 'urgency' && r.tool === 'manage_incidents');
    await expect.poll(created).toMatchObject({ condition: 'equals', value: 'low', action: 'deny' });

    // The AI hears the rule at once.
    const refused = await mcp.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: ['PINC001'], urgency: 'low' } });
    expect(textOf(refused)).toMatch(/rule "manage_incidents: urgency = low → deny" refuses this call/);

    await editor.getByLabel('Action of the rule manage_incidents: urgency = low').selectOption('ask');
    await expect.poll(async () => (await created())?.action).toBe('ask');
    await editor.getByRole('button', { name: 'Delete the rule manage_incidents: urgency = low' }).click();
    await expect.poll(created).toBeUndefined();
    await editor.getByText('urgency = low').waitFor({ state: 'detached' });

    // A rule that cannot match says why, and nothing is created.
    const before = (await control('rules.list', {})).length;
    await form.getByLabel('Argument of the new rule').selectOption('resolution');
    await form.getByLabel('Condition of the new rule').selectOption('equals');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await editor.getByText(/Give the value of resolution/).waitFor();
    expect((await control('rules.list', {})).length).toBe(before);
  }, 60_000);
});
