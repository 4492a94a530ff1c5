import type { Page } from 'playwright-core';
import { api, focusedTag, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@empty.example', organizationName: 'Fresh Start' };

/**
 * A fresh organization's list pages, each empty: a short sentence says so, and the next thing to
 * do is a button (or a link styled as one) that takes the user there — another page, or the first
 * field of the form on the same page.
 */
describe('empty states in the console', () => {
  let h: ConsoleHarness;
  let page: Page;

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
  const open = async (path: string) => {
    await page.goto(`${h.baseUrl}${path}`);
    await settle(page);
  };
  const focusedId = () => page.evaluate<string | undefined>('document.activeElement?.id');

  it('Credentials: “No credentials yet.” and a link to create the first JWT', async () => {
    await open('/credentials');
    await page.getByText('No credentials yet.').waitFor();
    await h.screenshot(page, '70-empty-credentials');
    await page.locator('.empty-state').getByRole('link', { name: 'Create your first JWT' }).click();
    await page.waitForURL(/\/credentials\/new$/);
  });

  it('Apps: “No apps yet.” and a button that starts the app form', async () => {
    await open('/apps');
    await page.getByText('No apps yet.').waitFor();
    await page.getByRole('button', { name: 'Create your first app' }).click();
    expect(await focusedId()).toBe('app-name');
  });

  it('Sandbox accounts: no sandbox account, and a button to create one', async () => {
    await open('/sandbox-accounts');
    await page.getByText('You do not have an account in the sandbox environment').waitFor();
    await page.getByRole('button', { name: 'Create sandbox account' }).waitFor();
  });

  it('Members and invitations: the only member, no pending invitation, and a button that starts an invitation', async () => {
    await open('/organization');
    await page.getByText('You are the only member so far.').waitFor();
    await page.getByRole('region', { name: 'Pending invitations' }).getByText('There are no pending invitations.').waitFor();
    await page.getByRole('region', { name: 'Pending invitations' }).getByRole('button', { name: 'Send an invitation' }).click();
    expect(await focusedId()).toBe('invite-email');
    await page.getByRole('region', { name: 'Members' }).getByRole('button', { name: 'Send an invitation' }).click();
    expect(await focusedId()).toBe('invite-email');
  });

  it('Audit log: filters that match nothing say so, with a button that shows every entry', async () => {
    await open('/organization/audit?type=webhook.deleted');
    await page.getByText('No entries match these filters.').waitFor();
    await page.getByRole('button', { name: 'Show all entries' }).click();
    await page.waitForURL(/\/organization\/audit$/);
  });

  it('API tokens: none of your own, none in the organization, each with the way to create one', async () => {
    await open('/api-tokens');
    await page.getByText('You have no API tokens.').waitFor();
    await page.getByRole('button', { name: 'Create your first token' }).click();
    expect(await focusedId()).toBe('token-name');
    expect(await focusedTag(page)).toBe('INPUT');

    await open('/organization/api-tokens');
    await page.getByText('No member has an API token yet.').waitFor();
    await page.locator('.empty-state').getByRole('link', { name: 'Create an API token' }).click();
    await page.waitForURL(/\/api-tokens$/);
  });

  it('Policy violations: none, with a button to the policy’s first rule', async () => {
    await open('/organization/policy');
    await page.getByText('No credential breaks the policy.').waitFor();
    await page.getByRole('button', { name: 'Tighten the policy' }).click();
    expect(await focusedId()).toBe('policy-max-lifetime');
  });

  it('Webhooks: none, with a button that opens the form', async () => {
    await open('/organization/webhooks');
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByRole('button', { name: 'Add your first endpoint' }).click();
    await page.getByLabel('Endpoint URL').waitFor();
  });
});
