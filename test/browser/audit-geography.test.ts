import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseOption, launchBrowser, screenshotOnFailure, signedInPage, startApp, watchConsole, type RunningApp } from './harness.js';

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

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('audit viewer', () => {
  it('filters by action and shows the sign-in events', async () => {
    const { page } = admin;
    const problems = watchConsole(page);
    // Another user's sign-in, so there is more than one login in the log.
    const dpo = await signedInPage(browser, app.url, 'dpo.mosp');
    await dpo.context.close();

    await page.goto(`${app.url}/audit`);
    await expect.poll(() => h1(page)).toBe('Журнал аудиту');
    await page.getByTestId('audit-table').waitFor();
    await chooseOption(page, page.getByRole('combobox', { name: 'Дія' }), 'auth.login', 'Вхід до системи · auth.login');
    await page.waitForURL(/action=auth.login/);
    await expect
      .poll(async () => {
        const codes = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(4) .mono').allTextContents();
        return codes.length > 0 && codes.every((c) => c === 'auth.login');
      })
      .toBe(true);
    const users = await page.getByTestId('audit-table').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(users).toContain('admin');
    expect(users).toContain('dpo.mosp');

    // Narrow to failures: there are none for auth.login yet, so the empty state shows.
    await chooseOption(page, page.getByRole('combobox', { name: 'Результат' }), '', 'Невдало');
    await expect.poll(() => page.getByText('Подій не знайдено').count()).toBe(1);
    await page.getByRole('button', { name: 'Скинути фільтри' }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(problems).toEqual([]);
  });

  it('shows an event in detail, with its JSON details', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/audit?action=auth.login`);
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-table').getByRole('button', { name: /^Деталі події/ }).first().click();
    const dialog = page.getByRole('dialog', { name: /^Подія №\d+$/ });
    await dialog.waitFor();
    expect(await dialog.getByText('Вхід до системи').count()).toBeGreaterThan(0);
    const json = JSON.parse((await dialog.getByTestId('audit-details-json').textContent()) ?? '') as { factor?: string };
    expect(json.factor).toBe('totp');
    await dialog.getByRole('button', { name: 'Закрити' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('exports the filtered events as CSV', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/audit?action=auth.login`);
    const link = page.getByTestId('audit-export');
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe('/api/v1/audit/events.csv?action=auth.login');
    expect(await link.getAttribute('download')).not.toBeNull();
    const res = await page.request.get(`${app.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    expect(res.headers()['content-disposition']).toMatch(/attachment; filename="opennrm-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,occurred_at,/);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line).toContain('auth.login');

    // Clicking the link downloads the same file.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^opennrm-audit-.*\.csv$/);
  });

  it('verifies the hash chain', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/audit`);
    await page.getByRole('button', { name: 'Перевірити ланцюжок' }).click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^Ланцюжок цілий: перевірено \d+ запис/);
  });
});

describe('geography browser', () => {
  it('finds Вінницька область and Вінниця by a prefix, and drills down through the levels', async () => {
    const { page } = admin;
    const problems = watchConsole(page);
    await page.goto(`${app.url}/geography`);
    await expect.poll(() => h1(page)).toBe('Адміністративно-територіальні одиниці');
    await expect.poll(() => page.getByRole('link', { name: 'Вінницька область' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'м. Київ' }).or(page.getByRole('link', { name: 'Київ' })).count()).toBeGreaterThan(0);

    await page.getByLabel('Пошук за назвою').fill('Вінн');
    const results = page.getByRole('region', { name: 'Результати пошуку' });
    await expect.poll(() => results.getByRole('link', { name: 'Вінницька область' }).count()).toBe(1);
    expect(await results.getByRole('link', { name: 'м. Вінниця' }).count()).toBeGreaterThan(0);
    // Latin letters find the same units.
    await page.getByLabel('Пошук за назвою').fill('Vinn');
    await expect.poll(() => results.getByRole('link', { name: 'Вінницька область' }).count()).toBe(1);

    await results.getByRole('link', { name: 'Вінницька область' }).click();
    await page.waitForURL(/\/geography\/UA05\d{15}$/);
    await expect.poll(() => h1(page)).toBe('Вінницька область');
    expect(await page.title()).toBe('Вінницька область · Адміністративно-територіальні одиниці · OpenNRM');
    expect(await page.getByTestId('unit-code').textContent()).toMatch(/^UA05\d{15}$/);
    expect(await page.getByText('Область', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(/^чинна з /).count()).toBeGreaterThan(0);
    // The search box is empty again on the new unit.
    expect(await page.getByLabel('Пошук за назвою').inputValue()).toBe('');

    const breadcrumb = page.getByRole('navigation', { name: 'Шлях у кодифікаторі' });
    await page.getByRole('link', { name: 'Вінницький район' }).click();
    await expect.poll(() => h1(page)).toBe('Вінницький район');
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual(['Україна', 'Вінницька область']);

    await page.getByRole('link', { name: 'Вінницька громада' }).click();
    await expect.poll(() => h1(page)).toBe('Вінницька громада');
    expect(await page.getByText('Територіальна громада', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'м. Вінниця' }).click();
    await expect.poll(() => h1(page)).toBe('м. Вінниця');
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual(['Україна', 'Вінницька область', 'Вінницький район', 'Вінницька громада']);
    expect(await page.getByText('Місто', { exact: true }).count()).toBeGreaterThan(0);

    // Back up through the breadcrumb.
    await breadcrumb.getByRole('link', { name: 'Вінницька область' }).click();
    await expect.poll(() => h1(page)).toBe('Вінницька область');
    await page.getByRole('navigation', { name: 'Шлях у кодифікаторі' }).getByRole('link', { name: 'Україна' }).click();
    await expect.poll(() => h1(page)).toBe('Адміністративно-територіальні одиниці');
    expect(problems).toEqual([]);
  });

  it('an unknown code answers "not found"', async () => {
    const { page } = admin;
    await page.goto(`${app.url}/geography/UA99999999999999999`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Запис не знайдено');
  });
});
