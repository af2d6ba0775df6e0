// The import sidebar through the real bundle: the page sends the chosen file's bytes, the bundle detects the
// encoding and decodes it with Utilities/Blob, and the rows land in the registers with their Russian text intact.
// The mapping step (preselection, moving a column, missing required questions), busy states, reports cut at 20
// lines, markup in a file shown as text, and the server's refusals (a missing sheet, a user taken off the access
// list) — all with the bundle's own replies.
import type { Page } from 'playwright-core';
import { openBundlePage, openThenLoseAccess, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { openBuiltWorkbook, openReferenceWorkbook, ORGS_CSV, rowsOf } from '../support/e2eBuild';
import { cp1251 } from '../support/cp1251';

jest.setTimeout(60_000);

const browser = suiteBrowser();

// Russian Excel's export of an old event journal: semicolons, CRLF, Windows-1251, «Ё», «№» and guillemets.
const EVENTS_CP1251 = [
  'Отметка времени;Название мероприятия;Вид мероприятия;Уровень;Дата начала;Примечание методиста',
  '12.09.2025 10:15:00;Семинар «Ёлочка» для школы № 1;Семинар;Муниципальный;15.09.2025;перенесён с весны',
  '13.09.2025 09:00:00;Круглый стол наставников;Круглый стол;Муниципальный;20.09.2025;',
].join('\r\n');

async function chooseFormFile(page: Page, form: string, name: string, buffer: Buffer): Promise<void> {
  await page.locator('#form').selectOption(form);
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('a Windows-1251 CSV of form answers: mapping with the first rows, then the events in «Мероприятия»', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await chooseFormFile(page, 'events', 'Мероприятия 2025.csv', Buffer.from(cp1251(EVENTS_CP1251)));
  await page.locator('#step2').waitFor({ state: 'visible' });

  await expect(page.locator('#map-0 option:checked').innerText()).resolves.toBe('Название мероприятия');
  await expect(page.locator('#rowsInfo').innerText()).resolves.toContain('Строк с ответами: 2');
  // The sample rows are visible under the mapping, as text: a line per column of the file, its values beside it.
  await expect(page.locator('#sampleTable tbody th').allInnerTexts()).resolves.toContain('Примечание методиста');
  await expect(page.locator('#sampleTable tbody tr', { hasText: 'Название мероприятия' }).innerText()).resolves.toContain(
    'Семинар «Ёлочка» для школы № 1',
  );
  await expect(page.locator('#sampleBox').isVisible()).resolves.toBe(true);
  // A long question title wraps inside its cell instead of being cut.
  const label = page.locator('#mappingTable label', { hasText: 'Количество участников' });
  const fits = await label.evaluate((node) => {
    const cell = node.closest('td')!;
    return cell.scrollWidth <= cell.clientWidth && node.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5;
  });
  expect(fits).toBe(true);
  await saveScreenshot(page, 'import-mapping');

  await page.locator('#run').click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 2, принято 2, в карантине 0');
  // The column that fed no question is named, from the bundle's own report.
  await expect(page.locator('#unusedColumns').innerText()).resolves.toBe('Не использованы столбцы: Примечание методиста');
  await saveScreenshot(page, 'import-result');

  const titles = rowsOf(wb, 'events').map((r) => r['Название мероприятия']);
  expect(titles).toEqual(['Семинар «Ёлочка» для школы № 1', 'Круглый стол наставников']);
  expect(errors).toEqual([]);
  await page.close();
});

test('a UTF-16 reference file with BOM (Excel «Unicode text») loads «Организации»', async () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await page.getByLabel('Справочники').check();
  await page.locator('#refSheet').selectOption('organizations');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ORGS_CSV, 'utf16le')]);
  await page.locator('#refFile').setInputFiles({ name: 'organizations.csv', mimeType: 'text/csv', buffer: utf16 });
  await page.getByRole('button', { name: 'Загрузить справочник' }).click();
  await page.locator('#refResultBox').waitFor({ state: 'visible' });
  await expect(page.locator('#refResult').innerText()).resolves.toBe('Строк 3: добавлено 3, обновлено 0, без изменений 0');
  await saveScreenshot(page, 'import-reference');
  expect(rowsOf(wb, 'organizations').map((r) => r['Наименование'])).toEqual([
    'МОУ «Средняя школа № 1»',
    'МДОУ «Детский сад «Ромашка»»',
    'МУ «Учебно-методический центр»',
  ]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a file in no supported encoding is refused with a message naming it, and nothing is imported', async () => {
  const wb = openReferenceWorkbook();
  const { page } = await openBundlePage(browser(), wb, 'menuShowImport');
  // KOI8-R: the other single-byte Cyrillic, which the add-on does not guess.
  const koi8 = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x3b, 0xcd, 0xc9, 0xd2, 0x0a, 0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x0a]);
  await chooseFormFile(page, 'events', 'старый_журнал.csv', koi8);
  const message = page.locator('#message.box.error');
  await message.waitFor();
  await expect(message.innerText()).resolves.toContain('Файл «старый_журнал.csv» не удалось прочитать');
  await expect(page.locator('#step2').isVisible()).resolves.toBe(false);
  expect(rowsOf(wb, 'events')).toHaveLength(0);
  await page.close();
});

test('two columns for one question: the non-empty one wins and the page says so', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  const csv = [
    'Отметка времени,Название,Название мероприятия,Вид мероприятия,Уровень,Дата начала',
    '12.09.2025 10:15:00,,Семинар наставников,Семинар,Муниципальный,15.09.2025',
    '12.09.2025 10:16:00,Форум молодых педагогов,,Форум,Региональный,16.09.2025',
  ].join('\n');
  await chooseFormFile(page, 'events', 'journal.csv', Buffer.from(csv, 'utf8'));
  await page.locator('#step2').waitFor({ state: 'visible' });
  await expect(page.locator('#mappingTable tr', { hasText: 'Название мероприятия' }).locator('.alternates').innerText()).resolves.toBe(
    'Если пусто — из «Название»',
  );
  await page.locator('#run').click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 2, принято 2, в карантине 0');
  await expect(page.locator('#notes').innerText()).resolves.toContain(
    'Столбцы «Название мероприятия» и «Название» относятся к одному вопросу «Название мероприятия»: в каждой строке взят первый непустой.',
  );
  expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).toEqual(['Семинар наставников', 'Форум молодых педагогов']);
  expect(errors).toEqual([]);
  await page.close();
});

// An old IOM journal: two good answers, then 25 from ОО the workbook does not know (the first named like markup),
// with a column the add-on cannot guess (the curator's), and two it does not use.
const HOSTILE = '<img src=x onerror=alert(1)>';
const IOM_HEADERS = [
  'Отметка времени',
  'ФИО',
  'Образовательная организация',
  'Должность',
  'Статус ИОМ',
  'Дата начала',
  'Куратор (наставник)',
  'Комментарий',
  '<b>Баллы</b>',
];
const IOM_CSV = [
  IOM_HEADERS.join(','),
  '12.09.2025 10:15:00,Петров Пётр Ильич,МОУ «Средняя школа № 1»,Учитель,Разработан,15.09.2025,Смирнова О. В.,—,5',
  '12.09.2025 10:16:00,Иванова Ирина,МОУ «Средняя школа № 1»,Учитель,Реализуется,16.09.2025,Смирнова О. В.,—,4',
  ...Array.from(
    { length: 25 },
    (_, i) =>
      `13.09.2025 9:${String(i).padStart(2, '0')}:00,Педагог ${i},${i === 0 ? HOSTILE : `Школа № ${i + 10}`},Учитель,Разработан,15.09.2025,,,`,
  ),
].join('\n');

async function chooseIomFile(page: Page): Promise<void> {
  await chooseFormFile(page, 'iom', 'Ответы ИОМ.csv', Buffer.from(IOM_CSV, 'utf8'));
  await page.locator('#step2').waitFor({ state: 'visible' });
}

test('a CSV of form answers: the mapping preselected by the column titles, required questions marked', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await expect(page.locator('#step2').isVisible()).resolves.toBe(false);
  await chooseIomFile(page);
  const selected = (title: string) => page.locator('#mappingTable tr', { hasText: title }).locator('option:checked').innerText();
  await expect(page.getByLabel('ФИО педагога').inputValue()).resolves.toBe('1');
  await expect(selected('ФИО педагога')).resolves.toBe('ФИО');
  await expect(selected('Начало реализации ИОМ')).resolves.toBe('Дата начала');
  await expect(selected('Куратор ИОМ')).resolves.toBe('— нет —');
  await expect(page.getByLabel('ФИО педагога').locator('option').allInnerTexts()).resolves.toEqual(['— нет —', ...IOM_HEADERS]);
  await expect(page.locator('#mappingTable tr', { hasText: 'ФИО педагога' }).innerText()).resolves.toContain('*');
  await expect(page.locator('#mappingTable tr', { hasText: 'Куратор ИОМ' }).innerText()).resolves.not.toContain('*');
  await expect(page.locator('#missing').isVisible()).resolves.toBe(false);
  await expect(page.locator('#rowsInfo').innerText()).resolves.toBe('Форма «Учёт ИОМ». Строк с ответами: 27, столбцов: 9.');
  await saveScreenshot(page, 'import');
  expect(errors).toEqual([]);
  await page.close();
});

test('a column chosen by hand feeds its question; the page is busy while it runs; the report is cut at 20 reasons, as text', async () => {
  const wb = openReferenceWorkbook();
  const { page, dialogs, errors, hold, release } = await openBundlePage(browser(), wb, 'menuShowImport');
  await chooseIomFile(page);
  await page.getByLabel('Куратор ИОМ').selectOption({ label: 'Куратор (наставник)' });
  await hold();
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await expect(page.locator('#run').isDisabled()).resolves.toBe(true);
  await expect(page.locator('#loading').innerText()).resolves.toContain('Импорт… это может занять до минуты');
  await release();
  await page.locator('#step3').waitFor({ state: 'visible' });

  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 27, принято 2, в карантине 25');
  const items = await page.locator('#reasons li').allInnerTexts();
  expect(items).toHaveLength(20);
  expect(items[0]).toBe(`Строка 4: Организация «${HOSTILE}» (вопрос «Образовательная организация») не найдена в листе «Организации».`);
  expect(items[1]).toBe('Строка 5: Организация «Школа № 11» (вопрос «Образовательная организация») не найдена в листе «Организации».');
  await expect(page.locator('#moreReasons').innerText()).resolves.toBe('И ещё 5 — см. лист «Карантин».');
  await expect(page.locator('#unusedColumns').innerText()).resolves.toBe('Не использованы столбцы: Комментарий, <b>Баллы</b>');
  await expect(page.locator('b, img').count()).resolves.toBe(0);
  await expect(page.locator('#run').isEnabled()).resolves.toBe(true);
  await saveScreenshot(page, 'import-report');

  expect(rowsOf(wb, 'iom').map((r) => [r['ФИО педагога'], r['Куратор ИОМ']])).toEqual([
    ['Петров Пётр Ильич', 'Смирнова О. В.'],
    ['Иванова Ирина', 'Смирнова О. В.'],
  ]);
  expect(rowsOf(wb, 'quarantine')).toHaveLength(25);
  expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
  await page.close();
});

test('moving a column to another question releases it there; the required question left without one is named', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await chooseIomFile(page);
  await page.getByLabel('Окончание реализации ИОМ').selectOption({ label: 'Дата начала' });
  await expect(page.getByLabel('Начало реализации ИОМ').inputValue()).resolves.toBe('');
  await expect(page.locator('#missing').innerText()).resolves.toBe(
    'Нет столбцов для обязательных вопросов: Начало реализации ИОМ. Ответы без них попадут в карантин.',
  );
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 27, принято 0, в карантине 27');
  // The server got the column as the end date: the quarantined answer carries it there.
  const petrov = rowsOf(wb, 'quarantine')
    .map((r) => JSON.parse(String(r['Ответы'])) as Record<string, string>)
    .find((a) => a['ФИО педагога'] === 'Петров Пётр Ильич')!;
  expect(petrov).toMatchObject({ 'Окончание реализации ИОМ': '15.09.2025' });
  expect(petrov['Начало реализации ИОМ'] ?? '').toBe('');
  expect(errors).toEqual([]);
  await page.close();
});

test('a sheet of this workbook as the source: a missing one is named, then, once there, its answers are imported', async () => {
  const wb = openReferenceWorkbook();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowImport');
  await page.locator('#form').selectOption('events');
  await page.getByLabel('Лист этой таблицы с ответами').fill('Ответы 2024');
  await page.getByRole('button', { name: 'Показать столбцы листа' }).click();
  await page.locator('#message.box.error', { hasText: 'Лист «Ответы 2024» не найден.' }).waitFor();
  await expect(page.locator('#step2').isVisible()).resolves.toBe(false);

  // The methodist copies an old form's answers into the sheet and tries again.
  wb.spreadsheet
    .insertSheet('Ответы 2024')
    .getRange(1, 1, 2, 5)
    .setValues([
      ['Отметка времени', 'Название мероприятия', 'Вид мероприятия', 'Уровень', 'Дата начала'],
      [new Date(2024, 8, 12, 10, 15), 'Августовское совещание', 'Конференция', 'Муниципальный', new Date(2024, 7, 28)],
    ]);
  await page.getByRole('button', { name: 'Показать столбцы листа' }).click();
  await page.locator('#step2').waitFor({ state: 'visible' });
  await expect(page.locator('#message').isVisible()).resolves.toBe(false);
  await expect(page.locator('#rowsInfo').innerText()).resolves.toBe('Форма «Журнал мероприятий». Строк с ответами: 1, столбцов: 5.');
  await page.getByRole('button', { name: 'Импортировать' }).click();
  await page.locator('#step3').waitFor({ state: 'visible' });
  await expect(page.locator('#result').innerText()).resolves.toBe('Получено 1, принято 1, в карантине 0');
  expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).toEqual(['Августовское совещание']);
  expect(errors).toEqual([]);
  await page.close();
});

describe('Справочники', () => {
  // One person already there, one with a new subject, one new; a column the sheet has not, named like markup; and
  // 22 rows without a name.
  const STAFF = [
    `ФИО,Код ОО,Должность,Предмет,${HOSTILE}`,
    'Сидорова Анна Олеговна,ОО-2,Воспитатель,,',
    'Петров Пётр Ильич,ОО-1,Учитель,Астрономия,',
    'Новикова Вера Петровна,ОО-1,Учитель,Химия,',
    ...Array.from({ length: 22 }, () => ',ОО-1,Учитель,,'),
  ].join('\n');

  async function chooseReference(page: Page, csv = STAFF): Promise<void> {
    await expect(page.locator('#referencePart').isVisible()).resolves.toBe(false);
    await page.getByLabel('Справочники').check();
    await expect(page.locator('#referencePart').isVisible()).resolves.toBe(true);
    await expect(page.locator('#step1').isVisible()).resolves.toBe(false);
    await page.locator('#refSheet').selectOption('staff');
    await page.locator('#refFile').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  }

  test('a roster file: busy while it loads, the counts, the first 20 problems as text, and «Педагоги» changed', async () => {
    const wb = openReferenceWorkbook();
    const { page, dialogs, errors, hold, release } = await openBundlePage(browser(), wb, 'menuShowImport');
    await expect(page.locator('#refSheet option').allInnerTexts()).resolves.toEqual([
      'Организации (organizations.csv)',
      'Педагоги (staff.csv)',
      'Диагностика (diagnostics.csv)',
      'Дорожная карта (roadmap.csv)',
    ]);
    await chooseReference(page);
    await hold();
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await page.locator('#loading', { hasText: 'Загрузка справочника…' }).waitFor();
    await expect(page.locator('#refRun').isDisabled()).resolves.toBe(true);
    await release();
    await page.locator('#refResultBox').waitFor({ state: 'visible' });

    await expect(page.locator('#refResult').innerText()).resolves.toBe('Строк 3: добавлено 1, обновлено 1, без изменений 1');
    const items = await page.locator('#refProblems li').allInnerTexts();
    expect(items).toHaveLength(20);
    expect(items[0]).toBe(`Файл: Неизвестные столбцы пропущены: «${HOSTILE}»`);
    expect(items[1]).toBe('Строка 5: Строка пропущена: не заполнено «ФИО»');
    await expect(page.locator('#refMore').innerText()).resolves.toBe('И ещё 3 замечаний.');
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.locator('#refRun').isEnabled()).resolves.toBe(true);
    await expect(page.locator('#message').isVisible()).resolves.toBe(false);
    await saveScreenshot(page, 'import-reference-problems');

    const staff = rowsOf(wb, 'staff');
    expect(staff.find((r) => r['ФИО'] === 'Петров Пётр Ильич')!['Предмет']).toBe('Астрономия');
    expect(staff.find((r) => r['ФИО'] === 'Новикова Вера Петровна')).toMatchObject({ 'Код ОО': 'ОО-1', Предмет: 'Химия' });
    expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  test('a user taken off the access list is refused in the error box; nothing is loaded', async () => {
    const wb = openReferenceWorkbook();
    const { page, errors, refusal } = await openThenLoseAccess(browser(), wb, 'menuShowImport');
    await chooseReference(page);
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await page.locator('#message.box.error', { hasText: refusal }).waitFor();
    await expect(page.locator('#refResultBox').isVisible()).resolves.toBe(false);
    await expect(page.locator('#refRun').isEnabled()).resolves.toBe(true);
    await saveScreenshot(page, 'import-refused');
    expect(rowsOf(wb, 'staff').map((r) => r['ФИО'])).not.toContain('Новикова Вера Петровна');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('without a file nothing is sent', async () => {
    const wb = openReferenceWorkbook();
    const { page, calls } = await openBundlePage(browser(), wb, 'menuShowImport');
    await page.getByLabel('Справочники').check();
    await page.getByRole('button', { name: 'Загрузить справочник' }).click();
    await expect(page.locator('#message').innerText()).resolves.toBe('Выберите CSV-файл справочника.');
    expect(calls).not.toContain('rpcImportReference');
    await page.close();
  });
});
