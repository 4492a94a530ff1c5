import type { Page } from 'playwright-core';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';
import { api, clipboardText, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(120_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@webhooks.example', organizationName: 'Hooks Inc' };
const SECRET = /^whsec_[A-Za-z0-9+/=]+$/;

/**
 * The Webhooks page of the Organization section, against a real HTTP receiver in this test: an
 * endpoint added with its secret shown once (Copy), a test message and a credential event
 * delivered and shown as succeeded in the endpoint's deliveries, Redeliver with the same
 * `webhook-id`, edit, disable and enable, a rotated secret shown once, and deletion after a
 * confirmation. Screenshots at 1280 and 390 px.
 */
describe('Webhooks in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let secret: string;
  let endpointUrl: string;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    h = await startConsole({ WEBHOOKS_ALLOW_PRIVATE: '127.0.0.0/8' });
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
    await receiver.stop();
  });

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const settle = (p: Page) => p.locator('.page[aria-busy="true"]').waitFor({ state: 'detached' });
  const deliveryRows = (p: Page) => p.locator('table.deliveries tbody tr');

  it('opens from the Organization tabs with no endpoint, offering to add one', async () => {
    await page.goto(`${h.baseUrl}/organization`);
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await settle(page);
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByRole('button', { name: 'Add your first endpoint' }).click();
    await page.getByLabel('Endpoint URL').waitFor();
  });

  it('adds an endpoint for all events and shows its secret once, with Copy', async () => {
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Description (optional)').fill('Receiver in the test');
    expect(await page.getByRole('radio', { name: /All events/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'Endpoint added' }).waitFor();
    secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(secret).toMatch(SECRET);
    await page.getByRole('button', { name: 'Copy Signing secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Signing secret copied to the clipboard.' }).waitFor();
    expect(await clipboardText(page)).toBe(secret);
    const row = page.getByRole('row', { name: /Receiver in the test/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('All events');
    expect(await row.textContent()).toContain('Enabled');
    expect(await page.locator('table').first().textContent()).not.toContain(secret);
    await h.screenshot(page, '60-webhooks-secret-shown-once');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
  });

  it('sends a test message and a credential event: both reach the receiver, signed, and show as succeeded', async () => {
    await page.getByRole('link', { name: 'Receiver in the test' }).click();
    await page.getByRole('heading', { level: 1, name: 'Receiver in the test' }).waitFor();
    endpointUrl = page.url();
    await settle(page);
    await page.getByText('Nothing has been sent to this endpoint yet.').waitFor();
    await page.getByRole('button', { name: 'Send test message' }).first().click();
    await receiver.waitFor((r) => r.some((x) => x.payload.type === 'webhook.test'), 'the test message');
    const [test] = receiver.ofType('webhook.test');
    expect(verifyStandardWebhook(secret, test)).toBe(true);

    // A credential created in the console's API is sent too (all events).
    await api(
      h.baseUrl,
      'POST',
      '/credentials',
      { label: 'hooked', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } },
      await sessionToken(page),
    );
    await receiver.waitFor((r) => r.some((x) => x.payload.type === 'credential.created'), 'credential.created');

    // The table refreshes itself while a delivery is pending; Refresh reads it again at once.
    const started = Date.now();
    const succeeded = deliveryRows(page).filter({ hasText: 'credential.created' }).filter({ hasText: 'Succeeded' });
    while ((await succeeded.count()) === 0 && Date.now() - started < 30_000) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(300);
    }
    console.log(`the credential.created delivery showed as succeeded after ${Date.now() - started} ms`);
    await succeeded.waitFor();
    const testRow = deliveryRows(page).filter({ hasText: 'webhook.test' });
    await testRow.filter({ hasText: 'Succeeded' }).waitFor();
    const text = (await testRow.textContent()) ?? '';
    expect(text).toContain('204');
    expect(text).toMatch(/\d+ ms/);
    expect(text).toContain(test.id);
    const headers = await page.locator('table.deliveries thead th').allTextContents();
    expect(headers.slice(0, 7)).toEqual(['Type', 'Attempt', 'Status', 'Response', 'Duration', 'Time', 'Next attempt']);
    await h.screenshot(page, '61-webhook-deliveries');
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    console.log(`endpoint page at 390 px: page width ${width}`);
    expect(width).toBeLessThanOrEqual(390);
    await h.screenshot(page, '61-webhook-deliveries-390');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('redelivers a message with the same webhook-id', async () => {
    const [test] = receiver.ofType('webhook.test');
    await deliveryRows(page)
      .filter({ hasText: 'webhook.test' })
      .getByRole('button', { name: /^Redeliver/ })
      .click();
    await page.getByRole('status').filter({ hasText: 'webhook.test queued for redelivery.' }).waitFor();
    await receiver.waitFor((r) => r.filter((x) => x.id === test.id).length >= 2, 'the redelivery');
    const again = receiver.received.filter((x) => x.id === test.id)[1];
    expect(verifyStandardWebhook(secret, again)).toBe(true);
  });

  it('edits the endpoint’s events and description, and disables and enables it', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('radio', { name: /Only the events I choose/ }).check();
    await page.getByRole('checkbox', { name: /credential\.expiring/ }).check();
    await page.getByRole('checkbox', { name: /credential\.expired/ }).check();
    await page.getByLabel('Description (optional)').fill('Expiry receiver');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Endpoint saved.' }).waitFor();
    await page.getByText('credential.expiring, credential.expired').waitFor();
    const hooks = await api<{ items: { events: string[]; description: string }[] }>(
      h.baseUrl,
      'GET',
      '/organization/webhooks',
      undefined,
      await sessionToken(page),
    );
    expect(hooks.items[0]).toMatchObject({ events: ['credential.expiring', 'credential.expired'], description: 'Expiry receiver' });

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('status').filter({ hasText: 'Endpoint disabled' }).waitFor();
    await page.locator('.badge', { hasText: 'Disabled' }).waitFor();
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('status').filter({ hasText: 'Endpoint enabled' }).waitFor();
    await page.locator('.badge', { hasText: 'Enabled' }).waitFor();
  });

  it('rotates the secret after a confirmation and shows the new one once', async () => {
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'Rotate the signing secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('heading', { name: 'New signing secret' }).waitFor();
    const rotated = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(rotated).toMatch(SECRET);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('deletes the endpoint after a confirmation', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this endpoint?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toBe(endpointUrl);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.waitForURL(/\/organization\/webhooks$/);
    await page.getByText('No webhook endpoints yet.').waitFor();
  });
});
