// Page-only behaviour of the import sidebar with fixed server replies: busy states, long lists cut at 20, text
// never markup, the mapping's bookkeeping. The encodings, the registers and the real replies are in
// importBundle.test.ts.
import type { Browser } from 'playwright-core';
import { launch, openPage, callsTo, screenshot } from './harness';

jest.setTimeout(30000);

const csv =
  '\ufeffОтметка времени,ФИО,Образовательная организация,Дата начала,Куратор (наставник),Комментарий\n' +
  '12.09.2025 10:15:00,Иванова Мария Петровна,МБОУ СОШ № 5,15.09.2025,Смирнова О. В.,—\n';

const headers = ['Отметка времени', 'ФИО', 'Образовательная организация', 'Дата начала', 'Куратор (наставник)', 'Комментарий'];
const preview = {
  headers,
  rows: 27,
  questions: [
    { key: 'personName', title: 'ФИО педагога', required: true, column: 1 },
    { key: 'orgName', title: 'Образовательная организация', required: true, column: 2 },
    { key: 'start', title: 'Начало реализации ИОМ', required: true, column: 3 },
    { key: 'end', title: 'Окончание реализации ИОМ', required: true, column: -1 },
    { key: 'curator', title: 'Куратор ИОМ', required: false, column: -1 },
  ],
  timestampColumn: 0,
  emailColumn: null,
  missingRequired: ['Окончание реализации ИОМ'],
  sample: [['12.09.2025 10:15:00', 'Иванова Мария Петровна', 'МБОУ СОШ № 5', '15.09.2025', 'Смирнова О. В.', '—']],
};
const reasons = Array.from({ length: 25 }, (_, i) => ({ row: i + 2, reason: i === 0 ? 'Неизвестная ОО <img src=x onerror=alert(1)>' : `Не указано «Окончание реализации ИОМ»` }));
const report = {
  received: 27,
  accepted: 2,
  quarantined: 25,
  reasons,
  unusedColumns: ['Комментарий', '<b>Баллы</b>'],
  notes: ['Столбцы «ФИО» и «ФИО педагога» относятся к одному вопросу: взято непустое значение.'],
};
const sentFile = { name: 'Ответы ИОМ.csv', base64: Buffer.from(csv, 'utf8').toString('base64') };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function chooseFile(page: import('playwright-core').Page) {
  await page.locator('#form').selectOption('iom');
  await page.locator('#file').setInputFiles({ name: 'Ответы ИОМ.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.locator('#step2').waitFor({ state: 'visible' });
}

test('choosing a CSV file previews it and preselects the mapping', async () => {
  const { page, errors } = await openPage(browser, 'Import', { rpcImportPreview: { ok: preview } });
  await expect(page.locator('#step2').isVisible()).resolves.toBe(false);
  await chooseFile(page);
  const sent = await callsTo(page, 'rpcImportPreview');
  expect(sent.map((c) => c.payload)).toEqual([{ form: 'iom', file: sentFile }]);

  await expect(page.getByLabel('ФИО педагога').inputValue()).resolves.toBe('1');
  await expect(page.locator('#map-0 option:checked').innerText()).resolves.toBe('ФИО');
  await expect(page.locator('#map-2 option:checked').innerText()).resolves.toBe('Дата начала');
  await expect(page.locator('#map-4 option:checked').innerText()).resolves.toBe('— нет —');
  await expect(page.locator('#map-0 option').allInnerTexts()).resolves.toEqual(['— нет —', ...headers]);
  await expect(page.locator('#mappingTable tr', { hasText: 'ФИО педагога' }).innerText()).resolves.toContain('*');
  await expect(page.locator('#mappingTable tr', { hasText: 'Куратор ИОМ' }).innerText()).resolves.not.toContain('*');
  await expect(page.locator('#missing').innerText()).resolves.toContain('Окончание реализации ИОМ');
  await expect(page.locator('#rowsInfo').innerText()).resolves.toContain('Строк с ответами: 27');
  await screenshot(page, 'import');
  expect(errors).toEqual([]);
  await page.close();
});

test('a changed select is sent as the mapping to rpcImportRun; counts and the first 20 reasons are shown', async () => {
  const { page, dialogs } = await openPage(browser, 'Import', { rpcImportPreview: { ok: preview }, rpcImportRun: { ok: report } });
  await chooseFile(page);
  await page.getByLabel('Куратор ИОМ').selectOption({ label: 'Куратор (наставник)' });
  await page.evaluate('window.__hold = true');
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await expect(page.locator('#run').isDisabled()).resolves.toBe(true);
  await expect(page.locator('#loading').innerText()).resolves.toContain('Импорт… это может занять до минуты');
  await page.evaluate('window.__release()');
  await page.locator('#step3').waitFor({ state: 'visible' });

  const run = await callsTo(page, 'rpcImportRun');
  expect(run.map((c) => c.payload)).toEqual([
    {
      form: 'iom',
      file: sentFile,
      mapping: {
        ФИО: 'personName',
        'Образовательная организация': 'orgName',
        'Дата начала': 'start',
        'Куратор (наставник)': 'curator',
        Комментарий: '',
      },
    },
  ]);
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 27, принято 2, в карантине 25');
  const items = await page.locator('#reasons li').allInnerTexts();
  expect(items).toHaveLength(20);
  expect(items[0]).toBe('Строка 2: Неизвестная ОО <img src=x onerror=alert(1)>');
  expect(items[1]).toBe('Строка 3: Не указано «Окончание реализации ИОМ»');
  await expect(page.locator('#moreReasons').innerText()).resolves.toContain('И ещё 5');
  await expect(page.locator('#unusedColumns').innerText()).resolves.toBe('Не использованы столбцы: Комментарий, <b>Баллы</b>');
  await expect(page.locator('#notes li').allInnerTexts()).resolves.toEqual(report.notes);
  await expect(page.locator('#step3 b').count()).resolves.toBe(0);
  await expect(page.locator('img').count()).resolves.toBe(0);
  await expect(page.locator('#run').isEnabled()).resolves.toBe(true);
  expect(dialogs).toEqual([]);
  await page.close();
});

test('moving a column to another question releases it; un-mapping a required question warns', async () => {
  const { page } = await openPage(browser, 'Import', { rpcImportPreview: { ok: preview }, rpcImportRun: { ok: report } });
  await chooseFile(page);
  await page.getByLabel('Окончание реализации ИОМ').selectOption({ label: 'Дата начала' });
  await expect(page.getByLabel('Начало реализации ИОМ').inputValue()).resolves.toBe('');
  await expect(page.locator('#missing').innerText()).resolves.toContain('Начало реализации ИОМ');
  await expect(page.locator('#missing').innerText()).resolves.not.toContain('Окончание реализации ИОМ');
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  const [run] = await callsTo(page, 'rpcImportRun');
  expect((run.payload as { mapping: Record<string, string> }).mapping['Дата начала']).toBe('end');
  await page.close();
});

test('a sheet of this workbook can be the source; server failures are shown', async () => {
  const { page } = await openPage(browser, 'Import', {
    rpcImportPreview: { seq: [{ error: 'Лист «Ответы 2024» не найден.' }, { ok: preview }] },
  });
  await page.locator('#form').selectOption('events');
  await page.getByLabel('Лист этой таблицы с ответами').fill('Ответы 2024');
  await page.getByRole('button', { name: 'Показать столбцы листа' }).click();
  await page.locator('.box.error', { hasText: 'Лист «Ответы 2024» не найден.' }).waitFor();
  await page.getByRole('button', { name: 'Показать столбцы листа' }).click();
  await page.locator('#step2').waitFor({ state: 'visible' });
  await expect(page.locator('#message').isVisible()).resolves.toBe(false);
  expect((await callsTo(page, 'rpcImportPreview')).map((c) => c.payload)).toEqual([
    { form: 'events', sheetName: 'Ответы 2024' },
    { form: 'events', sheetName: 'Ответы 2024' },
  ]);
  await page.close();
});

describe('Справочники', () => {
  const staffCsv = '\ufeffФИО,ОО,Должность\nИванова Мария Петровна,МБОУ СОШ № 5,учитель\nПетров Пётр,МБОУ СОШ № 7,учитель\n';
  const refReport = {
    rows: 3,
    added: 1,
    updated: 1,
    unchanged: 1,
    problems: [
      { row: 0, message: 'Нет столбца «Должность»' },
      { row: 3, message: 'Неизвестная ОО <img src=x onerror=alert(1)>' },
      ...Array.from({ length: 22 }, (_, i) => ({ row: i + 4, message: 'Пустое ФИО' })),
    ],
  };

  async function chooseReference(page: import('playwright-core').Page) {
    await expect(page.locator('#referencePart').isVisible()).resolves.toBe(false);
    await page.getByLabel('Справочники').check();
    await expect(page.locator('#referencePart').isVisible()).resolves.toBe(true);
    await expect(page.locator('#step1').isVisible()).resolves.toBe(false);
    await page.locator('#refSheet').selectOption('staff');
    await page.locator('#refFile').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(staffCsv, 'utf8') });
  }

  test('the chosen file is sent as {sheet, file: {name, base64}}; counts and the first 20 problems are shown as text', async () => {
    const { page, dialogs, errors } = await openPage(browser, 'Import', { rpcImportReference: { ok: refReport } });
    await expect(page.locator('#refSheet option').allInnerTexts()).resolves.toEqual([
      'Организации (organizations.csv)',
      'Педагоги (staff.csv)',
      'Диагностика (diagnostics.csv)',
    ]);
    await chooseReference(page);
    await page.evaluate('window.__hold = true');
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await page.waitForFunction('window.__calls.some(function (c) { return c.name === "rpcImportReference"; })');
    await expect(page.locator('#refRun').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#loading').innerText()).resolves.toContain('Загрузка справочника…');
    await page.evaluate('window.__release()');
    await page.locator('#refResultBox').waitFor({ state: 'visible' });

    expect((await callsTo(page, 'rpcImportReference')).map((c) => c.payload)).toEqual([
      { sheet: 'staff', file: { name: 'staff.csv', base64: Buffer.from(staffCsv, 'utf8').toString('base64') } },
    ]);
    await expect(page.locator('#refResult').innerText()).resolves.toBe('Строк 3: добавлено 1, обновлено 1, без изменений 1');
    const items = await page.locator('#refProblems li').allInnerTexts();
    expect(items).toHaveLength(20);
    expect(items[0]).toBe('Файл: Нет столбца «Должность»');
    expect(items[1]).toBe('Строка 3: Неизвестная ОО <img src=x onerror=alert(1)>');
    expect(items[2]).toBe('Строка 4: Пустое ФИО');
    await expect(page.locator('#refMore').innerText()).resolves.toContain('И ещё 4');
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.locator('#refRun').isEnabled()).resolves.toBe(true);
    await expect(page.locator('#message').isVisible()).resolves.toBe(false);
    await screenshot(page, 'import-reference-problems');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a server failure is shown in the error box', async () => {
    const { page } = await openPage(browser, 'Import', { rpcImportReference: { error: 'Лист «staff» не найден.' } });
    await chooseReference(page);
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await page.locator('#message.box.error', { hasText: 'Лист «staff» не найден.' }).waitFor();
    await expect(page.locator('#refResultBox').isVisible()).resolves.toBe(false);
    await expect(page.locator('#refRun').isEnabled()).resolves.toBe(true);
    await page.close();
  });

  test('without a file nothing is sent', async () => {
    const { page } = await openPage(browser, 'Import', { rpcImportReference: { ok: refReport } });
    await page.getByLabel('Справочники').check();
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await expect(page.locator('#message').innerText()).resolves.toBe('Выберите CSV-файл справочника.');
    await expect(callsTo(page, 'rpcImportReference')).resolves.toEqual([]);
    await page.close();
  });
});
