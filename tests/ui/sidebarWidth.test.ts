// Every sidebar fits Google's 300 px panel (issue 19 point 1): opened through the real bundle at 300 px with the data
// that makes a page widest — a long preset title, a long school name, many indicators, a wide CSV, long reasons — the
// page has no horizontal scrollbar and no element pokes out on the right. A new sidebar is one line of SIDEBARS.
import type { Page } from 'playwright-core';
import { workbookUrl } from '../../src/core/region/workbookId';
import { FORMS, type FormId } from '../../src/core/schema/forms';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { aTickLater, openBuiltWorkbook, sheetOf, STAFF_CSV } from '../support/e2eBuild';
import { fitOf } from '../support/fits';
import { LONG_EMAIL, LONG_MUNICIPALITY, LONG_SCHOOL, LONG_URL } from '../support/longValues';
import { addMunicipality, openRegionalWorkbook } from '../support/region';
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(120_000);

const browser = suiteBrowser();
const WIDTH = 300;

const ORGS = [
  'Код ОО,Наименование,Муниципалитет,Тип ОО,Статусы,Численность работников (ОО-1),Email координатора',
  `ОО-1,${LONG_SCHOOL.replace(/"/g, '""')},Клин,Школа,ШНОР,60,${LONG_EMAIL}`,
  'ОО-2,МДОУ «Детский сад «Ромашка»»,Клин,Детский сад,,30,',
  'МС,МУ «Учебно-методический центр»,Клин,Методическая служба,,8,',
].join('\n');
const STAFF = STAFF_CSV.replace('Иванова Ирина Петровна', 'Константинопольская-Верхнеднепровская Ирина Петровна');

function municipality(): LocalWorkbook {
  const wb = openBuiltWorkbook({ user: 'metodist@klin.example' });
  wb.menu('menuSetupWorkbook');
  wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS });
  wb.rpc('rpcImportReference', { sheet: 'staff', csvText: STAFF });
  wb.menu('menuCreateForms');
  return wb;
}

function submit(wb: LocalWorkbook, form: FormId, answers: Record<string, string | string[] | Date>, imported = false): void {
  const target = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS[form].title)!;
  wb.runtime.forms.submit(target, {
    answers,
    email: 'coordinator@klin.example',
    ...(imported ? { imported, timestamp: new Date(2025, 8, 12) } : {}),
  });
  aTickLater(wb);
}

const IOM = {
  'ФИО педагога': 'Константинопольская-Верхнеднепровская Ирина Петровна',
  'Образовательная организация': LONG_SCHOOL,
  Должность: 'Учитель',
  'Выявленные профессиональные дефициты': ['Методические', 'Цифровые (ИКТ)'],
  'Мероприятия ИОМ': ['Стажировка', 'Наставничество'],
  'Начало реализации ИОМ': new Date(2025, 8, 15),
  'Окончание реализации ИОМ': new Date(2026, 4, 31),
  'Куратор ИОМ': 'Орлова Мария Андреевна',
  'Статус ИОМ': 'Разработан',
};

/** A wide CSV: long titles, a long unbroken value, more columns than the form has questions. */
const WIDE_CSV = [
  'Отметка времени,Название мероприятия,Вид мероприятия,Уровень,Дата начала,Примечание методиста к мероприятию муниципального уровня,Ссылка',
  `12.09.2025 10:15:00,Семинар-практикум «Формирование функциональной грамотности обучающихся на уроках естественнонаучного цикла»,Семинар,Муниципальный,15.09.2025,перенесён с весны,https://docs.example.org/very/long/path/without/any/spaces/at/all/that/would/let/it/wrap/anywhere.pdf`,
].join('\r\n');

interface Sidebar {
  readonly name: string;
  /** The workbook, with the data that makes the page widest. */
  readonly workbook: () => LocalWorkbook;
  readonly menu: string;
  /** Brings the page to its widest state (the data shown, a row opened) and waits for it. */
  readonly fill: (page: Page) => Promise<void>;
}

const SIDEBARS: readonly Sidebar[] = [
  {
    name: 'indicators',
    workbook: () => {
      const wb = municipality();
      submit(wb, 'iom', IOM);
      return wb;
    },
    menu: 'menuShowIndicators',
    fill: async (page) => {
      await page.locator('#preset option[value="yartsevo"]').waitFor({ state: 'attached' });
      // The longest title of the presets, with many indicators; then a row opened with who is not covered.
      await page.locator('#preset').selectOption('yartsevo');
      // Cut in the dropdown, the title is written out in full under it.
      await expect(page.locator('#presetTitle').innerText()).resolves.toBe(
        'Ярцевский район: программа развития ММС 2021–2025 (факты без плановых значений)',
      );
      await page.locator('#loadPreset').click();
      await page.locator('#kpi tbody tr').first().waitFor();
      await page.locator('#kpi tbody tr').first().click();
      await page.locator('#showUncovered').click();
      await page.locator('#uncoveredBox:not(.hidden)').waitFor();
      await page.locator('#loading.hidden').waitFor({ state: 'attached' });
    },
  },
  {
    name: 'import',
    workbook: municipality,
    menu: 'menuShowImport',
    fill: async (page) => {
      await page.locator('#form').selectOption('events');
      await page.locator('#file').setInputFiles({ name: 'Мероприятия.csv', mimeType: 'text/csv', buffer: Buffer.from(WIDE_CSV) });
      await page.locator('#step2').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'iom',
    workbook: () => {
      const wb = municipality();
      submit(wb, 'iom', IOM);
      wb.spreadsheet.setActiveSelection(sheetOf(wb, 'ИОМ').getRange(2, 1, 1, 3));
      return wb;
    },
    menu: 'menuShowIom',
    fill: async (page) => {
      await page.locator('#view:not(.hidden)').waitFor();
    },
  },
  {
    name: 'quarantine',
    workbook: () => {
      const wb = municipality();
      submit(wb, 'iom', { ...IOM, 'Начало реализации ИОМ': '', 'Образовательная организация': `${LONG_SCHOOL} (филиал)` }, true);
      return wb;
    },
    menu: 'menuShowQuarantine',
    fill: async (page) => {
      await page.locator('.quarantine-row').first().click();
      await page.locator('#editorView:not(.hidden) #answersForm input').first().waitFor();
    },
  },
  {
    name: 'settings',
    workbook: municipality,
    menu: 'menuShowSettings',
    fill: async (page) => {
      await page.locator('#view:not(.hidden)').waitFor();
      await page.locator('#digestCoordinators *').first().waitFor();
    },
  },
  {
    name: 'roadmap',
    workbook: () => {
      const wb = municipality();
      const roadmap = [
        'Пункт,Мероприятие,Срок,Ответственный,Вид',
        `1.1,Отчёт ${LONG_URL},"Август 2025 г., август 2026 г.",${LONG_SCHOOL.replace(/"/g, '""')},Отчёт`,
        '1.2,Семинар наставников,ежеквартально в течение всего срока реализации программы,ММС,Мероприятие',
      ].join('\n');
      wb.rpc('rpcImportReference', { sheet: 'roadmap', csvText: roadmap });
      return wb;
    },
    menu: 'menuShowRoadmap',
    fill: async (page) => {
      await page.locator('.item').first().waitFor();
    },
  },
  {
    name: 'region',
    workbook: () => {
      const region = openRegionalWorkbook({ user: 'metodist@klin.example' });
      const long = addMunicipality(region, LONG_MUNICIPALITY, { orgs: ORGS });
      region.rpc('rpcRegionAdd', { lines: [workbookUrl(long.getId()), 'моя-таблица-муниципалитета-без-пробелов-очень-длинная'] });
      region.rpc('rpcRegionRefresh');
      return region;
    },
    menu: 'menuShowRegion',
    fill: async (page) => {
      await page.locator('#totals tbody tr').first().waitFor();
    },
  },
];

/**
 * What a new block of a page is usually made of (a warning, a table, buttons, a field, a row of text and a badge),
 * with the longest values it may hold: the shared style alone (common.css) keeps it within the panel.
 */
async function addTypicalBlock(page: Page): Promise<void> {
  const long = JSON.stringify({ email: LONG_EMAIL, url: LONG_URL });
  await page.evaluate(`(() => {
    const long = ${long};
    const make = (tag, text, className) => {
      const node = document.createElement(tag);
      if (text) node.textContent = text;
      if (className) node.className = className;
      return node;
    };
    const block = make('section');
    block.append(make('div', 'Триггер рассылки принадлежит ' + long.email + ': ' + long.url, 'box warning'));
    const table = make('table');
    const head = make('tr');
    ['Код', 'Владелец', 'Ссылка', 'Статус'].forEach((h) => head.append(make('th', h)));
    const row = make('tr');
    ['2.1.1', long.email, long.url, 'Не выполнен'].forEach((v) => row.append(make('td', v)));
    table.append(head, row);
    const actions = make('div', '', 'row-actions');
    actions.append(make('button', 'Передать триггеры рассылки текущему пользователю книги'), make('button', long.email));
    const line = make('div');
    line.style.display = 'flex';
    line.append(make('span', long.email), make('span', 'Не выполнен', 'badge'));
    const select = make('select');
    select.append(make('option', long.url + ' ' + long.url));
    block.append(table, actions, line, make('label', long.email), make('input'), select, make('textarea'));
    document.body.append(block);
  })()`);
}

test.each(SIDEBARS.map((s) => [s.name, s] as const))('the %s sidebar fits 300 px', async (name, sidebar) => {
  const wb = sidebar.workbook();
  const { page, errors } = await openBundlePage(browser(), wb, sidebar.menu, { width: WIDTH, height: 900 });
  await sidebar.fill(page);
  await saveScreenshot(page, `width-${name}`);
  // The page's own width (a horizontal scrollbar when wider), then every element's right edge.
  await expect(fitOf(page, WIDTH)).resolves.toEqual({ scrollWidth: 'fits', outside: [] });
  // A block another page adds with the shared style only (a trigger owner's warning, a table of links) fits too.
  await addTypicalBlock(page);
  await expect(fitOf(page, WIDTH)).resolves.toEqual({ scrollWidth: 'fits', outside: [] });
  expect(errors).toEqual([]);
  await page.close();
});
