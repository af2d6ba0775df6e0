// Pages as a Russian methodist's browser shows them (issue 19 point 4: the guide's screenshots showed «Choose File»
// and «mm/dd/yyyy»): the tests' Chromium runs in ru-RU, so dates and numbers are Russian and a date field reads day,
// month, year; the file field is the page's own «Выбрать файл» / «Файл не выбран» (a native one shows the browser's
// words, English in the packaged Chromium); the period's date fields of «Показатели» show the year's dates.
import type { Page } from 'playwright-core';
import { openReferenceWorkbook } from '../support/e2eBuild';
import { openBundlePage, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);
const browser = suiteBrowser();

const inPage = <T>(page: Page, script: string) => page.evaluate(script) as Promise<T>;

test('the browser is Russian: its language, and how dates and numbers are written', async () => {
  const { page } = await openBundlePage(browser(), openReferenceWorkbook(), 'menuShowImport');
  await expect(inPage(page, 'navigator.language')).resolves.toBe('ru-RU');
  await expect(inPage(page, 'Intl.DateTimeFormat().resolvedOptions().locale')).resolves.toBe('ru-RU');
  // What a date field shows is the locale's short date: day, month, year with dots.
  await expect(inPage(page, 'new Date(2025, 8, 15).toLocaleDateString()')).resolves.toBe('15.09.2025');
  await expect(inPage(page, '(1.5).toLocaleString()')).resolves.toBe('1,5');
  await page.close();
});

test('a date field reads day, month, year with dots, as in Russia («31.12.2024», not «12/31/2024»)', async () => {
  const { page } = await openBundlePage(browser(), openReferenceWorkbook(), 'menuShowIndicators');
  await page.locator('#preset option').first().waitFor({ state: 'attached' });
  await page.locator('#to').fill('2024-12-31');
  // The field's parts as the browser lays them out (its accessibility tree: the shadow fields are not in the DOM).
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
  };
  const parts = nodes.flatMap((n) => {
    const valueText = n.properties?.find((p) => p.name === 'valuetext')?.value.value;
    if (n.role?.value === 'spinbutton') return [`${n.name?.value} ${String(valueText)}`];
    return n.role?.value === 'StaticText' && /^[./-]$/.test(n.name?.value ?? '') ? [n.name!.value] : [];
  });
  // «по»'s field (the second): the day first, then the month, dots between.
  expect(parts.join(' ')).toMatch(/Day\D*31 \. Month\D*12 \. Year\D*2024$/);
  await page.close();
});

test('the import page’s file fields say «Выбрать файл» and which file is chosen, in Russian', async () => {
  const { page, errors } = await openBundlePage(browser(), openReferenceWorkbook(), 'menuShowImport');
  const pick = page.locator('.file-pick').first();
  await expect(pick.innerText()).resolves.toMatch(/^Выбрать файл\s+Файл не выбран$/);
  // The native control (whose words are the browser's) is not drawn: a 1 px box, transparent.
  const native = await inPage(
    page,
    "(() => { const n = document.getElementById('file'); return { width: n.getBoundingClientRect().width, opacity: getComputedStyle(n).opacity }; })()",
  );
  expect(native).toEqual({ width: 1, opacity: '0' });
  await page.locator('#form').selectOption('events');
  await page
    .locator('#file')
    .setInputFiles({ name: 'Мероприятия.csv', mimeType: 'text/csv', buffer: Buffer.from('Название мероприятия\r\nСеминар\r\n') });
  await expect(pick.innerText()).resolves.toMatch(/^Выбрать файл\s+Мероприятия\.csv \(1 КБ\)$/);

  await page.getByLabel('Справочники').check();
  await expect(page.locator('.file-pick').nth(1).innerText()).resolves.toMatch(/^Выбрать файл\s+Файл не выбран$/);
  expect(errors).toEqual([]);
  await page.close();
});

test('«Показатели»: the period’s date fields start as the reporting year, not an empty mask', async () => {
  const { page } = await openBundlePage(browser(), openReferenceWorkbook(), 'menuShowIndicators');
  await page.locator('#preset option').first().waitFor({ state: 'attached' });
  const year = await page.locator('#year').inputValue();
  expect(year).toMatch(/^\d{4}$/);
  await expect(page.locator('#from').inputValue()).resolves.toBe(`${year}-01-01`);
  await expect(page.locator('#to').inputValue()).resolves.toBe(`${year}-12-31`);
  await page.close();
});
