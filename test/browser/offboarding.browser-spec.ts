import type { Page } from 'playwright-core';
import { api, clipboardText, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(120_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@offboard.example', organizationName: 'Umbrella' };
const SAM = { name: 'Sam Second', email: 'sam@offboard.example' };

/** Retries `assertion` until it passes or `timeoutMs` is over; rethrows the last failure. */
async function eventually(assertion: () => Promise<void>, { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

interface Offboarding {
  credentials: { id: string; label: string; usedBy: { appName: string | null }[] }[];
}

/**
 * Service users in the console (added from the Organization page, marked "Service", their member
 * page creating a credential and an API token, each shown once with Copy), and the remove-member
 * dialog listing what stops working before the admin confirms. Screenshots at 1280 and 390 px.
 */
describe('service users and the offboarding dialog', () => {
  let h: ConsoleHarness;
  let page: Page;
  let adaToken: string;
  let sam: { userId: string; token: string };
  let samCredential: string;
  let serviceUserId: string;
  let serviceJwt: string;

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

    // Sam, a second admin, with an app of their own, a credential that app uses, and an invitation they issued.
    const invitation = await api<{ token: string }>(
      h.baseUrl,
      'POST',
      '/organization/invitations',
      { email: SAM.email, role: 'developer_admin' },
      adaToken,
    );
    const accepted = await api<{ user: { id: string }; session: { token: string } }>(h.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, {
      name: SAM.name,
      password: PASSWORD,
    });
    sam = { userId: accepted.user.id, token: accepted.session.token };
    const app = await api<{ clients: { production: { clientId: string; clientSecret: string } } }>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Sam’s reporting tool', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      sam.token,
    );
    const credential = await api<{ credential: { id: string }; jwt: string }>(
      h.baseUrl,
      'POST',
      '/credentials',
      { label: 'sam reporting', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } },
      sam.token,
    );
    samCredential = credential.credential.id;
    const { clientId, clientSecret } = app.clients.production;
    const exchanged = await fetch(`${h.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: credential.jwt }).toString(),
    });
    expect(exchanged.status).toBe(200);
    await api(h.baseUrl, 'POST', '/organization/invitations', { email: 'pending@offboard.example', role: 'developer' }, sam.token);
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const settle = (p: Page) => p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });

  async function openOrganization() {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('heading', { level: 1, name: `Organization: ${ADA.organizationName}` }).waitFor();
    await settle(page);
  }

  it('adds a service user from the Organization page, marked "Service" in the members list', async () => {
    await openOrganization();
    await page.getByRole('button', { name: 'Add service user' }).click();
    await page.getByLabel('Name').fill('Partner feed');
    const role = page.locator('#service-user-role');
    expect(await role.locator('option').allTextContents()).toEqual(['Developer', 'Developer Admin']);
    await role.selectOption('developer');
    await page.getByRole('button', { name: 'Create service user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner feed' }).waitFor();
    serviceUserId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByText('is a service user: it has no password and never signs in').waitFor();

    await openOrganization();
    const row = page.getByRole('row', { name: /Partner feed/ });
    await row.getByText('Service', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('None (service user)');
    expect(
      await page
        .getByRole('row', { name: /Ada Admin/ })
        .getByText('Service', { exact: true })
        .count(),
    ).toBe(0);
  });

  it('its member page creates a credential, the JWT shown once with Copy, and an API token', async () => {
    await page.getByRole('link', { name: 'Partner feed' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner feed' }).waitFor();
    await settle(page);
    await page.getByLabel('Label').fill('partner feed production');
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByRole('heading', { name: 'JWT credential “partner feed production” created' }).waitFor();
    serviceJwt = await page.getByLabel('JWT credential', { exact: true }).inputValue();
    expect(serviceJwt.split('.')).toHaveLength(3);
    await page.getByRole('button', { name: 'Copy' }).click();
    expect(await clipboardText(page)).toBe(serviceJwt);
    await h.screenshot(page, '40-service-user-credential');
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByLabel('Token name').fill('partner pipeline');
    await page.getByLabel(/^Your password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token “partner pipeline” created' }).waitFor();
    const token = await page.getByLabel('API token', { exact: true }).inputValue();
    expect(token).toMatch(/^lkc_/);
    const credentials = await api<{ items: { label: string }[] }>(h.baseUrl, 'GET', '/credentials', undefined, token);
    expect(credentials.items.map((c) => c.label)).toEqual(['partner feed production']);
  });

  it('the remove dialog lists what stops working: credentials with the apps that used them, apps, invitations', async () => {
    // Uses are recorded in batches, a few seconds after the token request.
    const started = Date.now();
    await eventually(
      async () => {
        const view = await api<Offboarding>(h.baseUrl, 'GET', `/organization/members/${sam.userId}/offboarding`, undefined, adaToken);
        expect(view.credentials.find((c) => c.id === samCredential)?.usedBy).toHaveLength(1);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    console.log(`the use was in the offboarding view after ${Date.now() - started} ms`);

    await openOrganization();
    await page.getByRole('link', { name: SAM.name }).click();
    await page.getByRole('heading', { level: 1, name: SAM.name }).waitFor();
    await settle(page);
    await page.getByRole('button', { name: 'Remove member' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${SAM.name}?` });
    await dialog.getByRole('heading', { name: 'Credentials revoked (1)' }).waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('sam reporting');
    expect(text).toContain('apps that stop working: Sam’s reporting tool');
    expect(text).toContain('Apps they created (1)');
    expect(text).toContain('pending@offboard.example');
    await h.screenshot(page, '41-offboarding-dialog');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '41-offboarding-dialog-390');
    await page.setViewportSize({ width: 1280, height: 860 });

    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.waitForURL(/\/organization$/);
    const removed = await api<{ status: string; revocationReason: string }>(h.baseUrl, 'GET', `/credentials/${samCredential}`, undefined, adaToken);
    expect([removed.status, removed.revocationReason]).toEqual(['revoked', 'member_removed']);
  });

  it('a service user’s credentials keep working after people leave', async () => {
    const list = await api<{ items: { label: string; status: string }[] }>(
      h.baseUrl,
      'GET',
      `/organization/members/${serviceUserId}/credentials`,
      undefined,
      adaToken,
    );
    expect(list.items.map((c) => [c.label, c.status])).toEqual([['partner feed production', 'active']]);
  });
});
