import type { Page } from 'playwright-core';
import { api, clipboardText, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@tokens.example', organizationName: 'Initech' };
const TOKEN = /^lkc_[0-9A-Za-z]{38}$/;

/**
 * The API tokens page: a token created with its scopes and the password again, shown once with
 * Copy, listed without its text, working against the API, and revoked through a confirmation;
 * the organization's tokens for a Developer Admin. Screenshots at 1280 and 390 px.
 */
describe('API tokens in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    h = await startConsole();
    await api(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD });
    page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/apps$/);
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const settle = (p: Page) => p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });

  it('opens from the user menu, offering every scope of a Developer Admin', async () => {
    await page.getByRole('button', { name: ADA.name }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens', exact: true }).waitFor();
    await settle(page);
    expect(await page.getByRole('checkbox').count()).toBe(7);
    await page.getByText('You have no API tokens.').waitFor();
  });

  it('refuses a wrong password, then creates the token and shows it once with Copy', async () => {
    await page.getByLabel('Name').fill('deploy pipeline');
    await page.getByRole('checkbox', { name: /^credentials:write/ }).check();
    await page.getByLabel(/^Your password/).fill('wrong password 123');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('alert').filter({ hasText: 'password is incorrect' }).waitFor();

    await page.getByLabel(/^Your password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token “deploy pipeline” created' }).waitFor();
    token = await page.getByLabel('API token', { exact: true }).inputValue();
    expect(token).toMatch(TOKEN);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('status').filter({ hasText: 'API token copied to the clipboard.' }).waitFor();
    expect(await clipboardText(page)).toBe(token);
    await h.screenshot(page, '30-api-token-shown-once');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '30-api-token-shown-once-390');
    await page.setViewportSize({ width: 1280, height: 860 });

    const row = page.getByRole('row', { name: /deploy pipeline/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('credentials:write');
    expect(await page.locator('table').textContent()).not.toContain(token);
  });

  it('the token works against the API, and is not shown again after Done', async () => {
    const credentials = await api<{ items: unknown[] }>(h.baseUrl, 'GET', '/credentials', undefined, token);
    expect(credentials.items).toEqual([]);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('API token', { exact: true }).count()).toBe(0);
    await page.reload();
    await settle(page);
    expect(await page.content()).not.toContain(token);
    await h.screenshot(page, '31-api-tokens-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '31-api-tokens-list-390');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('lists the organization’s tokens with their owner for a Developer Admin', async () => {
    await page.goto(`${h.baseUrl}/organization/api-tokens`);
    await page.getByRole('heading', { level: 1, name: 'API tokens of the organization' }).waitFor();
    await settle(page);
    const row = page.getByRole('row', { name: /deploy pipeline/ });
    expect(await row.textContent()).toContain(ADA.email);
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'API tokens' }).waitFor();
    await h.screenshot(page, '32-organization-api-tokens');
  });

  it('revokes after a confirmation; the token stops working', async () => {
    await page.goto(`${h.baseUrl}/api-tokens`);
    await settle(page);
    await page.getByRole('button', { name: 'Revoke deploy pipeline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “deploy pipeline”?' });
    await dialog.waitFor();
    await h.screenshot(page, '33-api-token-revoke-confirmation');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('You have no API tokens.').waitFor();
    await expect(api(h.baseUrl, 'GET', '/credentials', undefined, token)).rejects.toThrow(/answered 401/);
  });
});
