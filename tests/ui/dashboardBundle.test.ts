// The HTML dashboard through the real bundle, in Chromium: the dialog «Маршрут → Дашборд…» and the web app (doGet)
// serve the same self-contained page with the data embedded. Filters by year and ОО change the charts; markup in an
// ОО name or an event title is shown as text; a visitor off the access list gets a refusal page with no data in it;
// no roster name or e-mail ever reaches the page. Laptop and phone screenshots go to out/screenshots.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importFolder } from '../../src/local/importFolder';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { createLocalRuntime } from '../../src/local/runtime';
import { readBuild } from '../../src/local/localWorkbook';
import { loadBundle } from '../../src/local/sandbox';
import { BUILD, FIXED_NOW, openBuiltWorkbook } from '../support/e2eBuild';
import { KPI_FILES } from '../support/kpiFixture';
import { openBundlePage, openHtml, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(90_000);

const browser = suiteBrowser();
const OWNER = 'metodist@klin.example';
// Closes the JSON's <script> if it were embedded unescaped, then runs script through an image if put in as markup.
const HOSTILE = '</script><img src=x onerror=alert(1)>';
const LAPTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

// The klin fixture, plus an ОО and an event whose names carry markup, and teachers with e-mails.
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-dashboard-ui-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ROSTER_EXTRA = [
  ['Захарова Зоя Львовна', 'Ш1', 'Учитель', 'Русский язык', '02.02.1990', '01.09.2015', '', 'zaharova@klin.example', '', '', '', 'Реестр'],
  ['Яковлев Ян Янович', 'Х', 'Учитель', 'Музыка', '03.03.1988', '01.09.2012', '', 'yakovlev@klin.example', '', '', '', 'Реестр'],
];
const folder = (() => {
  const dir = join(tmp, 'data');
  mkdirSync(dir, { recursive: true });
  const files = { ...KPI_FILES };
  files['organizations.csv'] += `Х,${HOSTILE},Клин,Школа,,,\r\n`;
  files['staff.csv'] += ROSTER_EXTRA.map((r) => r.join(',')).join('\r\n') + '\r\n';
  files['events.csv'] += `01.01.2024 8:05:00,${HOSTILE},Семинар,Школьный,14.05.2024,,Очно,${HOSTILE},,,,,Проведено,,\r\n`;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
})();

/** Every person and e-mail the registers hold: none may reach a dashboard page. */
function rosterTexts(): string[] {
  const texts = new Set<string>();
  for (const file of ['staff.csv', 'iom.csv', 'participation.csv', 'mentoring.csv', 'diagnostics.csv']) {
    for (const line of KPI_FILES[file]!.split('\r\n').slice(1)) {
      for (const cell of line.split(','))
        if (/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+/.test(cell) || cell.includes('@')) texts.add(cell.split(' ')[0]!);
    }
  }
  for (const r of ROSTER_EXTRA) texts.add(r[0]!.split(' ')[0]!).add(r[7]!);
  return [...texts];
}

function municipality(): LocalWorkbook {
  const wb = openBuiltWorkbook({ user: OWNER });
  wb.menu('menuSetupWorkbook');
  importFolder(wb, folder);
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  return wb;
}

const bars = (page: Page, chart: string) =>
  page.$$eval(`#${chart} .bar-row`, (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-label'), Number(r.getAttribute('data-value'))])),
  );
const monthTotals = (page: Page) => page.$$eval('#eventsChart g.month', (gs) => gs.map((g) => Number(g.getAttribute('data-total'))));

function expectNoRoster(html: string): void {
  const found = rosterTexts().filter((t) => html.includes(t));
  expect(found).toEqual([]);
}

describe('the dialog «Маршрут → Дашборд…»', () => {
  const wb = municipality();

  test('opens on the indicators’ year for all ОО; the year and ОО filters change every chart', async () => {
    const { page, errors, dialogs } = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    expect(wb.runtime.ui.dialogs.at(-1)).toMatchObject({ modal: true, title: 'Дашборд: Клин', width: 1100, height: 760 });
    await page.locator('#dashboard').waitFor();
    await expect(page.locator('#title').innerText()).resolves.toBe('Дашборд: Клин');
    await expect(page.locator('#year').inputValue()).resolves.toBe('2024');
    await expect(page.locator('#unit').inputValue()).resolves.toBe('');
    await expect(page.locator('#indicatorsChart .kpi-row').count()).resolves.toBe(11);
    await expect(page.locator('.kpi-row[data-code="8.1"] .badge').innerText()).resolves.toBe('Не выполнен');
    // 2 certified teachers of 7 (the fixture's 5 and two more here); in 2023 none was certified: the arrow is up.
    await expect(page.locator('.kpi-row[data-code="3"] .kpi-figures').innerText()).resolves.toBe(
      'Факт: 28,6 % · план: ≥ 30 % · год назад: 0 % (↑ +28,6 п. п.)',
    );
    // 2024, all ОО: Иванова (Реализован), Петров (Реализуется), Новиков (Разработан).
    expect(await bars(page, 'iomChart')).toMatchObject({ Разработан: 1, Реализуется: 1, Реализован: 1, 'Не реализован': 0 });
    // Held: Feb (courses), Mar (council), Apr (contest), May (the hostile seminar), Oct (school of young teachers).
    expect(await monthTotals(page)).toEqual([0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0]);
    expect(await bars(page, 'pairsChart')).toMatchObject({ 'Педагог — молодой специалист': 1, 'Руководитель — руководитель': 1 });
    await saveScreenshot(page, 'dashboard-laptop');

    // One ОО: Ш1's teachers (Иванова, Петров); the indicators show Ш1's values against the common plan.
    await page.selectOption('#unit', 'Ш1');
    expect(await bars(page, 'iomChart')).toMatchObject({ Разработан: 0, Реализуется: 1, Реализован: 1 });
    expect(await bars(page, 'pairsChart')).toMatchObject({ 'Педагог — молодой специалист': 1, 'Руководитель — руководитель': 0 });
    expect(await monthTotals(page)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]); // Ш1 organised the October school
    await expect(page.locator('.kpi-row[data-code="8.1"]').getAttribute('data-value')).resolves.toBe('0'); // no IOM of Ш1 follows a diagnostic (kpiFixture, 8.1)
    await expect(page.locator('#indicatorsNote').innerText()).resolves.toContain('Значения по «МОУ «Школа № 1»»; план — общий.');

    // Another year: 2023 — Кузнецов's IOM (Ш2), the pair Иванова → Петров since September.
    await page.selectOption('#unit', '');
    await page.selectOption('#year', '2023');
    expect(await bars(page, 'iomChart')).toMatchObject({ Разработан: 0, Реализуется: 0, Реализован: 1 });
    expect(await bars(page, 'pairsChart')).toMatchObject({ 'Педагог — молодой специалист': 1, 'Руководитель — руководитель': 0 });
    // No event held in 2023: said in words, not an empty chart with an axis 0–1 (issue 19 p.3).
    expect(await monthTotals(page)).toEqual([]);
    await expect(page.locator('#eventsChart').innerText()).resolves.toBe(
      'В 2023 году мероприятий не было (в журнале нет проведённых мероприятий этого года).',
    );
    await expect(page.locator('#indicatorsNote').innerText()).resolves.toContain('Выбран 2023 год');
    // Every tile of the chosen year: the indicators were computed for 2024, so their tile says so.
    await expect(page.locator('#cards').innerText()).resolves.toBe(
      '—\nпоказатели в 2023 году не рассчитаны (рассчитаны за 2024 год)\n1\nИОМ в 2023 году\n0\nмероприятий проведено в 2023 году\n1\nдействующая пара наставничества в 2023 году',
    );
    expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
    await page.close();
  });

  test('markup in an ОО name and an event title stays text: no element is made, no script runs', async () => {
    const { page, errors, dialogs } = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    await page.locator('#dashboard').waitFor();
    const hostileOption = page.locator('#unit option[value="Х"]');
    await expect(hostileOption.innerText()).resolves.toBe(`Х — ${HOSTILE}`);
    await page.selectOption('#unit', 'Х');
    expect(await monthTotals(page)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]); // its seminar in May
    await expect(page.locator('#iomNote').innerText()).resolves.toContain(HOSTILE);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await page.waitForTimeout(200);
    expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
    await page.close();
  });

  test('readable on a phone: one column, nothing wider than the screen', async () => {
    const { page, errors } = await openBundlePage(browser(), wb, 'menuShowDashboard', PHONE);
    await page.locator('#dashboard').waitFor();
    const widths = (await page.evaluate('({ page: document.documentElement.scrollWidth, screen: window.innerWidth })')) as {
      page: number;
      screen: number;
    };
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    const [iom, pairs] = await Promise.all([page.locator('#iomPanel').boundingBox(), page.locator('#pairsPanel').boundingBox()]);
    expect(pairs!.y).toBeGreaterThan(iom!.y + iom!.height - 1); // stacked, not side by side
    await saveScreenshot(page, 'dashboard-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('no roster name or e-mail is in the page, before or after it renders', async () => {
    const { page } = await openBundlePage(browser(), wb, 'menuShowDashboard', LAPTOP);
    await page.locator('#dashboard').waitFor();
    expectNoRoster(wb.runtime.ui.dialogs.at(-1)!.html);
    expectNoRoster(await page.content());
    await page.close();
  });

  test('a user off the access list gets «Нет доступа», not the dialog', () => {
    const dialogs = wb.runtime.ui.dialogs.length;
    wb.runtime.setActiveUser('stranger@x.ru');
    try {
      wb.menu('menuShowDashboard');
    } finally {
      wb.runtime.setActiveUser(OWNER);
    }
    expect(wb.runtime.ui.dialogs).toHaveLength(dialogs);
    expect(wb.runtime.ui.alerts.at(-1)?.message).toMatch(/^Нет доступа: stranger@x\.ru нет в списке доступа/);
  });
});

describe('the web app (doGet)', () => {
  const wb = municipality();
  wb.rpc('rpcSettingsSaveAccess', { emails: ['ministry@edu.example'] });
  const visit = (user: string) => {
    wb.runtime.setActiveUser(user);
    try {
      return wb.sandbox.call('doGet', { parameter: {} }) as GoogleAppsScript.HTML.HtmlOutput;
    } finally {
      wb.runtime.setActiveUser(OWNER);
    }
  };

  test('a visitor on the access list sees the same page, sized for a phone', async () => {
    const output = visit('Ministry@edu.example');
    expect(output.getTitle()).toBe('Маршрут — дашборд: Маршрут — муниципальная книга');
    expect((output as unknown as { metaTags: unknown[] }).metaTags).toEqual([
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
    ]);
    const html = output.getContent();
    expectNoRoster(html);
    const { page, errors } = await openHtml(browser(), wb, html, PHONE);
    await page.locator('#dashboard').waitFor();
    await expect(page.locator('#indicatorsChart .kpi-row').count()).resolves.toBe(11);
    await page.selectOption('#unit', 'Ш2');
    expect(await bars(page, 'iomChart')).toMatchObject({ Разработан: 1, Реализуется: 0, Реализован: 0 }); // Новиков
    await saveScreenshot(page, 'dashboard-webapp-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a visitor off the list gets a clear refusal page with no data in it', async () => {
    const html = visit('stranger@x.ru').getContent();
    for (const text of ['Школа № 1', 'Клин', 'Учебно-методический', 'klin', OWNER, ...rosterTexts()])
      expect({ text, found: html.includes(text) }).toEqual({ text, found: false });
    const { page, errors } = await openHtml(browser(), wb, html, PHONE);
    await expect(page.locator('#refusal').innerText()).resolves.toBe(
      'Нет доступа: адреса stranger@x.ru нет в списке доступа этой книги. Дашборд видят только адреса из списка: попросите владельца книги добавить вас.',
    );
    await expect(page.locator('#dashboard').isVisible()).resolves.toBe(false);
    await saveScreenshot(page, 'dashboard-refusal');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a visitor Google does not name (a web app run «as me» for another domain) is refused, not taken for the owner', () => {
    // Deployed «Execute as: Me»: the script's effective user is the owner whoever visits, and Google leaves the active
    // user's e-mail empty for a visitor from another domain (developers.google.com/apps-script/guides/web#permissions,
    // …/reference/base/session#getActiveUser()). The local Session has one user for both: modelled here.
    const { code, htmlFiles } = readBuild(BUILD);
    const runtime = createLocalRuntime({ activeUserEmail: OWNER, htmlFiles, now: FIXED_NOW });
    const session = runtime.globals.Session as GoogleAppsScript.Base.Session;
    runtime.globals.Session = {
      getActiveUser: () => session.getActiveUser(),
      getEffectiveUser: () => ({ getEmail: () => OWNER }),
      getScriptTimeZone: () => session.getScriptTimeZone(),
      getActiveUserLocale: () => session.getActiveUserLocale(),
      getTemporaryActiveUserKey: () => session.getTemporaryActiveUserKey(),
    };
    const sandbox = loadBundle(code, runtime);
    const spreadsheet = runtime.spreadsheets.create('Маршрут — региональная книга');
    runtime.spreadsheets.setActive(spreadsheet);
    sandbox.call('menuSetupWorkbook');
    runtime.setActiveUser('');
    const html = (sandbox.call('doGet', { parameter: {} }) as GoogleAppsScript.HTML.HtmlOutput).getContent();
    expect(html).toContain('Не удалось узнать ваш адрес Google');
    expect(html).not.toContain('"data"');
  });
});

describe('the add-on’s one web app: the workbook the link’s ?id= names', () => {
  // Issue 16 p.5: an add-on's web app is one deployment for every workbook. It runs outside all of them (no container,
  // no document properties): the workbook is opened by id as the visitor and checked against its own access list.
  const MINISTRY = 'ministry@edu.example';
  const klin = municipality();
  const runtime = klin.runtime;
  // A second workbook in the same Drive: the region, set up by the same methodist, with the ministry on its list.
  const region = runtime.spreadsheets.create('Маршрут — региональная книга');
  runtime.spreadsheets.setActive(region);
  klin.menu('menuSetupRegionalWorkbook');
  klin.rpc('rpcSettingsSaveAccess', { emails: [MINISTRY] });
  const noteBook = runtime.spreadsheets.create('Таблица без «Маршрута»');
  runtime.spreadsheets.setActive(klin.spreadsheet);

  /** The visitor opens the web app's link: no active spreadsheet, as Google runs an add-on's web app. */
  const visit = (user: string, parameter: Record<string, string>) => {
    const active = SpreadsheetAppOf(runtime).getActiveSpreadsheet();
    runtime.setActiveUser(user);
    runtime.spreadsheets.setActive(null);
    try {
      return klin.sandbox.call('doGet', { parameter }) as GoogleAppsScript.HTML.HtmlOutput;
    } finally {
      runtime.setActiveUser(OWNER);
      runtime.spreadsheets.setActive(active);
    }
  };
  const refusalOf = async (output: GoogleAppsScript.HTML.HtmlOutput) => {
    const html = output.getContent();
    expect(html).not.toContain('"data"');
    const { page, errors } = await openHtml(browser(), klin, html, PHONE);
    const text = await page.locator('#refusal').innerText();
    expect(errors).toEqual([]);
    await page.close();
    return text;
  };

  test('a visitor on that workbook’s list sees that workbook’s dashboard (the region’s, with its own kind)', async () => {
    const output = visit(MINISTRY, { id: region.getId() });
    expect(output.getTitle()).toBe('Маршрут — дашборд: Маршрут — региональная книга');
    const { page, errors } = await openHtml(browser(), klin, output.getContent(), LAPTOP);
    await page.locator('#dashboard').waitFor();
    // A regional dashboard: its units are municipalities — the kind came with the region's access, not from Клин.
    await expect(page.locator('#unit option').first().innerText()).resolves.toBe('Весь регион');
    await expect(page.locator('#share').isVisible()).resolves.toBe(false); // the web app's own page offers no link
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the same visitor is refused Клин, whose list does not have her, with today’s page; its owner is not', async () => {
    await expect(refusalOf(visit(MINISTRY, { id: klin.spreadsheet.getId() }))).resolves.toBe(
      `Нет доступа: адреса ${MINISTRY} нет в списке доступа этой книги. Дашборд видят только адреса из списка: попросите владельца книги добавить вас.`,
    );
    expect(visit(OWNER, { id: klin.spreadsheet.getId() }).getTitle()).toBe('Маршрут — дашборд: Маршрут — муниципальная книга');
  });

  test('the owner’s change of the list reaches the web app: taken off, the ministry is refused the region', async () => {
    runtime.spreadsheets.setActive(region);
    try {
      klin.rpc('rpcSettingsSaveAccess', { emails: [] });
      expect(visit(MINISTRY, { id: region.getId() }).getContent()).not.toContain('"data"');
      klin.rpc('rpcSettingsSaveAccess', { emails: [MINISTRY] });
      expect(visit(MINISTRY, { id: region.getId() }).getContent()).toContain('"data"');
    } finally {
      runtime.spreadsheets.setActive(klin.spreadsheet);
    }
  });

  test('no id, a damaged id, a file that is not there or not shared, a spreadsheet without «Маршрут»: a Russian refusal', async () => {
    await expect(refusalOf(visit(MINISTRY, {}))).resolves.toBe(
      'В ссылке не указана книга. Откройте дашборд по полной ссылке: её копируют в самой книге, в «Маршрут → Дашборд…».',
    );
    await expect(refusalOf(visit(MINISTRY, { id: '../etc"<b>' }))).resolves.toBe(
      'Ссылка на дашборд повреждена: в ней неверный номер книги. Скопируйте ссылку заново в самой книге, в «Маршрут → Дашборд…».',
    );
    const unreadable = `Книга по этой ссылке не открывается для ${MINISTRY}: её удалили или не открыли вам доступ. Попросите владельца книги открыть её вам хотя бы на просмотр.`;
    await expect(refusalOf(visit(MINISTRY, { id: '1NoSuchSpreadsheet000' }))).resolves.toBe(unreadable);
    runtime.spreadsheets.restrictTo(region, [OWNER]);
    try {
      await expect(refusalOf(visit(MINISTRY, { id: region.getId() }))).resolves.toBe(unreadable);
    } finally {
      runtime.spreadsheets.restrictTo(region, [OWNER, MINISTRY]);
    }
    await expect(refusalOf(visit(OWNER, { id: noteBook.getId() }))).resolves.toBe(
      'Дашборд этой книги ещё не открыт по ссылке. Попросите владельца книги один раз выполнить «Маршрут → Настроить книгу» (данные не изменятся) и прислать ссылку снова.',
    );
  });

  test('the dialog «Маршрут → Дашборд…» offers the workbook’s link to copy', async () => {
    const scriptApp = runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    // Google's URL of a versioned deployment, the workbook named by its id.
    const link = `https://script.google.com/macros/s/AKfyc${scriptApp.getScriptId()}/exec?id=${klin.spreadsheet.getId()}`;
    const { page, errors, dialogs } = await openBundlePage(browser(), klin, 'menuShowDashboard', LAPTOP);
    await page.locator('#dashboard').waitFor();
    await expect(page.locator('#shareLink').inputValue()).resolves.toBe(link);
    await page.click('#shareCopy');
    await expect(page.locator('#shareNote').innerText()).resolves.toBe('Ссылка скопирована: вставьте её в письмо.');
    // The copy selected the whole link (what Ctrl+C takes when the browser refuses the copy).
    const selected =
      "(() => { const i = document.getElementById('shareLink'); return i.value.slice(i.selectionStart, i.selectionEnd); })()";
    await expect(page.evaluate(selected)).resolves.toBe(link);
    await saveScreenshot(page, 'dashboard-share-link');
    // The link opens the same workbook's dashboard in the web app, for its owner.
    expect(visit(OWNER, Object.fromEntries(new URL(link).searchParams)).getTitle()).toBe(
      'Маршрут — дашборд: Маршрут — муниципальная книга',
    );
    expect({ errors, dialogs }).toEqual({ errors: [], dialogs: [] });
    await page.close();
  });
});

const SpreadsheetAppOf = (runtime: LocalWorkbook['runtime']) =>
  runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
