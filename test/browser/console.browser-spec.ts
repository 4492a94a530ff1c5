import type { Page, Request } from 'playwright-core';
import { api, clipboardText, focusedTag, focusedText, sessionCookie, sessionKeys, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(60_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ANN = { name: 'Ann Archer', email: 'ann@acme.example', organizationName: 'Acme' };

interface Created {
  clients: Record<string, { clientId: string; clientSecret: string }>;
}

/**
 * The console in a real browser, walking the seed document: log in, hover over your name and select
 * Credentials, Create JWT restricted to a specific third-party app (Add app by client ID), copy the
 * JWT shown once, see it listed; a Developer Admin manages another developer's credentials from the
 * Organization page; a user without developer access learns why they cannot create one.
 */
describe('the web console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let partnerClientId: string;

  beforeAll(async () => {
    h = await startConsole();
    // The third party: another organization with an app, whose developer shares its client ID.
    const partner = await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', {
      email: 'tom@partner.example',
      password: PASSWORD,
      name: 'Tom Third',
      organizationName: 'Partner Co',
    });
    const app = await api<Created>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Partner Reporting', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      partner.session.token,
    );
    partnerClientId = app.clients.production.clientId;
    page = await h.newPage();
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  /** Waits for the page heading (the console moves focus to it on every navigation). */
  const expectHeading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  /** Waits until the page has loaded its data. */
  async function settle(p: Page) {
    await p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });
  }

  async function openUserMenuItem(p: Page, item: string) {
    await settle(p);
    // As the seed says: hover your mouse over your name in the upper right corner, and select the item.
    await p
      .getByRole('banner')
      .getByRole('button', { name: /Ann Archer|Dana Developer|Uma User/ })
      .hover();
    const link = p.getByRole('banner').getByRole('link', { name: item, exact: true });
    await link.waitFor({ state: 'visible' });
    await link.click();
  }

  it('serves the console at / with a strict policy, and sends visitors to the login page', async () => {
    const res = await fetch(`${h.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script

    await page.goto(`${h.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    await expectHeading(page, 'Log in to the Developer Console');
    await expect(focusedTag(page)).resolves.toBe('H1');
  });

  it('signs up, logs out, fails to log in with a wrong password, then logs in', async () => {
    await page.getByRole('link', { name: 'Sign up' }).click();
    await expectHeading(page, 'Create your developer account');
    await page.getByLabel('Your name').fill(ANN.name);
    await page.getByLabel('Email').fill(ANN.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Organization name').fill(ANN.organizationName);
    await h.screenshot(page, '01-sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/apps$/);
    await expect(
      page
        .getByRole('banner')
        .getByRole('button', { name: /Ann Archer/ })
        .isVisible(),
    ).resolves.toBe(true);

    // The session lives in an HttpOnly, SameSite=Strict cookie, never in storage a script could read.
    expect(await sessionKeys(page)).toEqual([]);
    expect(await sessionCookie(page)).toMatchObject({ name: 'latchkey_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate<string>('document.cookie')).toBe('');

    await settle(page);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Ann Archer/ })
      .click();
    // A menu under the pointer stays open when the page moves focus (as a page does when it opens).
    await page.evaluate('document.querySelector("main h1").focus()');
    await expect(page.getByRole('button', { name: 'Log out' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await expect(page.getByText('You have logged out.').isVisible()).resolves.toBe(true);
    expect(await sessionCookie(page)).toBeUndefined();

    await page.getByLabel('Email').fill(ANN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\S/);

    await page.getByLabel('Password').fill(PASSWORD);
    await h.screenshot(page, '02-log-in');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/apps$/);
  });

  it('creates an app and shows its client secrets once; rotating a secret shows the new one once', async () => {
    await expectHeading(page, 'Apps');
    await page.getByLabel('App name').fill('Acme Internal Tools');
    await page.getByRole('checkbox', { name: 'EditAccounts' }).check();
    await page.getByRole('button', { name: 'Create app' }).click();
    const created = page.getByRole('heading', { name: /App “Acme Internal Tools” created/ });
    await created.waitFor();
    await expect(focusedText(page)).resolves.toContain('Acme Internal Tools');
    const secret = await page.getByLabel('Client secret (Production)', { exact: true }).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expect(page.getByRole('row', { name: /Acme Internal Tools/ }).isVisible()).resolves.toBe(true);
    await h.screenshot(page, '07-apps-secrets-shown-once');
    await page.getByRole('button', { name: 'I have copied them' }).click();
    await expect(page.getByLabel('Client secret (Production)', { exact: true }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Rotate secret of Acme Internal Tools (Production)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the client secret?' });
    await dialog.waitFor();
    await expect(focusedText(page)).resolves.toBe('Cancel');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('heading', { name: /New client secret for Acme Internal Tools/ }).waitFor();
    const rotated = await page.getByLabel('Client secret (Production)', { exact: true }).inputValue();
    expect(rotated).not.toBe(secret);
  });

  it('walks the seed: user menu → Credentials → Create JWT for a specific third-party app, copied once, then listed', async () => {
    // The menu opens on keyboard focus too, and Escape closes it.
    const name = page.getByRole('banner').getByRole('button', { name: /Ann Archer/ });
    await settle(page);
    await name.focus();
    await page.getByRole('banner').getByRole('link', { name: 'Credentials' }).waitFor({ state: 'visible' });
    expect(await name.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByRole('banner').getByRole('link', { name: 'Credentials' }).waitFor({ state: 'hidden' });
    await name.blur();

    // Hover your mouse over your name in the upper right corner, and select "Credentials".
    await name.hover();
    await page.getByRole('banner').getByRole('link', { name: 'Credentials' }).waitFor({ state: 'visible' });
    await h.screenshot(page, '03a-user-menu');
    await page.getByRole('banner').getByRole('link', { name: 'Credentials' }).click();
    await page.waitForURL(/\/credentials$/);
    await expectHeading(page, 'Credentials');
    await page.getByRole('link', { name: 'Create JWT' }).click();
    await expectHeading(page, 'Create JWT credential');

    await page.getByLabel('Label').fill('Partner Co reporting');
    await page.getByRole('radio', { name: 'Production' }).check();
    await page.getByRole('group', { name: 'What apps are permitted to use this credential?' }).waitFor();
    await page.getByRole('radio', { name: /Only specific apps of my choice/ }).check();

    // An unknown client ID: "not found", shown as an error.
    await page.getByLabel('Client ID').fill('prd_does-not-exist');
    await page.getByRole('button', { name: 'Add app' }).click();
    const notFound = page.getByRole('alert').filter({ hasText: /not found/i });
    await notFound.waitFor();

    // The client ID the app's developer gave us: the app appears in the table.
    await page.getByLabel('Client ID').fill(partnerClientId);
    await page.getByRole('button', { name: 'Add app' }).click();
    const table = page.getByRole('table', { name: 'Apps authorized to use this credential' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Partner Reporting/ });
    expect(await row.textContent()).toContain('Partner Co');
    expect(await row.textContent()).toContain(partnerClientId);
    await expect(notFound.count()).resolves.toBe(0);
    await h.screenshot(page, '04-create-jwt-with-apps-table');

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: /Your JWT credential “Partner Co reporting” was created/ }).waitFor();
    expect(await page.getByText('It will not be shown again.').isVisible()).toBe(true);
    const shown = await page.getByLabel('JWT credential', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Copy JWT credential' }).click();
    await page.getByRole('status').filter({ hasText: 'JWT credential copied to the clipboard.' }).waitFor();
    const copied = await clipboardText(page);
    expect(copied).toBe(shown);
    expect(copied.split('.')).toHaveLength(3);
    expect(copied).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const header = JSON.parse(Buffer.from(copied.split('.')[0], 'base64url').toString('utf8'));
    expect(header.alg).toBeDefined();
    await h.screenshot(page, '05-jwt-shown-once');

    await page.getByRole('link', { name: 'Done' }).click();
    await page.waitForURL(/\/credentials$/);
    const listed = page.getByRole('table', { name: 'Your JWT credentials' }).getByRole('row', { name: /Partner Co reporting/ });
    await listed.waitFor();
    const text = await listed.textContent();
    expect(text).toContain('Production');
    expect(text).toContain('Active');
    expect(text).toContain('Partner Reporting');
    expect(text).toContain('Never');
    await h.screenshot(page, '03-credentials-list');

    // The JWT is shown once only: nothing on the detail page shows it again.
    await listed.getByRole('link', { name: 'Partner Co reporting' }).click();
    await expectHeading(page, 'Partner Co reporting');
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('row').nth(1).waitFor();
    expect(await history.textContent()).toContain(ANN.email);
    expect(await page.content()).not.toContain(shown);
    await h.screenshot(page, '06-credential-detail-with-history');
  });

  it('saves a change with If-Match, and on a concurrent change says so and reloads', async () => {
    const url = page.url();
    const id = url.split('/').pop()!;
    await page.getByLabel('Label', { exact: true }).fill('Partner Co reporting (2026)');
    // Someone else changes the credential meanwhile.
    const token = await sessionToken(page);
    await api(h.baseUrl, 'PATCH', `/credentials/${id}`, { label: 'Renamed elsewhere' }, token);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'was changed after you opened it' }).waitFor();
    // The alert shows while the credential is read again: wait for the form to show what was saved elsewhere.
    await page.waitForFunction(`document.getElementById('edit-label')?.value === 'Renamed elsewhere'`);
    await expect(page.getByLabel('Label', { exact: true }).inputValue()).resolves.toBe('Renamed elsewhere');

    await page.getByLabel('Label', { exact: true }).fill('Partner Co reporting');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes were saved.' }).waitFor();
    await expectHeading(page, 'Partner Co reporting');
  });

  it('explains that sandbox credentials need a sandbox account, and creates one on the Sandbox accounts page', async () => {
    await openUserMenuItem(page, 'Credentials');
    await page.getByRole('link', { name: 'Create JWT' }).click();
    await page.getByRole('radio', { name: 'Sandbox' }).check();
    await page.getByText('You do not have a sandbox account yet.').waitFor();
    await expect(page.getByRole('button', { name: 'Create sandbox account' }).isVisible()).resolves.toBe(true);

    await openUserMenuItem(page, 'Sandbox accounts');
    await expectHeading(page, 'Sandbox accounts');
    const section = page.getByRole('region', { name: 'Your login credentials' });
    expect(await section.textContent()).toContain('No sandbox account');
    await h.screenshot(page, '10-sandbox-accounts');
    await section.getByRole('button', { name: 'Create sandbox account' }).click();
    await section.getByText('You have a sandbox account').waitFor();
    expect(await section.textContent()).not.toContain('No sandbox account');
    await h.screenshot(page, '10b-sandbox-account-created');
  });

  it('lets a Developer Admin invite a developer, then revoke that developer’s JWT from the Organization page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await expectHeading(page, 'Organization: Acme');
    await page.getByLabel('Email').fill('dana@acme.example');
    await page.getByLabel('Role').selectOption('developer');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
    // The token is in the fragment, which the browser never sends to the server.
    expect(link).toMatch(new RegExp(`^${h.baseUrl}/invitations#[^/#]+$`));
    await h.screenshot(page, '08a-organization-invitation-shown-once');

    // Dana accepts in her own browser (the session is a cookie: one per browser).
    const dana = await h.newPage();
    await dana.goto(link);
    await expectHeading(dana, 'Accept your invitation');
    await dana.getByLabel('Your name').fill('Dana Developer');
    await dana.getByLabel('Password').fill(PASSWORD);
    await dana.getByRole('button', { name: 'Accept invitation' }).click();
    await dana.waitForURL(/\/apps$/);
    const danaToken = await sessionToken(dana);
    const danas = await api<{ credential: { id: string } }>(
      h.baseUrl,
      'POST',
      '/credentials',
      { label: 'Dana CI pipeline', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } },
      danaToken,
    );
    // A developer sees her credential's history, but the audit log is for Developer Admins: no link to it.
    await dana.goto(`${h.baseUrl}/credentials/${danas.credential.id}`);
    await expectHeading(dana, 'Dana CI pipeline');
    await dana.getByRole('region', { name: 'History' }).getByRole('row').nth(1).waitFor();
    await expect(dana.getByRole('link', { name: 'See in the audit log' }).count()).resolves.toBe(0);
    await dana.close();

    await page.reload();
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('row', { name: /Dana Developer/ }).waitFor();
    expect(await members.getByRole('row', { name: /Dana Developer/ }).textContent()).toContain('Developer');
    await h.screenshot(page, '08-organization-members');

    // Select the developer, then click Credentials in the navigation.
    await members.getByRole('link', { name: 'Dana Developer' }).click();
    await expectHeading(page, 'Dana Developer');
    await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Credentials' }).click();
    await expectHeading(page, 'Dana Developer: Credentials');
    const row = page.getByRole('row', { name: /Dana CI pipeline/ });
    await row.waitFor();
    await h.screenshot(page, '09-member-credentials');

    await row.getByRole('link', { name: 'Dana CI pipeline' }).click();
    await expectHeading(page, 'Dana CI pipeline');
    expect(await page.getByText('dana@acme.example').first().isVisible()).toBe(true);
    const revoke = page.getByRole('button', { name: 'Revoke', exact: true });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this credential?' });
    await dialog.waitFor();
    await expect(focusedText(page)).resolves.toBe('Cancel');
    // Escape cancels, and focus returns to the Revoke button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(focusedText(page)).resolves.toBe('Revoke');

    await revoke.click();
    await dialog.getByLabel('Reason (optional)').fill('Leaked in a build log');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'The credential was revoked.' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Revoked');
    const history = page.getByRole('region', { name: 'History' });
    const revokedRow = history.getByRole('row', { name: /Revoked/ });
    await revokedRow.waitFor();
    expect(await revokedRow.textContent()).toContain(ANN.email);
    await h.screenshot(page, '06b-member-credential-revoked-with-history');

    // A Developer Admin goes from the credential's history to the audit log, filtered to this credential.
    const toAudit = history.getByRole('link', { name: 'See in the audit log' });
    expect(await toAudit.getAttribute('href')).toBe(`/organization/audit?credentialId=${encodeURIComponent(danas.credential.id)}`);
    await toAudit.click();
    await page.waitForURL(/\/organization\/audit\?credentialId=[^&]+$/);
    await expectHeading(page, 'Audit log');
    await settle(page);
    await expect(page.getByLabel('Credential ID').inputValue()).resolves.toBe(danas.credential.id);
    await page.getByRole('status').filter({ hasText: 'Showing all 2 entries.' }).waitFor();
    const entries = page.getByRole('table', { name: 'Audit log entries, newest first' }).getByRole('row');
    expect(await entries.nth(1).textContent()).toContain(danas.credential.id);
    expect(await entries.nth(2).textContent()).toContain(danas.credential.id);
    await page.goBack();
    await expectHeading(page, 'Dana CI pipeline');

    await page.getByRole('link', { name: /Member’s credentials/ }).click();
    expect(await page.getByRole('row', { name: /Dana CI pipeline/ }).textContent()).toContain('Revoked');
  });

  it('shows the Developer Admin that revocation in the Audit log, and filters the log by event type', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await expectHeading(page, 'Organization: Acme');
    // What the page asks the API: one page of the log, and each credential shown, once.
    const asked: string[] = [];
    const record = (request: Request) => {
      const url = new URL(request.url());
      if (/^\/console\/v1\/(audit|credentials)\b/.test(url.pathname)) asked.push(`${url.pathname}${url.search}`);
    };
    page.on('request', record);
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/organization\/audit$/);
    await expectHeading(page, 'Audit log');
    await settle(page);

    const log = page.getByRole('table', { name: 'Audit log entries, newest first' });
    // Newest first: the revocation of Dana's credential, by the admin, with the reason given.
    const newest = log.getByRole('row').nth(1);
    // The rows come first; each credential's label once it has been looked up.
    const credentialLink = newest.getByRole('link', { name: 'Dana CI pipeline' });
    await credentialLink.waitFor();
    const revoked = await newest.textContent();
    expect(revoked).toContain('Revoked');
    expect(revoked).toContain('Dana CI pipeline');
    expect(revoked).toContain(ANN.email);
    expect(revoked).toContain('Leaked in a build log');
    expect(await credentialLink.getAttribute('href')).toMatch(/^\/organization\/members\/[^/]+\/credentials\/[^/]+$/);
    // Dana created it herself; Ann's own credential is in the organization's log too.
    expect(await log.getByRole('row').filter({ hasText: 'Dana CI pipeline' }).filter({ hasText: 'dana@acme.example' }).count()).toBeGreaterThan(0);
    await log.getByRole('row').filter({ hasText: 'Partner Co reporting' }).first().waitFor();
    const lookups = () => asked.filter((path) => path.startsWith('/console/v1/credentials/'));
    expect(asked.filter((path) => path.startsWith('/console/v1/audit'))).toEqual(['/console/v1/audit?limit=50']);
    expect(lookups().length).toBeGreaterThanOrEqual(2);
    expect(new Set(lookups()).size).toBe(lookups().length);
    const lookedUp = lookups().length;

    await page.getByLabel('Event type').selectOption({ label: 'Revoked' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/organization\/audit\?type=credential\.revoked$/);
    await settle(page);
    await page.getByRole('status').filter({ hasText: 'Showing the only entry.' }).waitFor();
    const rows = log.getByRole('row');
    expect(await rows.count()).toBe(2); // the header, and the revocation
    expect(await rows.nth(1).getByRole('cell').nth(1).textContent()).toBe('Revoked');
    expect(await rows.nth(1).textContent()).toContain(ANN.email);
    // Its credential was looked up already: its label shows, without asking again.
    await rows.nth(1).getByRole('link', { name: 'Dana CI pipeline' }).waitFor();
    expect(lookups()).toHaveLength(lookedUp);
    page.off('request', record);
    await h.screenshot(page, '12-audit-log');

    // The filter lives in the address: reloading the page keeps it.
    await page.reload();
    await expectHeading(page, 'Audit log');
    await settle(page);
    await expect(page.getByLabel('Event type').inputValue()).resolves.toBe('credential.revoked');
    expect(await log.getByRole('row').count()).toBe(2);

    // A deleted credential keeps its entries: they show its ID, marked deleted, with no link to it.
    const token = await sessionToken(page);
    const gone = await api<{ credential: { id: string } }>(
      h.baseUrl,
      'POST',
      '/credentials',
      { label: 'Short-lived', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } },
      token,
    );
    await api(h.baseUrl, 'DELETE', `/credentials/${gone.credential.id}`, undefined, token);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/organization\/audit$/);
    await settle(page);
    const deletedRow = log.getByRole('row').filter({ hasText: gone.credential.id }).first();
    await deletedRow.getByText('(deleted)').waitFor();
    expect(await deletedRow.getByRole('link').count()).toBe(0);

    // Who did it: a member chosen by name and e-mail; the choice lives in the address too.
    const members = await api<{ items: { userId: string; email: string }[] }>(h.baseUrl, 'GET', '/organization/members', undefined, token);
    const danaId = members.items.find((m) => m.email === 'dana@acme.example')!.userId;
    const who = page.getByLabel('Who', { exact: true });
    await who.selectOption({ label: 'Dana Developer (dana@acme.example)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(`${h.baseUrl}/organization/audit?actorId=${encodeURIComponent(danaId)}`);
    await settle(page);
    // What Dana did: she joined, signed in and created her credential.
    await page
      .getByRole('status')
      .filter({ hasText: /^Showing all \d+ entries\.$/ })
      .waitFor();
    const whats = await log.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(whats).toEqual(expect.arrayContaining(['Created', 'Joined', 'Signed in']));
    for (const row of await log.locator('tbody tr td:nth-child(4)').allTextContents()) expect(row).toBe('dana@acme.example');
    await page.reload();
    await expectHeading(page, 'Audit log');
    await settle(page);
    await expect(who.inputValue()).resolves.toBe(danaId);
    expect(await who.locator('option:checked').textContent()).toBe('Dana Developer (dana@acme.example)');

    // A date the API refuses: its words once, though the problem's detail and its field error both say them.
    await page.goto(`${h.baseUrl}/organization/audit?since=not-a-date`);
    await expectHeading(page, 'Audit log');
    const refused = page.getByRole('alert').filter({ hasText: 'since must be' });
    await refused.waitFor();
    expect(((await refused.textContent()) ?? '').split('since must be')).toHaveLength(2);
  });

  it('shows a user without developer access why they cannot create a JWT', async () => {
    const admin = await api<{ token: string }>(h.baseUrl, 'POST', '/sessions', { email: ANN.email, password: PASSWORD });
    const invitation = await api<{ token: string }>(
      h.baseUrl,
      'POST',
      '/organization/invitations',
      { email: 'uma@acme.example', role: 'user' },
      admin.token,
    );
    await api(h.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, { name: 'Uma User', password: PASSWORD });

    const uma = await h.newPage();
    await uma.goto(`${h.baseUrl}/login`);
    await uma.getByLabel('Email').fill('uma@acme.example');
    await uma.getByLabel('Password').fill(PASSWORD);
    await uma.getByRole('button', { name: 'Log in' }).click();
    await uma.waitForURL(/\/apps$/);
    await expect(uma.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).count()).resolves.toBe(0);

    await openUserMenuItem(uma, 'Credentials');
    const notice = uma.getByRole('region', { name: 'You do not have developer access' });
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toMatch(/developer/i);
    expect(text).toContain('please reach out to your account administrator to request access');
    await expect(uma.getByRole('link', { name: 'Create JWT' }).count()).resolves.toBe(0);
    await h.screenshot(uma, '11-no-developer-access');

    await uma.goto(`${h.baseUrl}/credentials/new`);
    await uma.getByRole('region', { name: 'You do not have developer access' }).waitFor();
    await expect(uma.getByLabel('Label').count()).resolves.toBe(0);

    // Opened directly, the Organization section says it is for Developer Admins, and asks the API nothing.
    const members = await api<{ items: { userId: string; email: string }[] }>(h.baseUrl, 'GET', '/organization/members', undefined, admin.token);
    const danaId = members.items.find((m) => m.email === 'dana@acme.example')!.userId;
    const asked: string[] = [];
    const record = (request: Request) => {
      if (/^\/console\/v1\/(organization|audit)\b/.test(new URL(request.url()).pathname)) asked.push(request.url());
    };
    uma.on('request', record);
    for (const path of [
      '/organization',
      '/organization/audit?type=CredentialRevoked',
      `/organization/members/${danaId}`,
      `/organization/members/${danaId}/credentials`,
    ]) {
      await uma.goto(`${h.baseUrl}${path}`);
      await expectHeading(uma, 'Organization');
      const adminsOnly = uma.getByRole('region', { name: 'For Developer Admins only' });
      expect(await adminsOnly.textContent()).toContain('Only Developer Admins can see the organization’s members and audit log.');
      await expect(uma.getByRole('alert').filter({ hasText: /\S/ }).count()).resolves.toBe(0);
    }
    await h.screenshot(uma, '13-organization-for-admins-only');
    uma.off('request', record);
    expect(asked).toEqual([]);
    await uma.close();
  });
});
