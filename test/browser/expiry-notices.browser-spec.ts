import type { Page } from 'playwright-core';
import { ManualClock } from '@latchkey/building-blocks/testing';
import { Scheduler } from '@latchkey/event-store';
import { api, sessionToken, startConsole, type ConsoleHarness } from './browser';

jest.setTimeout(90_000);

const PASSWORD = 'Sup3r-secret-passw0rd!';
const ADA = { name: 'Ada Admin', email: 'ada@expiry.example', organizationName: 'Expiry Ltd' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Upcoming expiries on the Credentials page and on a member's Credentials tab: a box names the
 * credentials expiring within 7 days and those expired, with their dates and links, and leaves out
 * those expiring later or never. The server runs on a manual clock, moved on so that one
 * credential expires and the scheduler gives the notices, which the credential's history shows.
 */
describe('expiry notices in the console', () => {
  let h: ConsoleHarness;
  let page: Page;
  let clock: ManualClock;
  let adaId: string;
  const ids: Record<string, string> = {};

  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    h = await startConsole({}, { clock });
    const signedUp = await api<{ session: { token: string }; user: { id: string } }>(h.baseUrl, 'POST', '/signup', { ...ADA, password: PASSWORD });
    adaId = signedUp.user.id;
    const now = clock.nowMs();
    for (const [label, expiresAt] of [
      ['Deploy bot', at(now + 3 * DAY)],
      ['Nightly sync', at(now + 20 * HOUR)],
      ['Short test', at(now + 2 * HOUR)],
      ['Quarterly report', at(now + 30 * DAY)],
      ['Forever', null],
    ] as const) {
      const created = await api<{ credential: { id: string } }>(
        h.baseUrl,
        'POST',
        '/credentials',
        { label, environment: 'production', expiresAt, allowedApps: { type: 'organization' } },
        signedUp.session.token,
      );
      ids[label] = created.credential.id;
    }
    // Three hours later: "Short test" has expired; the scheduler gives the notices that are due.
    clock.set(now + 3 * HOUR);
    await h.t.app.get(Scheduler).runDue();
    await h.t.app.get(Scheduler).runDue();

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

  const checkBox = async (p: Page) => {
    const box = p.locator('.expiry-notice');
    await box.getByRole('heading', { name: '2 credentials expire within 7 days' }).waitFor();
    const items = await box.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^Nightly sync expires .+ \(in less than a day\)$/);
    expect(items[1]).toMatch(/^Deploy bot expires .+ \(in 2 days\)$/);
    expect(items[2]).toMatch(/^Short test expired /);
    const text = (await box.textContent()) ?? '';
    expect(text).not.toContain('Quarterly report');
    expect(text).not.toContain('Forever');
    return box;
  };

  it('lists the credentials expiring within 7 days and the expired ones on the Credentials page, with dates and links', async () => {
    await page.goto(`${h.baseUrl}/credentials`);
    await settle(page);
    const box = await checkBox(page);
    expect(await box.getByRole('link', { name: 'Create JWT' }).count()).toBe(1);
    await h.screenshot(page, '65-expiry-notices');
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    console.log(`credentials page with the box at 390 px: page width ${width}`);
    expect(width).toBeLessThanOrEqual(390);
    await h.screenshot(page, '65-expiry-notices-390');
    await page.setViewportSize({ width: 1280, height: 860 });

    await box.getByRole('link', { name: 'Nightly sync' }).click();
    await page.waitForURL(new RegExp(`/credentials/${ids['Nightly sync']}$`));
    await page.getByRole('heading', { level: 1, name: /Nightly sync/ }).waitFor();
    await settle(page);
    // The scheduler gave it the 1-day notice (its 7-day notice's time had passed unseen).
    await page.getByText('Expiry notice').first().waitFor();
  });

  it('shows the same box on the member’s Credentials tab for a Developer Admin', async () => {
    await page.goto(`${h.baseUrl}/organization/members/${adaId}/credentials`);
    await settle(page);
    const box = await checkBox(page);
    expect(await box.getByRole('link', { name: 'Create JWT' }).count()).toBe(0);
    expect(await box.getByRole('link', { name: 'Deploy bot' }).getAttribute('href')).toBe(
      `/organization/members/${adaId}/credentials/${ids['Deploy bot']}`,
    );
  });

  it('shows no box when nothing expires soon', async () => {
    const token = await sessionToken(page);
    for (const label of ['Deploy bot', 'Nightly sync', 'Short test']) await api(h.baseUrl, 'DELETE', `/credentials/${ids[label]}`, undefined, token);
    await page.goto(`${h.baseUrl}/credentials`);
    await settle(page);
    await page.getByRole('link', { name: 'Quarterly report' }).waitFor();
    expect(await page.locator('.expiry-notice').count()).toBe(0);
  });
});
