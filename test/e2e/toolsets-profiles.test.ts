import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { controlFor, type Control } from '../support/control';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';

// The toolsets and access-profile editors in the window: create, fill, rename and delete — and what the
// core then holds is exactly what the person did.
let server: RunningServer;
let browser: Browser;
let page: Page;
let control: Control;

beforeAll(async () => {
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0']);
  control = controlFor(server.ready.dashboardUrl);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = async (name: string) => {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
};

describe('toolsets and access profiles in the window', () => {
  it('creates a toolset, adds a tool, renames it, binds it to a new profile, then deletes both', async () => {
    await nav('Tools');
    await page.getByLabel('New toolset name').fill('Night shift');
    await page.getByRole('button', { name: 'Create toolset' }).click();
    await page.getByRole('button', { name: /^▸? ?Night shift/ }).click();
    await page.getByLabel('Tool to add to Night shift').selectOption('manage_incidents');
    await page.getByRole('button', { name: 'Add tool' }).click();
    await expect.poll(async () => (await control('toolsets.list', {})).find((t) => t.name === 'Night shift')?.tools).toEqual(['manage_incidents']);

    // Many at once from the tool list: select two tools, add them to the toolset from the bulk bar.
    await page.getByRole('checkbox', { name: 'Select add_note_to_incident' }).check();
    await page.getByRole('checkbox', { name: 'Select list_incidents' }).check();
    const bulk = page.getByRole('region', { name: 'Bulk actions' });
    await bulk.getByLabel('Toolset to add the selected tools to').selectOption({ label: 'Night shift' });
    await bulk.getByRole('button', { name: 'Add to toolset' }).click();
    await expect.poll(async () => (await control('toolsets.list', {})).find((t) => t.name === 'Night shift')?.tools.sort()).toEqual(['add_note_to_incident', 'list_incidents', 'manage_incidents']);
    await bulk.getByRole('button', { name: 'Clear selection' }).click();

    await page.getByRole('button', { name: 'Rename toolset Night shift' }).click();
    await page.getByLabel('New name for toolset Night shift').fill('Night crew');
    await page.getByLabel('New name for toolset Night shift').press('Enter');
    await expect.poll(async () => (await control('toolsets.list', {})).map((t) => t.name)).toContain('Night crew');

    await nav('Clients & profiles');
    await page.getByLabel('New profile name').fill('On call');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('button', { name: /On call/ }).first().click();
    await page.getByRole('group', { name: 'Toolsets in On call' }).getByRole('checkbox', { name: /Night crew/ }).click();
    const nightCrew = (await control('toolsets.list', {})).find((t) => t.name === 'Night crew')!;
    await expect.poll(async () => (await control('profiles.list', {})).find((p) => p.name === 'On call')?.toolsetIds).toEqual([nightCrew.id]);

    await page.getByRole('button', { name: 'Delete profile On call' }).click();
    await expect.poll(async () => (await control('profiles.list', {})).some((p) => p.name === 'On call')).toBe(false);
    await nav('Tools');
    await page.getByRole('button', { name: 'Delete toolset Night crew' }).click();
    await expect.poll(async () => (await control('toolsets.list', {})).some((t) => t.name === 'Night crew')).toBe(false);
    // Built-in sets cannot be renamed or deleted from the window.
    expect(await page.getByRole('button', { name: 'Delete toolset Read-only' }).count()).toBe(0);
  });

  it('opens the page named in the address, as the tray and notifications do (#/audit, #/clients)', async () => {
    await page.evaluate(() => (window.location.hash = '#/audit'));
    await page.getByRole('heading', { level: 1, name: 'Audit timeline' }).waitFor();
    await page.goto(`${new URL(server.ready.dashboardUrl).origin}/#/clients`);
    await page.getByRole('heading', { level: 1, name: 'Clients & profiles' }).waitFor();
  });
});
