import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  nextCode,
  screenshotOnFailure,
  signIn,
  signedInPage,
  startApp,
  switchLanguage,
  watchConsole,
  type RunningApp,
} from './harness.js';

let app: RunningApp;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

screenshotOnFailure(() => pages);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const lang = (page: Page) => page.locator('html').getAttribute('lang');
const navLinks = (page: Page) => page.getByRole('navigation').first().getByRole('link').allTextContents();

describe('language', () => {
  it('the sign-in page switches between Ukrainian and English and remembers the choice', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${app.url}/login`);
    await expect.poll(() => h1(page)).toBe('Вхід до OpenNRM');
    expect(await lang(page)).toBe('uk');
    await switchLanguage(page, 'en');
    await expect.poll(() => h1(page)).toBe('Sign in to OpenNRM');
    expect(await lang(page)).toBe('en');
    expect(await page.title()).toBe('Sign in to OpenNRM · OpenNRM');
    expect(await page.getByLabel('Username').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Sign in to OpenNRM');
    expect(await lang(page)).toBe('en');
    await context.close();
  });

  it('signed in: uk → en changes the texts, dates and html lang; saved on the account and applied at the next sign-in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    pages.push(page);
    const problems = watchConsole(page);
    await signIn(page, app.url, 'official.vinnytsia');
    await expect.poll(() => h1(page)).toBe('Вітаємо, Сергій Кравчук!');
    expect(await navLinks(page)).toContain('Організації');
    expect(await page.title()).toBe('Головна · OpenNRM');

    await switchLanguage(page, 'en');
    await expect.poll(() => h1(page)).toBe('Welcome, Сергій Кравчук!');
    expect(await lang(page)).toBe('en');
    expect(await page.title()).toBe('Home · OpenNRM');
    const links = await navLinks(page);
    expect(links).toContain('Organisations');
    expect(links).toContain('Administrative units');
    expect(links).not.toContain('Організації');
    // The organisation's English name, from the record.
    await expect.poll(() => page.getByTestId('home-organisation').textContent()).toMatch(/Vinnytsia/);

    // Reload: still English.
    await page.reload();
    await expect.poll(() => h1(page)).toBe('Welcome, Сергій Кравчук!');
    expect(await lang(page)).toBe('en');

    // Sign out, then in from a fresh browser whose own choice is Ukrainian: the account's English wins.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/login`);
    await context.close();

    const fresh = await newContext(browser);
    const page2 = await fresh.newPage();
    pages.push(page2);
    await page2.goto(`${app.url}/login`);
    await expect.poll(() => h1(page2)).toBe('Вхід до OpenNRM');
    await signIn(page2, app.url, 'official.vinnytsia');
    await expect.poll(() => h1(page2)).toBe('Welcome, Сергій Кравчук!');
    expect(await lang(page2)).toBe('en');
    // Dates in the reader's locale (en-GB: "24 Nov 2026, 10:15").
    await expect.poll(() => page2.getByTestId('last-sign-in').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
    await switchLanguage(page2, 'uk');
    await expect.poll(() => h1(page2)).toBe('Вітаємо, Сергій Кравчук!');
    // uk-UA: "24 лист. 2026 р., 10:15"
    await expect.poll(() => page2.getByTestId('last-sign-in').textContent()).toMatch(/^\d{1,2} [а-яіїєґ]+\.? \d{4} р\., \d{2}:\d{2}/);
    expect(problems).toEqual([]);
    await fresh.close();
  });
});

describe('profile', () => {
  it('changes the interface language from the profile', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'monitor.coalition');
    pages.push(page);
    await page.goto(`${app.url}/profile`);
    await expect.poll(() => h1(page)).toBe('Профіль');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => h1(page)).toBe('Profile');
    expect(await lang(page)).toBe('en');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Language saved.' }).count()).toBe(1);
    const session = (await (await page.request.get(`${app.url}/api/v1/auth/session`)).json()) as { user: { locale: string } };
    expect(session.user.locale).toBe('en');
    await page.getByRole('radio', { name: 'Українська' }).check();
    await expect.poll(() => h1(page)).toBe('Профіль');
    await context.close();
  });

  it('changes the password: the current one is checked, the policy applied', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'hotline.lastrada');
    pages.push(page);
    await page.goto(`${app.url}/profile`);
    const form = page.getByRole('region', { name: 'Пароль' });
    await form.getByLabel('Поточний пароль').fill('wrong-password-123');
    await form.getByLabel(/^Новий пароль/).fill('зелений-чайник-2026');
    await form.getByLabel('Повторіть новий пароль').fill('зелений-чайник-2026');
    await form.getByRole('button', { name: 'Змінити пароль' }).click();
    await expect.poll(() => form.getByText('Поточний пароль неправильний.').count()).toBe(1);
    await form.getByLabel('Поточний пароль').fill('Demo-Password-2026');
    await form.getByLabel('Повторіть новий пароль').fill('зелений-чайник-2025');
    await form.getByRole('button', { name: 'Змінити пароль' }).click();
    await expect.poll(() => form.getByText('Паролі не збігаються.').count()).toBe(1);
    await form.getByLabel('Повторіть новий пароль').fill('зелений-чайник-2026');
    await form.getByRole('button', { name: 'Змінити пароль' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Пароль змінено. Сеанси на інших пристроях завершено.');

    // The new password works at the next sign-in.
    const other = await newContext(browser);
    const page2 = await other.newPage();
    await signIn(page2, app.url, 'hotline.lastrada', { password: 'зелений-чайник-2026' });
    await expect.poll(() => h1(page2)).toBe('Вітаємо, Ірина Шевчук!');
    await other.close();
    await context.close();
  });

  it('replaces the recovery codes with a current authenticator code', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'programme.iom');
    pages.push(page);
    // This demo user works in English.
    await page.goto(`${app.url}/profile`);
    await expect.poll(() => h1(page)).toBe('Profile');
    const mfa = page.getByRole('region', { name: 'Authenticator app' });
    expect(await mfa.getByText('on', { exact: true }).count()).toBe(1);
    await mfa.getByRole('button', { name: 'Create new recovery codes' }).click();
    await mfa.getByLabel('Code from your authenticator app').fill(await nextCode('programme.iom'));
    await mfa.getByRole('button', { name: 'Create new recovery codes' }).click();
    await expect.poll(() => mfa.getByTestId('recovery-codes').getByRole('listitem').count()).toBe(10);
    await mfa.getByLabel('I have saved the recovery codes somewhere safe').check();
    await mfa.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => mfa.getByTestId('recovery-codes').count()).toBe(0);
    await context.close();
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const first = await signedInPage(browser, app.url, 'caseworker.dzherelo');
    const second = await signedInPage(browser, app.url, 'caseworker.dzherelo');
    pages.push(first.page, second.page);
    await first.page.goto(`${app.url}/profile`);
    await first.page.getByRole('button', { name: 'Вийти з усіх пристроїв' }).click();
    const dialog = first.page.getByRole('dialog', { name: 'Вийти з усіх пристроїв' });
    await dialog.getByRole('button', { name: 'Вийти всюди' }).click();
    await first.page.waitForURL(`${app.url}/login`);
    await expect
      .poll(() => first.page.getByTestId('sessions-ended').textContent())
      .toBe('Ви вийшли з усіх пристроїв: завершено 2 сеанси.');

    // The other browser's session is gone too: its next request sends it to sign in.
    await second.page.getByRole('navigation').first().getByRole('link', { name: 'Організації' }).click();
    await second.page.waitForURL(/\/login\?next=%2Forganisations$/);
    await expect.poll(() => second.page.getByText('Ваш сеанс завершився').count()).toBe(1);
    await first.context.close();
    await second.context.close();
  });
});
