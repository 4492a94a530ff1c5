import type { Page } from 'playwright-core';
import { api, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const UMA = { name: 'Uma Admin', email: 'uma@initech.example', organizationName: 'Initech' };

/** Errors beside their fields, dates with their zone, the default expiry, ids and app names, the invitation page, and a phone-width run. */
describe('console errors, dates, ids and a phone-sized layout', () => {
  let h: ConsoleHarness;
  let page: Page;
  let token: string;
  let clientId: string;
  let credentialId: string;

  beforeAll(async () => {
    h = await startConsole();
    token = (await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', { ...UMA, password: PASSWORD })).session.token;
    const app = await api<{ clients: { production: { clientId: string } } }>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Billing sync', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      token,
    );
    clientId = app.clients.production.clientId;
    page = await h.newPage();
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  async function logIn(p: Page) {
    await p.goto(`${h.baseUrl}/login`);
    await p.getByLabel('Email').fill(UMA.email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.waitForURL(/\/apps$/);
  }

  it('shows every sign-up field error at once beside its field, says the password rules first, and clears a stale error on input', async () => {
    await page.goto(`${h.baseUrl}/signup`);
    await page.getByText('At least 12 characters').waitFor();
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Your name').fill(' ');
    await page.getByLabel('Organization name').fill(' ');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid sign-up details' }).waitFor();
    const expected: [string, string, string][] = [
      ['signup-name', 'Your name', 'Enter your name'],
      ['signup-email', 'Email', 'Enter an e-mail address such as name@example.com'],
      ['signup-password', 'Password', 'Use at least 12 characters'],
      ['signup-org', 'Organization name', 'Enter the name of your organization'],
    ];
    for (const [id, , message] of expected) {
      const described = await page.locator(`#${id}`).getAttribute('aria-describedby');
      expect(described).toContain(`${id}-error`);
      expect(await page.locator(`#${id}-error`).textContent()).toBe(message);
    }
    expect(await page.locator('.field-error').count()).toBe(4);
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('signup-name');
    await h.screenshot(page, 'ux-signup-field-errors-1280');

    await page.getByLabel('Your name').fill('Sam');
    await page.locator('#signup-name-error').waitFor({ state: 'detached' });
    expect(await page.locator('.field-error').count()).toBe(3);
  });

  it('creates a credential expiring in 90 days by default, warns on Never, clears "Add at least one app" once one is added', async () => {
    await logIn(page);
    await page.goto(`${h.baseUrl}/credentials/new`);
    await page.getByLabel('Label').fill('Nightly');
    expect(await page.getByLabel('Days from now').inputValue()).toBe('90');
    await page.getByLabel('Never expires').check();
    await page.getByText('A credential that never expires works until someone revokes it').waitFor();
    await page.getByLabel('In a number of days').check();
    await page.getByLabel('Only specific apps of my choice').check();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Add at least one app').first().waitFor();
    await page.getByLabel('Client ID').fill(clientId);
    await page.getByRole('button', { name: 'Add app' }).click();
    await page.getByText('Billing sync').first().waitFor();
    await page.locator('.field-error').waitFor({ state: 'detached' });
    expect(await page.getByText('Add at least one app').count()).toBe(0);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('link', { name: 'View credential' }).click();
    await page.locator('.id-value code').waitFor();
    credentialId = (await page.locator('.id-value code').textContent())!;
    expect(page.url()).toContain(credentialId);

    const expires = page.locator('dt:text-is("Expires") + dd time');
    expect(await expires.textContent()).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC([+-]\d{1,2}(:\d{2})?)?$/);
    const utc = (await expires.getAttribute('title'))!;
    expect(utc).toMatch(/UTC$/);
    const expiresAt = Date.parse((await expires.getAttribute('datetime'))!);
    const days = (expiresAt - Date.now()) / 86_400_000;
    console.log(`default expiry: ${days.toFixed(3)} days from now`);
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90.01);
    await h.screenshot(page, 'ux-credential-1280');
  });

  it('names the organization, address and role on the invitation page', async () => {
    const invitation = await api<{ token: string }>(
      h.baseUrl,
      'POST',
      '/organization/invitations',
      { email: 'vic@initech.example', role: 'developer' },
      token,
    );
    const guest = await h.newPage();
    await guest.goto(`${h.baseUrl}/invitations#${invitation.token}`);
    const summary = guest.locator('.invitation-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Initech');
    expect(await summary.textContent()).toContain('vic@initech.example');
    expect(await summary.textContent()).toContain('Developer');
    await h.screenshot(guest, 'ux-invitation-1280');
    await guest.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(guest, 'ux-invitation-390');
    await guest.close();
  });

  it('at 390 px: a Menu button opens the navigation, tables are cards, client IDs are visible with Copy', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/apps`);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await menu.click();
    await nav.getByRole('link', { name: 'Apps' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');

    const id = page.locator('code.client-id', { hasText: clientId });
    await id.waitFor();
    const box = (await id.boundingBox())!;
    console.log(`client ID box at 390 px: x=${box.x} width=${box.width}`);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: /Copy client ID of Billing sync/ }).waitFor();
    expect(
      await page
        .locator('table.cards thead')
        .evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(e).position),
    ).toBe('absolute');
    expect(
      await page
        .locator('table.cards tbody tr')
        .first()
        .evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display),
    ).toBe('block');
    await h.screenshot(page, 'ux-apps-390');

    for (const [path, name] of [
      ['/credentials', 'credentials'],
      [`/credentials/${credentialId}`, 'credential'],
      ['/organization', 'organization'],
      ['/organization/audit', 'audit-log'],
      ['/sandbox-accounts', 'sandbox-accounts'],
    ]) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
      console.log(`${path} at 390 px: page width ${overflow}`);
      expect(overflow).toBeLessThanOrEqual(390);
      await h.screenshot(page, `ux-${name}-390`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [path, name] of [
      ['/apps', 'apps'],
      ['/credentials', 'credentials'],
      ['/organization', 'organization'],
      ['/organization/audit', 'audit-log'],
    ]) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });
      await h.screenshot(page, `ux-${name}-1280`);
    }
  });
});
