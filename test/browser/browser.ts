import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../support/child-app';
import { startTestApp, type TestApp } from '../support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ConsoleHarness {
  t: TestApp;
  baseUrl: string;
  /** Messages the pages logged as errors, uncaught exceptions and CSP violations: a test expects none. */
  problems: string[];
  /**
   * A page in a browser context of its own (its own cookies, as another person's browser): the
   * console's session is a cookie, so each person of a test gets one.
   */
  newPage(): Promise<Page>;
  /** Another tab of the same browser context as `page`: it shares the page's cookie, so its session. */
  newTab(page: Page): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real application listening on a free port, and Debian's Chromium driven headless by playwright-core.
 * `settings` add to the environment the server is started with; `options` are the app's (a manual clock).
 */
export async function startConsole(settings: Record<string, string> = {}, options: Parameters<typeof startTestApp>[1] = {}): Promise<ConsoleHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn', ...settings }, options);
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // 4xx answers the console shows to the user are expected; anything else logged as an error is not.
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    return page;
  };
  return {
    t,
    baseUrl,
    problems,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', timezoneId: 'UTC' });
      contexts.push(context);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
      // Fail a step well within Jest's timeout, so the failure names the step that waited.
      context.setDefaultTimeout(15_000);
      return watch(await context.newPage());
    },
    async newTab(page) {
      return watch(await page.context().newPage());
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await t.close();
    },
  };
}

/** Calls the console API directly (test setup only: the browser goes through the pages). */
export async function api<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}/console/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/*
 * Reads from the page (written as expressions: this file is type-checked for Node, without DOM types).
 */
export const focusedTag = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.tagName');
export const focusedText = (page: Page) => page.evaluate<string | null | undefined>('document.activeElement?.textContent');
export const sessionKeys = (page: Page) => page.evaluate<string[]>('Object.keys(sessionStorage)');
/** The page's session cookie (HttpOnly: the page's own scripts cannot read it, the browser's owner can). */
export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === 'latchkey_session');
}
export async function sessionToken(page: Page): Promise<string> {
  const cookie = await sessionCookie(page);
  if (!cookie) throw new Error('The page has no session cookie');
  return cookie.value;
}
export const clipboardText = (page: Page) => page.evaluate<string>('navigator.clipboard.readText()');
