import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../src/platform/auth/totp.js';
import {
  chooseOption,
  launchBrowser,
  newContext,
  screenshotOnFailure,
  signedInPage,
  startApp,
  watchConsole,
  type RunningApp,
} from './harness.js';

const LA_STRADA = 'Міжнародний жіночий правозахисний центр «Ла Страда-Україна»';
const TEMP_PASSWORD = /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/;

let app: RunningApp;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  admin = await signedInPage(browser, app.url, 'admin');
});

screenshotOnFailure(() => [admin?.page]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function h1(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

describe('user administration (system administrator)', () => {
  let userUrl = '';
  let temporaryPassword = '';

  it('creates a user in an organisation with a role and sees the temporary password once', async () => {
    const { page } = admin;
    const problems = watchConsole(page);
    await page.goto(`${app.url}/users`);
    await page.getByRole('link', { name: 'Новий користувач' }).click();
    await page.waitForURL(`${app.url}/users/new`);
    await expect.poll(() => page.title()).toBe('Новий користувач · OpenNRM');

    // Client-side validation first: nothing filled in.
    await page.getByRole('button', { name: 'Створити обліковий запис' }).click();
    await expect.poll(() => page.getByText('Оберіть щонайменше одну роль.').count()).toBe(1);
    await page.getByLabel('Ім’я користувача (логін)').fill('Bad Name');
    await page.getByRole('button', { name: 'Створити обліковий запис' }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(1);

    await page.getByLabel('Ім’я користувача (логін)').fill('caseworker.test');
    await page.getByLabel('Прізвище та ім’я').fill('Тестова Працівниця');
    await page.getByLabel('Електронна пошта').fill('caseworker.test@example.org');
    await chooseOption(page, page.getByRole('combobox', { name: 'Організація' }), 'Страда', LA_STRADA);
    // An administrator of everything may give every role.
    expect(await page.getByRole('checkbox', { name: 'Системний адміністратор' }).count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Фахівець із ведення випадків' }).check();
    await page.getByRole('button', { name: 'Створити обліковий запис' }).click();

    await expect.poll(() => h1(page)).toBe('Обліковий запис створено');
    temporaryPassword = (await page.getByTestId('one-time-secret').textContent()) ?? '';
    expect(temporaryPassword).toMatch(TEMP_PASSWORD);
    expect(await page.getByText('Пароль показано лише один раз.').count()).toBe(1);
    await page.getByRole('button', { name: 'Копіювати: Тимчасовий пароль' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Скопійовано' }).count()).toBe(1);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(temporaryPassword);

    await page.getByRole('link', { name: 'Відкрити обліковий запис' }).click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    userUrl = page.url();
    await expect.poll(() => h1(page)).toBe('Тестова Працівниця');
    const account = page.getByRole('region', { name: 'Обліковий запис' });
    expect(await account.getByText(LA_STRADA).count()).toBe(1);
    expect(await account.getByText('Фахівець із ведення випадків').count()).toBe(1);
    expect(await account.getByText('Тимчасовий пароль').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('a duplicate username is reported on the field', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/users/new`);
    await page.getByLabel('Ім’я користувача (логін)').fill('caseworker.test');
    await page.getByLabel('Прізвище та ім’я').fill('Ще Одна');
    await chooseOption(page, page.getByRole('combobox', { name: 'Організація' }), 'Страда', LA_STRADA);
    await page.getByRole('checkbox', { name: 'Аналітик' }).check();
    await page.getByRole('button', { name: 'Створити обліковий запис' }).click();
    await expect.poll(() => page.getByText('Це ім’я користувача вже зайняте.').count()).toBe(1);
  });

  it('edits the roles', async () => {
    const { page } = admin;
    await page.goto(userUrl);
    const edit = page.getByRole('region', { name: 'Редагування' });
    await edit.getByRole('checkbox', { name: 'Оператор гарячої лінії' }).check();
    await edit.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => edit.getByRole('status').textContent()).toBe('Зміни збережено.');
    const account = page.getByRole('region', { name: 'Обліковий запис' });
    await expect.poll(() => account.getByText('Оператор гарячої лінії').count()).toBe(1);
    expect(await account.getByText('Фахівець із ведення випадків').count()).toBe(1);
  });

  it('resets the password: a new temporary password is shown', async () => {
    const { page } = admin;
    await page.goto(userUrl);
    await page.getByRole('button', { name: 'Скинути пароль' }).click();
    const confirm = page.getByRole('dialog', { name: 'Скинути пароль' });
    await confirm.getByRole('button', { name: 'Скинути пароль' }).click();
    const dialog = page.getByRole('dialog', { name: 'Пароль скинуто' });
    await dialog.waitFor();
    const fresh = (await dialog.getByTestId('one-time-secret').textContent()) ?? '';
    expect(fresh).toMatch(TEMP_PASSWORD);
    expect(fresh).not.toBe(temporaryPassword);
    temporaryPassword = fresh;
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the new user signs in with the temporary password, sets up the second factor and must change the password', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Ім’я користувача').fill('caseworker.test');
    await page.getByLabel('Пароль').fill(temporaryPassword);
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();

    // The case-worker role requires a second factor: enrolment with a QR code and the secret as text.
    await expect.poll(() => h1(page)).toBe('Налаштування другого фактора');
    const qr = page.getByRole('img', { name: 'QR-код для додавання OpenNRM до застосунку автентифікації' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Код з застосунку автентифікації').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Підтвердити і ввімкнути' }).click();

    // Recovery codes, once, with a confirmation before going on.
    await expect.poll(() => h1(page)).toBe('Резервні коди');
    const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2}$/);
    const go = page.getByRole('button', { name: 'Продовжити' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel('Я зберіг(-ла) резервні коди в надійному місці').check();
    await go.click();

    // Forced password change before anything else.
    await page.waitForURL(`${app.url}/change-password`);
    await expect.poll(() => h1(page)).toBe('Змініть пароль');
    await page.goto(`${app.url}/organisations`);
    await page.waitForURL(`${app.url}/change-password`);
    await page.getByLabel('Поточний пароль').fill(temporaryPassword);
    await page.getByLabel(/^Новий пароль/).fill('short');
    await page.getByLabel('Повторіть новий пароль').fill('short');
    await page.getByRole('button', { name: 'Змінити пароль' }).click();
    await expect.poll(() => page.getByText('Пароль має містити щонайменше 12 символів.').count()).toBe(1);
    await page.getByLabel(/^Новий пароль/).fill('password1234');
    await page.getByLabel('Повторіть новий пароль').fill('password1234');
    await page.getByRole('button', { name: 'Змінити пароль' }).click();
    await expect.poll(() => page.getByText('Цей пароль надто поширений — його легко вгадати.').count()).toBe(1);
    await page.getByLabel(/^Новий пароль/).fill('ріка-зерно-ліхтар-2026');
    await page.getByLabel('Повторіть новий пароль').fill('ріка-зерно-ліхтар-2026');
    await page.getByRole('button', { name: 'Змінити пароль' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => h1(page)).toBe('Вітаємо, Тестова Працівниця!');
    await context.close();
  });

  it('deactivates the account: the user is signed out and cannot sign in', async () => {
    const { page } = admin;
    await page.goto(userUrl);
    await page.getByRole('button', { name: 'Деактивувати' }).click();
    const dialog = page.getByRole('dialog', { name: 'Деактивувати' });
    await dialog.getByRole('button', { name: 'Деактивувати' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Обліковий запис деактивовано.' }).count()).toBe(1);
    const account = page.getByRole('region', { name: 'Обліковий запис' });
    await expect.poll(() => account.getByText('Неактивний', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Активувати' }).count()).toBe(1);

    const context = await newContext(browser);
    const other = await context.newPage();
    await other.goto(`${app.url}/login`);
    await other.getByLabel('Ім’я користувача').fill('caseworker.test');
    await other.getByLabel('Пароль').fill('ріка-зерно-ліхтар-2026');
    await other.getByRole('button', { name: 'Увійти', exact: true }).click();
    await expect.poll(() => other.getByRole('alert').filter({ hasText: 'Неправильне ім’я користувача або пароль.' }).count()).toBe(1);
    await context.close();

    // The list hides inactive accounts by default; the status filter shows them.
    await page.goto(`${app.url}/users`);
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('link', { name: 'Тестова Працівниця' }).count()).toBe(0);
    await chooseOption(page, page.getByRole('combobox', { name: 'Стан' }), '', 'Неактивні');
    await expect.poll(() => page.getByRole('link', { name: 'Тестова Працівниця' }).count()).toBe(1);
  });
});

describe('organisation administrator', () => {
  it('sees and manages only the own organisation', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'orgadmin.lastrada');
    await page.goto(`${app.url}/users`);
    await expect.poll(() => h1(page)).toBe('Користувачі');
    expect(await page.getByText('Облікові записи вашої організації.').count()).toBe(1);
    const filter = page.getByRole('combobox', { name: 'Організація' });
    expect(await filter.isDisabled()).toBe(true);
    await expect.poll(() => filter.inputValue()).toBe(LA_STRADA);
    await page.getByTestId('users-table').waitFor();
    const orgCells = await page.getByTestId('users-table').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(orgCells.length).toBeGreaterThanOrEqual(3);
    for (const cell of orgCells) expect(cell).toBe(LA_STRADA);
    expect(await page.getByRole('link', { name: 'Олександр Бондаренко' }).count()).toBe(0);

    // Creating: the organisation is fixed, and roles wider than the administrator's own are not offered.
    await page.getByRole('link', { name: 'Новий користувач' }).click();
    const org = page.getByRole('combobox', { name: 'Організація' });
    expect(await org.isDisabled()).toBe(true);
    await expect.poll(() => org.inputValue()).toBe(LA_STRADA);
    await page.getByRole('checkbox', { name: 'Оператор гарячої лінії' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Системний адміністратор' }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Відповідальний за захист персональних даних' }).count()).toBe(0);
    await page.getByLabel('Ім’я користувача (логін)').fill('hotline2.lastrada');
    await page.getByLabel('Прізвище та ім’я').fill('Олена Бойко');
    await page.getByRole('checkbox', { name: 'Оператор гарячої лінії' }).check();
    await page.getByRole('button', { name: 'Створити обліковий запис' }).click();
    await expect.poll(() => h1(page)).toBe('Обліковий запис створено');
    expect(await page.getByTestId('one-time-secret').textContent()).toMatch(TEMP_PASSWORD);

    // Another organisation's account is not reachable.
    const adminId = (await admin.page.evaluate(`fetch('/api/v1/auth/session').then((r) => r.json()).then((s) => s.user.id)`)) as string;
    await page.goto(`${app.url}/users/${adminId}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Запис не знайдено');
    // No audit export for an organisation administrator; the audit view is limited to the organisation.
    await page.goto(`${app.url}/audit`);
    await expect.poll(() => h1(page)).toBe('Журнал аудиту');
    expect(await page.getByTestId('audit-export').count()).toBe(0);
    expect(await page.getByText('Дії користувачів вашої організації.').count()).toBe(1);
    await context.close();
  });
});

describe('organisations', () => {
  it('creates an organisation with a jurisdiction picked from the codifier, then edits it', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/organisations`);
    await page.getByRole('link', { name: 'Нова організація' }).click();
    await page.waitForURL(`${app.url}/organisations/new`);
    await page.getByRole('button', { name: 'Створити організацію' }).click();
    await expect.poll(() => page.getByText('Обов’язкове поле.').count()).toBe(3);

    await page.getByLabel('Назва українською').fill('ГО «Тестова ініціатива»');
    await page.getByLabel('Назва англійською').fill('NGO Test Initiative');
    await chooseOption(page, page.getByRole('combobox', { name: 'Тип організації' }), 'Громадська', 'Громадська організація');
    await page.getByLabel('Телефон').fill('abc');
    await page.getByLabel('Вебсайт').fill('ftp://example.org');
    await page.getByRole('button', { name: 'Створити організацію' }).click();
    await expect.poll(() => page.getByText('Лише цифри, пробіли, дужки, дефіси і «+» на початку.').count()).toBe(1);
    expect(await page.getByText('Введіть адресу, що починається з https:// або http://.').count()).toBe(1);
    await page.getByLabel('Телефон').fill('+380 43 255-00-00');
    await page.getByLabel('Вебсайт').fill('https://example.org');
    await page.getByLabel('Електронна пошта').fill('info@example.org');
    await chooseOption(page, page.getByRole('combobox', { name: 'Територія обслуговування' }), 'Вінн', /^Вінницька область/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Створити організацію' }).click();

    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    await expect.poll(() => h1(page)).toBe('ГО «Тестова ініціатива»');
    expect(await page.getByRole('link', { name: 'Вінницька область' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '+380 43 255-00-00' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Редагувати' }).click();
    await page.getByLabel('Назва українською').fill('ГО «Тестова ініціатива Поділля»');
    await page.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => h1(page)).toBe('ГО «Тестова ініціатива Поділля»');
    expect(await page.getByRole('status').filter({ hasText: 'Зміни збережено.' }).count()).toBe(1);

    await page.goto(`${app.url}/organisations`);
    await page.getByLabel('Пошук за назвою').fill('Поділля');
    await expect.poll(() => page.getByRole('link', { name: 'ГО «Тестова ініціатива Поділля»' }).count()).toBe(1);
  });

  it('roles page: the permission matrix, and the second-factor switch for administrators', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/roles`);
    await expect.poll(() => h1(page)).toBe('Ролі та дозволи');
    const matrix = page.getByRole('region', { name: 'Таблиця «Дозволи за ролями»' }).getByRole('table');
    await matrix.waitFor();
    const header = await matrix.locator('thead th').allTextContents();
    expect(header[0]).toBe('Дозвіл');
    expect(header).toContain('Адміністратор організації');
    const row = matrix.getByRole('row', { name: /Керування обліковими записами/ });
    expect(await row.getByText('усі').count()).toBe(1);
    expect(await row.getByText('своя організація').count()).toBe(1);
    // Seeing accounts: everyone sees their own, administrators more; the widest scope is shown.
    const seeAccounts = matrix.getByRole('row', { name: /Перегляд облікових записів/ });
    const cells = await seeAccounts.locator('td').allTextContents();
    expect(cells[0]).toBe('усі');
    expect(cells[1]).toBe('своя організація');
    expect(cells[2]).toBe('лише власні');

    const analyst = page.getByRole('switch', { name: 'Обов’язковий другий фактор для ролі «Аналітик»' });
    expect(await analyst.isChecked()).toBe(false);
    // The switch follows the server: it flips once the change is saved.
    await analyst.click({ force: true });
    await expect.poll(() => analyst.isChecked()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'Обов’язковий другий фактор для ролі «Аналітик»' }).isChecked()).toBe(true);
    await page.getByRole('switch', { name: 'Обов’язковий другий фактор для ролі «Аналітик»' }).click({ force: true });
    await expect.poll(() => page.getByRole('switch', { name: 'Обов’язковий другий фактор для ролі «Аналітик»' }).isChecked()).toBe(false);
  });
});
