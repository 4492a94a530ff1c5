import type { Page } from 'playwright-core';
import { api, focusedTag, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@initech.example', organizationName: 'Initech' };
const FINN = { name: 'Finn Developer', email: 'finn@initech.example' };
const PAT = { name: 'Pat Partner', email: 'pat@partner.example', organizationName: 'Partner Co' };

interface CreatedApp {
  clients: Record<string, { clientId: string }>;
}

/**
 * Third-party approval in the console: under the policy "Only with an admin’s approval" a
 * developer's credential for a partner's app asks for a justification and starts "Pending
 * approval"; a Developer Admin approves it (with a note) or denies another (a reason is required)
 * on the Requests page, through confirmation dialogs; the developer sees the credential active.
 */
describe('credential requests in the console', () => {
  let h: ConsoleHarness;
  let ada: Page;
  let finn: Page;
  let adaToken: string;
  let finnToken: string;
  let partnerClientId: string;

  const expectHeading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  const settle = (p: Page) => p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });

  async function logIn(email: string): Promise<Page> {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/apps$/);
    return page;
  }

  beforeAll(async () => {
    h = await startConsole();
    adaToken = (await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD })).session.token;
    const patToken = (await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', { ...PAT, password: PASSWORD })).session.token;
    const app = await api<CreatedApp>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Partner Reporting', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      patToken,
    );
    partnerClientId = app.clients.production.clientId;
    const invitation = await api<{ token: string }>(
      h.baseUrl,
      'POST',
      '/organization/invitations',
      { email: FINN.email, role: 'developer' },
      adaToken,
    );
    finnToken = (
      await api<{ session: { token: string } }>(h.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, { name: FINN.name, password: PASSWORD })
    ).session.token;
    const policy = {
      maxCredentialLifetimeDays: null,
      requireExpiry: false,
      organizationWideCredentials: { production: true, sandbox: true },
      thirdPartyApps: 'approval',
      inactiveCredentialRevocationDays: null,
      requireMfa: false,
    };
    await api(h.baseUrl, 'PUT', '/organization/policy', policy, adaToken);
    finn = await logIn(FINN.email);
    ada = await logIn(ADA.email);
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('asks the developer for a justification for a partner’s app, then shows the credential pending approval', async () => {
    await finn.bringToFront();
    await finn.goto(`${h.baseUrl}/credentials/new`);
    await expectHeading(finn, 'Create JWT credential');
    await settle(finn);
    await finn.getByLabel('Label').fill('Partner reporting');
    await finn.getByRole('radio', { name: /Only specific apps of my choice/ }).check();
    await finn.getByLabel('Client ID').fill(partnerClientId);
    await finn.getByRole('button', { name: 'Add app' }).click();
    await finn
      .getByRole('table', { name: 'Apps authorized to use this credential' })
      .getByRole('row', { name: /Partner Reporting/ })
      .waitFor();

    // The field appears with the partner's app; creating without it is refused by the server, next to the field.
    const justification = finn.getByLabel('Justification');
    await justification.waitFor();
    expect(await finn.locator('#jwt-justification-hint').textContent()).toContain('Partner Reporting');
    await finn.getByRole('button', { name: 'Create', exact: true }).click();
    await finn.locator('#jwt-justification[aria-invalid="true"]').waitFor();
    await h.screenshot(finn, '40-create-jwt-justification-required');

    await justification.fill('Partner Co builds our monthly reports');
    await finn.getByRole('button', { name: 'Create', exact: true }).click();
    await finn.getByRole('heading', { name: /Your JWT credential “Partner reporting” was created/ }).waitFor();
    await finn.getByText('Pending approval.').waitFor();
    await finn.getByRole('link', { name: 'Done' }).click();
    await finn.waitForURL(/\/credentials$/);
    const row = finn.getByRole('table', { name: 'Your JWT credentials' }).getByRole('row', { name: /Partner reporting/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Pending approval');
    expect(await row.textContent()).toContain('Partner Reporting (pending approval)');
    await h.screenshot(finn, '41-credentials-pending-approval');
  });

  it('lets a Developer Admin approve it on the Requests page, with a note, after a confirmation', async () => {
    await ada.bringToFront();
    await ada.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await ada.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Requests' }).click();
    await expectHeading(ada, 'Credential requests');
    await settle(ada);
    const row = ada.getByRole('row', { name: /Partner reporting/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(FINN.email);
    expect(text).toContain('Partner Reporting (Partner Co)');
    expect(text).toContain('Partner Co builds our monthly reports');
    expect(text).toContain('Pending');

    await row.getByRole('button', { name: /^Approve/ }).click();
    const dialog = ada.getByRole('dialog', { name: 'Approve this app?' });
    await dialog.waitFor();
    expect(await focusedTag(ada)).toBe('INPUT');
    await dialog.getByLabel('Note (optional)').fill('Contract signed in March');
    await h.screenshot(ada, '42-approve-request-dialog');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await ada.getByRole('status').filter({ hasText: 'Partner Reporting may now use “Partner reporting”.' }).waitFor();
    await row.getByText('Approved').waitFor();
    expect(await row.textContent()).toContain('Contract signed in March');
    await expect(row.getByRole('button', { name: /^Approve/ }).count()).resolves.toBe(0);
    await h.screenshot(ada, '43-requests-approved');
  });

  it('shows the developer the credential active once approved', async () => {
    await finn.bringToFront();
    await finn.reload();
    const row = finn.getByRole('table', { name: 'Your JWT credentials' }).getByRole('row', { name: /Partner reporting/ });
    await row.waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await row.textContent()).not.toContain('pending approval');
  });

  it('denies a request only with a reason; pending requests are listed first', async () => {
    await api(
      h.baseUrl,
      'POST',
      '/credentials',
      {
        label: 'Second partner link',
        environment: 'production',
        expiresAt: null,
        allowedApps: { type: 'specific', clientIds: [partnerClientId] },
        justification: 'A second report',
      },
      finnToken,
    );
    await ada.bringToFront();
    await ada.reload();
    await expectHeading(ada, 'Credential requests');
    await settle(ada);
    const rows = ada.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('Second partner link');
    const row = ada.getByRole('row', { name: /Second partner link/ });
    await row.getByRole('button', { name: /^Deny/ }).click();
    const dialog = ada.getByRole('dialog', { name: 'Deny this app?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Enter a reason' }).waitFor();
    await dialog.getByLabel('Reason').fill('One report link is enough');
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Denied').waitFor();
    expect(await row.textContent()).toContain('One report link is enough');

    // The only app of that pending credential was denied: it is revoked, with the reason shown.
    const mine = await api<{ items: { label: string; status: string; revocationReason: string | null }[] }>(
      h.baseUrl,
      'GET',
      '/credentials',
      undefined,
      finnToken,
    );
    expect(mine.items.find((c) => c.label === 'Second partner link')).toMatchObject({ status: 'revoked', revocationReason: 'denied' });
  });
});
