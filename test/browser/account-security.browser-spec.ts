import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { api, sessionCookie, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const NEW_PASSWORD = 'Fresh-Horse-Battery-2026';
const RESET_PASSWORD = 'Reset-Horse-Battery-2027';
const ADA = { name: 'Ada Admin', email: 'ada@initech.example', organizationName: 'Initech' };

const codeAt = (secret: string, atMs: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: atMs });

async function expectHeading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * Account security in the console: two-factor enrolment with the QR code drawn locally and a code
 * computed here, sign-in that asks for the code, password change, an admin's reset link used by
 * the member, and the cookie session that a second tab shares.
 */
describe('account security in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let member: { userId: string; email: string };
  let totpSecret: string;
  let confirmedStep: number;

  beforeAll(async () => {
    h = await startConsole();
    const ada = await api<{ session: { token: string } }>(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD });
    const email = 'milton@initech.example';
    const invitation = await api<{ token: string }>(h.baseUrl, 'POST', '/organization/invitations', { email, role: 'developer' }, ada.session.token);
    const accepted = await api<{ user: { id: string } }>(h.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, {
      name: 'Milton Member',
      password: PASSWORD,
    });
    member = { userId: accepted.user.id, email };
    page = await h.newPage();
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  async function logIn(p: Page, email: string, password: string) {
    await p.goto(`${h.baseUrl}/login`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password', { exact: true }).fill(password);
    await p.getByRole('button', { name: 'Log in' }).click();
  }

  it('signs in with a cookie that a second tab shares: a page opened there is signed in too', async () => {
    await logIn(page, ADA.email, PASSWORD);
    await page.waitForURL(/\/apps$/);
    expect(await sessionCookie(page)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    const tab = await h.newTab(page);
    await tab.goto(`${h.baseUrl}/account`);
    await expectHeading(tab, 'Account');
    await tab.getByRole('main').getByText(ADA.email).waitFor();
    await tab.close();
  });

  it('enrols in two-factor sign-in: QR code drawn locally, the key as text, a code computed here, recovery codes shown once', async () => {
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(h.baseUrl)) external.push(request.url());
    });
    await page.goto(`${h.baseUrl}/account`);
    await expectHeading(page, 'Account');
    await h.screenshot(page, '20-account-1280');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: /QR code to add Latchkey/ }).waitFor();
    totpSecret = await page.getByLabel('Setup key', { exact: true }).inputValue();
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    await h.screenshot(page, '21-account-two-factor-enrolment-1280');

    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('alert').filter({ hasText: 'incorrect' }).waitFor();

    const now = Date.now();
    confirmedStep = Math.floor(now / 30_000);
    await page.getByLabel('Code from the app').fill(codeAt(totpSecret, now));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = (await page.getByLabel('Recovery codes', { exact: true }).inputValue()).split('\n');
    expect(codes).toHaveLength(10);
    await page.getByRole('button', { name: 'Download' }).waitFor();
    await h.screenshot(page, '22-account-recovery-codes-1280');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('On.', { exact: false }).first().waitFor();
    expect(external).toEqual([]);
  });

  it('asks for the code at sign-in once the password is right, and signs in with a code computed here', async () => {
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Ada Admin/ })
      .click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await logIn(page, ADA.email, PASSWORD);
    await page.getByLabel('Authentication code').waitFor();
    await h.screenshot(page, '23-login-two-factor-code-1280');
    await page.getByLabel('Authentication code').fill(codeAt(totpSecret, (confirmedStep + 1) * 30_000));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/apps$/);
  });

  it('changes the password on the Account page', async () => {
    await page.goto(`${h.baseUrl}/account`);
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'current password is incorrect' }).waitFor();
    // The console stays signed in after a wrong current password (a 422, not a 401).
    await expectHeading(page, 'Account');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(page, '20-account-390');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('an admin issues a reset link on the member page (shown once); the member sets a new password with it and signs in', async () => {
    await page.goto(`${h.baseUrl}/organization/members/${member.userId}`);
    await page.getByRole('button', { name: 'Issue password reset' }).click();
    const link = await page.getByLabel('Reset link', { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${h.baseUrl}/reset-password#[A-Za-z0-9_-]{43}$`));
    await h.screenshot(page, '24-member-password-reset-link-1280');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Issue password reset' }).waitFor();

    await page.getByRole('button', { name: 'Clear two-factor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear two-factor' }).click();
    await page.getByText('Two-factor sign-in of Milton Member is cleared').waitFor();

    const milton = await h.newPage();
    await milton.goto(link);
    await expectHeading(milton, 'Reset your password');
    await h.screenshot(milton, '25-reset-password-1280');
    await milton.setViewportSize({ width: 390, height: 844 });
    await h.screenshot(milton, '25-reset-password-390');
    await milton.setViewportSize({ width: 1280, height: 860 });
    await milton.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD);
    await milton.getByLabel('New password, again').fill(RESET_PASSWORD);
    await milton.getByRole('button', { name: 'Set new password' }).click();
    await expectHeading(milton, 'Your password is set');
    expect(new URL(milton.url()).hash).toBe('');
    await logIn(milton, member.email, RESET_PASSWORD);
    await milton.waitForURL(/\/apps$/);
  });

  it('shows the account and login pages at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/account`);
    await expectHeading(page, 'Account');
    await h.screenshot(page, '20-account-two-factor-on-390');
    const anonymous = await h.newPage();
    await anonymous.setViewportSize({ width: 390, height: 844 });
    await anonymous.goto(`${h.baseUrl}/reset-password`);
    await anonymous.getByText('This reset link is incomplete').waitFor();
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
