import type { Page, Request } from 'playwright-core';
import { api, focusedTag, focusedText, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(60_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@globex.example', organizationName: 'Globex' };

interface CreatedApp {
  id: string;
  name: string;
  clients: Record<string, { clientId: string; clientSecret: string }>;
}

/**
 * A Developer Admin's pending invitations (listed, cancelled through a confirmation), invitation
 * links that carry their token in the fragment (and old-style links moved there), and apps edited
 * and deleted through their dialogs by those allowed to.
 */
describe('invitations and apps in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  /** A developer who joined through an invitation, in a tab of their own. */
  let finn: Page;
  let adaToken: string;

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
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const expectHeading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  async function settle(p: Page) {
    await p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });
  }

  async function openOrganization() {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await expectHeading(page, `Organization: ${ADA.organizationName}`);
    await settle(page);
  }

  /**
   * Invites through the form and returns the link shown once. Each tab is brought to the front before
   * it is used: a background tab's animation frames are throttled, and every click waits for two.
   */
  async function invite(email: string): Promise<string> {
    await page.bringToFront();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role').selectOption('developer');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByRole('heading', { name: `Invitation for ${email} created` }).waitFor();
    return page.getByLabel('Invitation link', { exact: true }).inputValue();
  }

  const tokenOf = (link: string) => decodeURIComponent(link.slice(link.indexOf('#') + 1));

  /** Accepts an invitation in the tab's open page; returns the accept call the page made. */
  async function accept(tab: Page, name: string): Promise<string[]> {
    const posted: string[] = [];
    // The page's own lookup of the invitation (its token in the body) is not the acceptance.
    const record = (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'POST' && path !== '/console/v1/invitations/lookup') posted.push(path);
    };
    tab.on('request', record);
    await tab.bringToFront();
    await expectHeading(tab, 'Accept your invitation');
    await tab.getByLabel('Your name').fill(name);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Accept invitation' }).click();
    await tab.waitForURL(/\/apps$/);
    tab.off('request', record);
    return posted;
  }

  it('invites, shows the link with the token after #, lists the invitation as pending, cancels it after a confirmation, and the list empties', async () => {
    await openOrganization();
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await pending.getByText('There are no pending invitations.').waitFor();

    const link = await invite('eve@globex.example');
    expect(link).toMatch(new RegExp(`^${h.baseUrl}/invitations#[^/#?]+$`));
    const token = tokenOf(link);
    expect(token.length).toBeGreaterThan(20);

    // The list is read again after inviting.
    const row = pending.getByRole('row', { name: /eve@globex\.example/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Developer');
    expect(text).toContain(`You (${ADA.email})`);
    expect(text).toMatch(/\d{4}/); // the expiry, as a date
    await expect(pending.getByText('There are no pending invitations.').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await h.screenshot(page, '14-organization-pending-invitations');

    const cancel = pending.getByRole('button', { name: 'Cancel the invitation for eve@globex.example' });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this invitation?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('eve@globex.example');
    // Focus starts on the safe choice; Escape keeps the invitation and gives focus back.
    await expect(focusedText(page)).resolves.toBe('Keep it');
    await h.screenshot(page, '15-cancel-invitation-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(focusedText(page)).resolves.toBe('Cancel');
    await expect(row.count()).resolves.toBe(1);

    await cancel.click();
    await dialog.getByRole('button', { name: 'Cancel invitation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await pending.getByRole('status').filter({ hasText: 'The invitation for eve@globex.example was cancelled' }).waitFor();
    await pending.getByText('There are no pending invitations.').waitFor();
    await expect(row.count()).resolves.toBe(0);
    const listed = await api<{ items: unknown[] }>(h.baseUrl, 'GET', '/organization/invitations?status=pending', undefined, adaToken);
    expect(listed.items).toEqual([]);

    // Its link no longer works: the page says so at once, and offers nothing to accept.
    const eve = await h.newPage();
    await eve.goto(link);
    await eve.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    await expect(eve.getByRole('button', { name: 'Accept invitation' }).count()).resolves.toBe(0);
    expect(eve.url()).toBe(link);
    await eve.close();
  });

  it('accepts an invitation through its fragment link, and an old-style /invitations/<token> link once moved into the fragment', async () => {
    const link = await invite('finn@globex.example');
    const token = tokenOf(link);
    finn = await h.newPage();
    await finn.goto(link);
    // The accept call sends the token in its path, as the API asks.
    expect(await accept(finn, 'Finn Developer')).toEqual([`/console/v1/invitations/${encodeURIComponent(token)}/accept`]);

    const oldStyle = await invite('gus@globex.example');
    const gusToken = tokenOf(oldStyle);
    const gus = await h.newPage();
    await gus.goto(`${h.baseUrl}/login`);
    const before = await gus.evaluate<number>('history.length');
    await gus.goto(`${h.baseUrl}/invitations/${encodeURIComponent(gusToken)}`);
    await expectHeading(gus, 'Accept your invitation');
    // The token left the path for the fragment, in place: one history entry, no way back to the old address.
    expect(gus.url()).toBe(`${h.baseUrl}/invitations#${encodeURIComponent(gusToken)}`);
    expect(await gus.evaluate<number>('history.length')).toBe(before + 1);
    await h.screenshot(gus, '16-accept-invitation');
    expect(await accept(gus, 'Gus Developer')).toEqual([`/console/v1/invitations/${encodeURIComponent(gusToken)}/accept`]);
    await gus.close();

    // A link without its fragment says what is missing.
    const bare = await h.newPage();
    await bare.goto(`${h.baseUrl}/invitations`);
    await expectHeading(bare, 'Accept your invitation');
    await bare.getByText('This invitation link is incomplete').waitFor();
    await expect(bare.getByRole('button', { name: 'Accept invitation' }).count()).resolves.toBe(0);
    await bare.close();

    await page.bringToFront();
    await page.reload();
    await expectHeading(page, `Organization: ${ADA.organizationName}`);
    await settle(page);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('row', { name: /Finn Developer/ }).waitFor();
    await members.getByRole('row', { name: /Gus Developer/ }).waitFor();
    await page.getByRole('region', { name: 'Pending invitations' }).getByText('There are no pending invitations.').waitFor();
  });

  it('renames and deletes an app through its dialogs; only its creator and Developer Admins may change it', async () => {
    const billing = await api<CreatedApp>(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Globex Billing', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      adaToken,
    );
    await api(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Globex Reporting', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production'] },
      adaToken,
    );
    await api(
      h.baseUrl,
      'POST',
      '/apps',
      { name: 'Finn Tools', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['sandbox'] },
      await sessionToken(finn),
    );

    await page.bringToFront();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
    await expectHeading(page, 'Apps');
    await settle(page);
    // A Developer Admin manages every app of the organization, Finn's too.
    for (const name of ['Globex Billing', 'Globex Reporting', 'Finn Tools']) {
      await expect(page.getByRole('button', { name: `Edit ${name}` }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: `Delete ${name}` }).count()).resolves.toBe(1);
    }

    await page.getByRole('button', { name: 'Edit Globex Billing' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Globex Billing' });
    await edit.waitFor();
    await expect(focusedTag(page)).resolves.toBe('INPUT');
    await expect(edit.getByLabel('App name').inputValue()).resolves.toBe('Globex Billing');
    // No scope at all: the API's refusal shows in the dialog, which stays open.
    await edit.getByRole('checkbox', { name: 'ReadAccounts' }).uncheck();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByRole('alert').filter({ hasText: 'Choose at least one scope' }).waitFor();

    await edit.getByLabel('App name').fill('Globex Invoicing');
    await edit.getByRole('checkbox', { name: 'ReadAccounts' }).check();
    await edit.getByRole('checkbox', { name: 'EditAccounts' }).check();
    await h.screenshot(page, '17-edit-app-dialog');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Your changes to Globex Invoicing were saved.' }).waitFor();
    const renamed = page.getByRole('row', { name: /Globex Invoicing/ });
    expect(await renamed.textContent()).toContain('ReadAccounts, EditAccounts');
    await expect(page.getByRole('row', { name: /Globex Billing/ }).count()).resolves.toBe(0);
    const apps = await api<{ items: { id: string; name: string; scopes: string[] }[] }>(h.baseUrl, 'GET', '/apps', undefined, adaToken);
    expect(apps.items.find((app) => app.id === billing.id)).toMatchObject({ name: 'Globex Invoicing', scopes: ['ReadAccounts', 'EditAccounts'] });

    await page.getByRole('button', { name: 'Delete Globex Invoicing' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete this app?' });
    await remove.waitFor();
    expect(await remove.textContent()).toContain('Its clients stop authenticating at once');
    await expect(focusedText(page)).resolves.toBe('Cancel');
    await h.screenshot(page, '18-delete-app-dialog');
    await remove.getByRole('button', { name: 'Delete app' }).click();
    await remove.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'The app Globex Invoicing was deleted.' }).waitFor();
    await expect(page.getByRole('row', { name: /Globex Invoicing/ }).count()).resolves.toBe(0);
    const left = await api<{ items: { id: string }[] }>(h.baseUrl, 'GET', '/apps', undefined, adaToken);
    expect(left.items.map((app) => app.id)).not.toContain(billing.id);

    // A developer changes only the apps they created: no Edit, Delete or Rotate secret on the others.
    await finn.bringToFront();
    await finn.reload();
    await expectHeading(finn, 'Apps');
    await settle(finn);
    await finn.getByRole('row', { name: /Globex Reporting/ }).waitFor();
    // Only the client ID's Copy button, which everyone gets.
    const othersButtons = await finn
      .getByRole('row', { name: /Globex Reporting/ })
      .getByRole('button')
      .allTextContents();
    expect(othersButtons.every((text) => /copy/i.test(text))).toBe(true);
    for (const action of ['Edit', 'Delete', 'Rotate secret of']) {
      await expect(finn.getByRole('button', { name: new RegExp(`^${action} Globex Reporting`) }).count()).resolves.toBe(0);
    }
    const own = finn.getByRole('row', { name: /Finn Tools/ });
    await expect(own.getByRole('button', { name: 'Edit Finn Tools' }).count()).resolves.toBe(1);
    await expect(own.getByRole('button', { name: 'Delete Finn Tools' }).count()).resolves.toBe(1);
    await expect(own.getByRole('button', { name: 'Rotate secret of Finn Tools (Sandbox)' }).count()).resolves.toBe(1);
    await h.screenshot(finn, '19-apps-as-developer');
  });
});
