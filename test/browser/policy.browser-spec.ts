import type { Page } from 'playwright-core';
import { api, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@policy.example', organizationName: 'Soylent' };

interface Credential {
  id: string;
  status: string;
  revocationReason: string | null;
}

/**
 * The Policy page: a Developer Admin makes the policy stricter, sees the existing credentials that
 * break it (a stricter policy never changes them by itself), and revokes them in one action; a new
 * credential that breaks it is refused. Screenshots at 1280 and 390 px.
 */
describe('the credential policy page', () => {
  let h: ConsoleHarness;
  let page: Page;
  let adaToken: string;
  let neverExpires: Credential;
  let expiring: Credential;

  beforeAll(async () => {
    h = await startConsole();
    await api(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD });
    page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/apps$/);
    adaToken = await sessionToken(page);
    const create = async (label: string, expiresAt: string | null) =>
      (
        await api<{ credential: Credential }>(
          h.baseUrl,
          'POST',
          '/credentials',
          { label, environment: 'production', expiresAt, allowedApps: { type: 'organization' } },
          adaToken,
        )
      ).credential;
    neverExpires = await create('forever key', null);
    expiring = await create('monthly key', new Date(Math.floor(Date.now() / 1000 + 30 * 86_400) * 1000).toISOString());
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const settle = (p: Page) => p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });

  it('opens from the Organization tabs, with every credential keeping the default policy', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Credential policy' }).waitFor();
    await settle(page);
    await page.getByText('No credential breaks the policy.').waitFor();
    expect(await page.getByLabel('Credentials must expire').isChecked()).toBe(false);
  });

  it('a stricter policy lists the credentials that break it, without changing them', async () => {
    await page.getByLabel('Credentials must expire').check();
    await page.getByLabel(/^Longest lifetime/).fill('60');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy saved.' }).waitFor();
    await settle(page);

    const row = page.getByRole('row', { name: /forever key/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(ADA.email);
    expect(await page.getByRole('row', { name: /monthly key/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke all 1' }).waitFor();
    await h.screenshot(page, '42-policy-violations');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '42-policy-violations-390');
    await page.setViewportSize({ width: 1280, height: 860 });

    const still = await api<Credential>(h.baseUrl, 'GET', `/credentials/${neverExpires.id}`, undefined, adaToken);
    expect(still.status).toBe('active');
    const saved = await api<{ requireExpiry: boolean; maxCredentialLifetimeDays: number | null }>(
      h.baseUrl,
      'GET',
      '/organization/policy',
      undefined,
      adaToken,
    );
    expect([saved.requireExpiry, saved.maxCredentialLifetimeDays]).toEqual([true, 60]);
  });

  it('revokes the violations in one action, with reason "policy", and leaves the others alone', async () => {
    await page.getByRole('button', { name: 'Revoke all 1' }).click();
    await page.getByRole('status').filter({ hasText: '1 credential revoked.' }).waitFor();
    await page.getByText('No credential breaks the policy.').waitFor();

    const revoked = await api<Credential>(h.baseUrl, 'GET', `/credentials/${neverExpires.id}`, undefined, adaToken);
    expect([revoked.status, revoked.revocationReason]).toEqual(['revoked', 'policy']);
    const kept = await api<Credential>(h.baseUrl, 'GET', `/credentials/${expiring.id}`, undefined, adaToken);
    expect(kept.status).toBe('active');
  });

  it('after saving, a new credential that breaks the policy is refused with the rule named', async () => {
    const res = await fetch(`${h.baseUrl}/console/v1/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adaToken}` },
      body: JSON.stringify({ label: 'another forever key', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } }),
    });
    const body = (await res.json()) as { code: string };
    expect([res.status, body.code]).toEqual([422, 'POLICY_VIOLATION']);
  });
});
