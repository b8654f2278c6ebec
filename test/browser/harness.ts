/**
 * Browser-test harness: a real OpenNRM server (fresh data directory, demo data) and Debian's Chromium driven
 * by playwright-core. The web app must have been built (npm run build:web); the server serves web/dist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { startServer } from '../../src/server.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Demo-Password-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Fails early, with the fix, when the web app has not been built. */
export function assertWebBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run npm run build:web before the browser tests');
  }
}

export type RunningApp = { url: string; close(): Promise<void> };

/** A fresh server on a free port with the demo data. */
export async function startApp(): Promise<RunningApp> {
  assertWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-browser-'));
  // The server prints its address and the demo logins at start; in the test output that is noise.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const server = await startServer(
    loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
      // Cheap password hashing keeps sign-ins fast; the production cost is tested elsewhere.
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_TIME_COST: '1',
    }),
  ).finally(() => {
    process.stdout.write = write;
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 900 };
export const MOBILE = { width: 360, height: 740 };

export async function newContext(browser: Browser, viewport = DESKTOP, options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    reducedMotion: options.reducedMotion ?? 'no-preference',
    locale: 'uk-UA',
    timezoneId: 'Europe/Kyiv',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * TOTP codes for the demo secret. The server refuses a time step it has already accepted for a user, so
 * each user's next sign-in takes the next step: valid while it is within ±1 step of now; when all are used,
 * wait for the clock.
 */
const lastStep = new Map<string, number>();

export async function nextCode(username: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const last = lastStep.get(username) ?? -Infinity;
    // The current step first (valid for the next 30-60 s), then the next one; a third sign-in waits.
    const step = Math.max(current, last + 1);
    if (step <= current + 1) {
      lastStep.set(username, step);
      return totpCode(DEMO_TOTP_SECRET, step * 30_000 + 15_000);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A code the server will refuse (any six digits but the valid ones around now). */
export function wrongCode(): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totpCode(DEMO_TOTP_SECRET, now + d * 30_000)));
  for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/** Signs in through the UI: username and password, then the TOTP code. Waits until the app has left /login. */
export async function signIn(page: Page, baseUrl: string, username: string, opts: { path?: string; password?: string } = {}) {
  await page.goto(`${baseUrl}${opts.path ?? '/login'}`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(opts.password ?? DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  const code = page.locator('input[autocomplete="one-time-code"]');
  await code.waitFor();
  await code.fill(await nextCode(username));
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  // The signed-in frame (its user menu) has replaced the sign-in page.
  await page.getByTestId('user-menu').waitFor();
  await page.locator('main h1').first().waitFor();
}

/** A browser context already signed in as this demo user. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, viewport = DESKTOP) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return { context, page };
}

/**
 * The few DOM calls the tests make inside the page. (The tests are type-checked without the DOM library; and
 * string predicates cannot be used with waitForFunction: the CSP forbids eval, which is the point.)
 */
export type Doc = {
  querySelector(selector: string): unknown;
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
};

/** Waits for the route's content: the <h1> rendered, no spinner left in main, the network quiet. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(
    () => !(globalThis as unknown as { document: Doc }).document.querySelector('main .mantine-Loader-root'),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForLoadState('networkidle');
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/**
 * axe-core with the WCAG 2.0/2.1 A and AA rules; returns the serious and critical violations. The server's CSP
 * (script-src 'self') stays on, so axe is not inlined: its file is served from a same-origin URL.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    await page.route('**/__test__/axe.min.js', (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
    await page.addScriptTag({ url: '/__test__/axe.min.js' });
  }
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 300)) })))
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Switches the interface language with the header switch. */
export async function switchLanguage(page: Page, to: 'uk' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: to === 'uk' ? 'Українська' : 'English' }).click();
  await page.waitForFunction((lang) => (globalThis as unknown as { document: Doc }).document.documentElement.lang === lang, to);
}

/** Console errors and page errors (a CSP refusal shows up here); tests assert there are none. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    // 401/404 answers the tests provoke on purpose are logged by Chromium as failed resources.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(text)) {
      problems.push(text);
    }
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Calls the API with the page's session (cookie and CSRF token), for test set-up. */
export async function apiCall<T>(page: Page, baseUrl: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const session = (await (await page.request.get(`${baseUrl}/api/v1/auth/session`)).json()) as { csrfToken: string | null };
  const res = await page.request.fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {},
    ...(body !== undefined ? { data: body } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Picks an option of a Mantine Select/MultiSelect: types into it and clicks the option. */
export async function chooseOption(page: Page, input: ReturnType<Page['locator']>, typed: string, option: string | RegExp): Promise<void> {
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** After a failed test, a screenshot of the page(s) in play goes to test-results/screenshots/failed-*.png. */
export function screenshotOnFailure(pages: () => (Page | undefined)[]): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    let i = 0;
    for (const page of pages()) {
      if (!page || page.isClosed()) continue;
      await screenshot(page, `failed-${name}-${i++}`).catch(() => undefined);
    }
  });
}
