import type { Page } from 'playwright-core';
import { api, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(120_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@fenced.example', organizationName: 'Fenced Inc' };
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * A credential's address allowlist in the console: given on the Create JWT form (an invalid entry
 * answered beside the field, by its line), edited on the credential page, enforced by the token
 * endpoint (the browser's test server sees 127.0.0.1), and the credential's last use and uses per
 * app shown once the batched uses are written. Screenshots at 1280 and 390 px.
 */
describe('credential address allowlists in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let app: { name: string; clientId: string; clientSecret: string };
  let jwt: string;

  beforeAll(async () => {
    h = await startConsole();
    const signedUp = await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD });
    const created = await api<{ clients: { production: { clientId: string; clientSecret: string } } }>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Nightly sync', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      signedUp.session.token,
    );
    app = { name: 'Nightly sync', ...created.clients.production };
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
  const addresses = () => page.getByLabel('Allowed addresses');
  const fieldError = () => page.locator('#jwt-allowed-addresses-error, #edit-allowed-addresses-error');
  const token = () =>
    fetch(`${h.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'nightly-sync/3.1',
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: jwt }).toString(),
    });

  it('creates a credential with allowed addresses, after showing a bad entry beside the field', async () => {
    await page.goto(`${h.baseUrl}/credentials/new`);
    await page.getByRole('heading', { level: 1, name: 'Create JWT credential' }).waitFor();
    await settle(page);
    await page.getByLabel('Label').fill('Office only');
    await addresses().fill('10.0.0.0/8\nthe office');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await fieldError()
      .filter({ hasText: /Line 2 \(the office\)/ })
      .waitFor();
    expect(await addresses().getAttribute('aria-invalid')).toBe('true');
    await h.screenshot(page, '40-create-jwt-allowed-addresses-error');

    await addresses().fill('10.1.2.3/8\n127.0.0.1');
    await expect(fieldError().count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: /Your JWT credential “Office only” was created/ }).waitFor();
    jwt = await page.getByLabel('JWT credential', { exact: true }).inputValue();
    await page.getByRole('link', { name: 'Done' }).click();
    await page.waitForURL(/\/credentials$/);
    await page.getByRole('link', { name: 'Office only' }).click();
    await page.getByRole('heading', { level: 1, name: 'Office only' }).waitFor();
    await settle(page);
    expect(await addresses().inputValue()).toBe('10.0.0.0/8\n127.0.0.1/32');
    expect(await page.locator('dl.facts').first().textContent()).toContain('10.0.0.0/8, 127.0.0.1/32');
  });

  it('edits the allowlist on the credential page, and the token endpoint follows it', async () => {
    expect((await token()).status).toBe(200);

    await addresses().fill('192.0.2.0/24\n2001:db8::/129');
    await page.getByRole('button', { name: 'Save' }).click();
    await fieldError()
      .filter({ hasText: /Line 2 \(2001:db8::\/129\)/ })
      .waitFor();
    await h.screenshot(page, '41-credential-allowed-addresses-error');

    await addresses().fill('192.0.2.7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes were saved.' }).waitFor();
    expect(await addresses().inputValue()).toBe('192.0.2.7/32');
    const refused = await token();
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { errorCode: string }[] }).errors[0].errorCode).toBe('OAU-281');

    // Empty: any address again.
    await addresses().fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes were saved.' }).waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toContain('Any address');
    expect((await token()).status).toBe(200);
  });

  it('shows the last use and the uses per app once they are recorded', async () => {
    const usage = page.getByRole('region', { name: 'Usage' });
    const started = Date.now();
    const counted = usage
      .getByRole('table', { name: 'Uses per app, most recent first' })
      .getByRole('row', { name: /Nightly sync/ })
      .getByRole('cell')
      .last();
    const shown = async () => (await usage.textContent())?.includes('nightly-sync/3.1') && (await counted.textContent()) === '2';
    // Uses are written every 5 s: reload until both are shown (well within a minute).
    while (!(await shown())) {
      if (Date.now() - started > 60_000) throw new Error('the use was not shown within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await page.reload();
      await settle(page);
    }
    console.log(`the use was shown after ${Date.now() - started} ms`);
    const lastUse = await usage.getByRole('definition').allTextContents();
    expect(lastUse.slice(1)).toEqual(['Nightly sync', app.clientId, '127.0.0.1', 'nightly-sync/3.1']);
    const row = usage.getByRole('table', { name: 'Uses per app, most recent first' }).getByRole('row', { name: /Nightly sync/ });
    expect(await row.textContent()).toContain(app.clientId);
    expect(await row.getByRole('cell').last().textContent()).toBe('2');
    await h.screenshot(page, '42-credential-usage');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '42-credential-usage-390');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
