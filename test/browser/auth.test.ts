import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  nextCode,
  signIn,
  startApp,
  watchConsole,
  wrongCode,
  type RunningApp,
} from './harness.js';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('signing in', () => {
  it('signs in with password and TOTP; a wrong code is refused with an announced error', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${app.url}/login`);
    expect(await page.title()).toBe('Вхід до OpenNRM · OpenNRM');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await page.getByLabel('Ім’я користувача').fill('admin');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();

    const code = page.getByLabel('Код з застосунку автентифікації');
    await code.waitFor();
    expect(await page.title()).toBe('Підтвердження входу · OpenNRM');
    await code.fill(wrongCode());
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Код неправильний' }).count()).toBe(1);
    expect(page.url()).toContain('/login');

    await code.fill(await nextCode('admin'));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Вітаємо, Олександр Бондаренко!');
    expect(await page.title()).toBe('Головна · OpenNRM');
    expect(await page.getByTestId('header-organisation').textContent()).toBe('Міністерство соціальної політики України');
    // Landmarks and the skip link.
    expect(await page.locator('header').count()).toBeGreaterThan(0);
    expect(await page.getByRole('navigation', { name: 'Основна навігація' }).count()).toBe(1);
    expect(await page.locator('main#main-content').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Перейти до основного вмісту' }).getAttribute('href')).toBe('#main-content');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a wrong password is refused and announced', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Ім’я користувача').fill('analyst.mosp');
    await page.getByLabel('Пароль').fill('not-the-password-2026');
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Неправильне ім’я користувача або пароль.' }).count())
      .toBe(1);
    expect(await page.getByLabel('Пароль').inputValue()).toBe('');
    expect(await page.getByLabel('Код з застосунку автентифікації').count()).toBe(0);
    await context.close();
  });

  it('empty fields are caught on the client', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();
    await expect.poll(() => page.getByText('Обов’язкове поле.').count()).toBe(2);
    expect(await page.getByLabel('Ім’я користувача').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('a deep link survives sign-in, and an ended session brings the user back to where they were', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.url}/audit`);
    await page.waitForURL(/\/login\?next=%2Faudit$/);
    await signIn(page, app.url, 'dpo.mosp', { path: '/login?next=%2Faudit' });
    expect(new URL(page.url()).pathname).toBe('/audit');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Журнал аудиту');

    // The session ends on the server side (here: the cookie disappears); the next API call answers 401.
    await context.clearCookies();
    await page.getByRole('navigation', { name: 'Основна навігація' }).getByRole('link', { name: 'Користувачі' }).click();
    await page.waitForURL(/\/login\?next=%2Fusers$/);
    await expect.poll(() => page.getByText('Ваш сеанс завершився').count()).toBe(1);
    await page.getByLabel('Ім’я користувача').fill('dpo.mosp');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();
    await page.getByLabel('Код з застосунку автентифікації').fill(await nextCode('dpo.mosp'));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL(`${app.url}/users`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Користувачі');
    await context.close();
  });

  it('signing out ends the session; protected pages then ask to sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.url, 'analyst.mosp');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Вийти' }).click();
    await page.waitForURL(`${app.url}/login`);
    const session = (await (await page.request.get(`${app.url}/api/v1/auth/session`)).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(false);
    await page.goto(`${app.url}/organisations`);
    await page.waitForURL(/\/login\?next=%2Forganisations$/);
    await context.close();
  });

  it('navigation shows only the sections the role may use; others answer "not found"', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.url, 'analyst.mosp');
    const nav = page.getByRole('navigation', { name: 'Основна навігація' });
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(['Головна', 'Організації', 'Ролі та дозволи', 'Адміністративно-територіальні одиниці', 'Профіль']);
    await page.goto(`${app.url}/audit`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Сторінку не знайдено');
    await page.goto(`${app.url}/no-such-page`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Сторінку не знайдено');
    expect(await page.title()).toBe('Сторінку не знайдено · OpenNRM');
    await context.close();
  });
});
