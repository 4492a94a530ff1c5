import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../support/child-app';
import { startTestApp, type TestApp } from '../support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ConsoleHarness {
  t: TestApp;
  baseUrl: string;
  context: BrowserContext;
  /** Messages the pages logged as errors, uncaught exceptions and CSP violations: a test expects none. */
  problems: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** The real application listening on a free port, and Debian's Chromium driven headless by playwright-core. */
export async function startConsole(): Promise<ConsoleHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn' });
  await t.app.listen({ port, host: '127.0.0.1' });
  const profile = mkdtempSync(join(tmpdir(), 'latchkey-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  // Fail a step well within Jest's timeout, so the failure names the step that waited.
  context.setDefaultTimeout(15_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  return {
    t,
    baseUrl,
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // 4xx answers the console shows to the user are expected; anything else logged as an error is not.
        if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await t.close();
      rmSync(profile, { recursive: true, force: true });
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
export const sessionToken = (page: Page) => page.evaluate<string>("JSON.parse(sessionStorage.getItem('latchkey.session')).token");
export const clipboardText = (page: Page) => page.evaluate<string>('navigator.clipboard.readText()');
