/**
 * Every screen, in Ukrainian and in English, at desktop size and at 360 × 740: axe-core (WCAG 2.x A/AA) finds no
 * serious or critical violation, the page never scrolls sideways on the phone, and a screenshot of each is kept
 * in test-results/screenshots/ (<lang>-<desktop|mobile>-<screen>.png) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../src/platform/auth/totp.js';
import {
  apiCall,
  DEMO_PASSWORD,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  MOBILE,
  newContext,
  screenshot,
  screenshotOnFailure,
  settled,
  seriousViolations,
  signIn,
  startApp,
  switchLanguage,
  watchConsole,
  type RunningApp,
} from './harness.js';

type Lang = 'uk' | 'en';

let app: RunningApp;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; problems: string[] };
const ids = { organisation: '', user: '' };
const temporary = new Map<string, string>();
let current: Page | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const context = await newContext(browser, DESKTOP, { reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await signIn(page, app.url, 'admin');
  admin = { context, page, problems };
  type Listed = { items: { id: string }[] };
  ids.organisation = (await apiCall<Listed>(page, app.url, 'GET', '/organisations?q=%D0%A1%D1%82%D1%80%D0%B0%D0%B4%D0%B0')).items[0]!.id;
  ids.user = (await apiCall<Listed>(page, app.url, 'GET', '/users?q=hotline.lastrada')).items[0]!.id;
  // Accounts that have not signed in yet: they show the second-factor enrolment and the forced password change.
  for (const lang of ['uk', 'en'] as const) {
    const created = await apiCall<{ temporaryPassword: string }>(page, app.url, 'POST', '/users', {
      username: `newcomer.${lang}`,
      displayName: lang === 'uk' ? 'Марта Новенька' : 'Martha Newcomer',
      organisationId: ids.organisation,
      roles: ['case_worker'],
      locale: lang,
    });
    temporary.set(lang, created.temporaryPassword);
  }
});

screenshotOnFailure(() => [current]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Desktop then phone: screenshot, axe, and (on the phone) no sideways scrolling. */
async function check(page: Page, lang: Lang, name: string): Promise<void> {
  current = page;
  await page.setViewportSize(DESKTOP);
  await settled(page);
  await screenshot(page, `${lang}-desktop-${name}`);
  const desktop = await seriousViolations(page);
  expect(desktop, `${lang} desktop ${name}: ${JSON.stringify(desktop, null, 2)}`).toEqual([]);

  await page.setViewportSize(MOBILE);
  await settled(page);
  // Layout transitions (the navigation sliding away) finish before measuring.
  await page.waitForTimeout(300);
  const { scrollWidth } = await horizontalOverflow(page);
  await screenshot(page, `${lang}-mobile-${name}`);
  expect(scrollWidth, `${lang} mobile ${name}: horizontal scroll`).toBeLessThanOrEqual(MOBILE.width);
  const mobile = await seriousViolations(page);
  expect(mobile, `${lang} mobile ${name}: ${JSON.stringify(mobile, null, 2)}`).toEqual([]);
  await page.setViewportSize(DESKTOP);
}

type Screen = { name: string; path: () => string; prepare?: (page: Page, lang: Lang) => Promise<void> };

const t = (lang: Lang, uk: string, en: string) => (lang === 'uk' ? uk : en);

const SIGNED_IN: Screen[] = [
  { name: 'home', path: () => '/' },
  { name: 'organisations', path: () => '/organisations' },
  { name: 'organisation', path: () => `/organisations/${ids.organisation}` },
  {
    name: 'organisation-edit',
    path: () => `/organisations/${ids.organisation}`,
    prepare: async (page, lang) => {
      await page.getByRole('button', { name: t(lang, 'Редагувати', 'Edit') }).click();
      await page.getByRole('button', { name: t(lang, 'Зберегти', 'Save') }).waitFor();
    },
  },
  { name: 'organisation-new', path: () => '/organisations/new' },
  { name: 'users', path: () => '/users' },
  { name: 'user', path: () => `/users/${ids.user}` },
  {
    name: 'user-confirm-dialog',
    path: () => `/users/${ids.user}`,
    prepare: async (page, lang) => {
      await page.getByRole('button', { name: t(lang, 'Завершити всі сеанси', 'End all sessions') }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'user-new', path: () => '/users/new' },
  { name: 'roles', path: () => '/roles' },
  { name: 'geography', path: () => '/geography' },
  {
    name: 'geography-search',
    path: () => '/geography',
    prepare: async (page, lang) => {
      await page.getByLabel(t(lang, 'Пошук за назвою', 'Search by name')).fill('Вінн');
      await page.getByRole('heading', { name: t(lang, 'Результати пошуку', 'Search results') }).waitFor();
      await page.getByRole('link', { name: t(lang, 'Вінницька область', 'Vinnytska oblast') }).first().waitFor();
    },
  },
  { name: 'geography-unit', path: () => '/geography/UA05020000000026686' },
  { name: 'audit', path: () => '/audit' },
  {
    name: 'audit-event',
    path: () => '/audit?action=auth.login',
    prepare: async (page) => {
      await page.getByTestId('audit-table').getByRole('button').first().click();
      await page.getByTestId('audit-details-json').waitFor();
    },
  },
  { name: 'profile', path: () => '/profile' },
  { name: 'not-found', path: () => '/no-such-page' },
];

describe.each(['uk', 'en'] as const)('accessibility and small screens (%s)', (lang) => {
  it('switches the signed-in administrator to the language', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/`);
    await settled(page);
    if ((await page.locator('html').getAttribute('lang')) !== lang) await switchLanguage(page, lang);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  });

  it.each(SIGNED_IN)(`$name`, async (screen) => {
    const { page } = admin;
    await page.goto(`${app.url}${screen.path()}`);
    await settled(page);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.title()).toMatch(/ · OpenNRM$/);
    if (screen.prepare) await screen.prepare(page, lang);
    await check(page, lang, screen.name);
  });

  it('the navigation menu opened on a phone', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/`);
    await page.setViewportSize(MOBILE);
    await settled(page);
    const burger = page.getByRole('button', { name: t(lang, 'Відкрити меню навігації', 'Open navigation menu') });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    const nav = page.getByRole('navigation', { name: t(lang, 'Основна навігація', 'Main navigation') });
    await nav.getByRole('link', { name: t(lang, 'Журнал аудиту', 'Audit log') }).waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: t(lang, 'Закрити меню навігації', 'Close navigation menu') }).getAttribute('aria-expanded')).toBe('true');
    current = page;
    await screenshot(page, `${lang}-mobile-navigation-open`);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(MOBILE.width);
    expect(await seriousViolations(page)).toEqual([]);
    // Following a link closes the menu.
    await nav.getByRole('link', { name: t(lang, 'Журнал аудиту', 'Audit log') }).click();
    await page.waitForURL(`${app.url}/audit`);
    await expect.poll(() => nav.getByRole('link', { name: t(lang, 'Журнал аудиту', 'Audit log') }).isVisible()).toBe(false);
    await page.setViewportSize(DESKTOP);
  });

  it('sign-in, second factor, enrolment, recovery codes and the forced password change', async () => {
    const context = await newContext(browser, DESKTOP, { reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${app.url}/login`);
    if ((await page.locator('html').getAttribute('lang')) !== lang) await switchLanguage(page, lang);
    await check(page, lang, 'login');

    // A wrong password: the error is part of the page that is checked.
    await page.locator('input[autocomplete="username"]').fill('admin');
    await page.locator('input[autocomplete="current-password"]').fill('not-the-password');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    await check(page, lang, 'login-error');

    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('input[autocomplete="one-time-code"]').waitFor();
    await check(page, lang, 'login-code');
    await page.getByRole('button', { name: t(lang, 'Увійти під іншим обліковим записом', 'Sign in with a different account') }).click();

    // A newcomer: temporary password, second-factor enrolment, recovery codes, then the password change.
    await page.locator('input[autocomplete="username"]').fill(`newcomer.${lang}`);
    await page.locator('input[autocomplete="current-password"]').fill(temporary.get(lang)!);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('totp-secret').waitFor();
    await check(page, lang, 'login-enrolment');
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.locator('input[autocomplete="one-time-code"]').fill(totpCode(secret));
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('recovery-codes').waitFor();
    await check(page, lang, 'login-recovery-codes');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: t(lang, 'Продовжити', 'Continue') }).click();
    await page.waitForURL(`${app.url}/change-password`);
    await check(page, lang, 'change-password');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the whole run', () => {
  it('had no console errors (a CSP refusal would show here)', () => {
    expect(admin.problems).toEqual([]);
  });
});
