// The guide's installation steps (docs/руководство.md §1) where they happen in the product: the menu «Маршрут» as
// onOpen builds it, and the workbook after «Настроить книгу» — the local runtime's recorded UI drawn in Chromium
// (the sheet tabs, the menu, the alert, all as textContent) and saved for `npm run screenshots`.
import type { Page } from 'playwright-core';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import type { MenuRecord } from '../../src/local/fakes/context';
import { openBuiltWorkbook } from '../support/e2eBuild';
import { RUSSIAN } from '../support/browser';
import { saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(60_000);
const browser = suiteBrowser();

type Picture = { path: string[]; items: string[]; tabs: string[]; alert: string | null; title: string };

function picture(wb: LocalWorkbook): Picture {
  const menu = wb.runtime.ui.menus.slice(-1)[0] as MenuRecord;
  const alert = wb.runtime.ui.alerts.slice(-1)[0];
  return {
    title: wb.spreadsheet.getName(),
    // An add-on's menu sits under «Расширения»; a bound script's is a menu of its own.
    path: menu.addon ? ['Расширения', menu.title] : [menu.title],
    items: menu.items.map((i) => ('caption' in i ? i.caption : 'subMenu' in i ? `${i.subMenu.title} ▸` : '—')),
    tabs: wb.spreadsheet.getSheets().map((s) => s.getName()),
    alert: alert ? [alert.title, alert.message].filter(Boolean).join('\n') : null,
  };
}

/** The spreadsheet's frame as the runtime recorded it; every text goes in as textContent. */
async function draw(p: Picture): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 900, height: 560 }, ...RUSSIAN });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body{margin:0;font:14px Arial,sans-serif;background:#f8f9fa} #title{padding:10px 16px;font-size:18px}
    #bar{display:flex;gap:14px;padding:4px 16px;border-bottom:1px solid #ddd} #bar span.on{background:#e8f0fe;border-radius:4px;padding:0 6px}
    #menu{position:absolute;top:70px;left:16px;background:#fff;box-shadow:0 2px 8px #0003;min-width:300px;padding:6px 0}
    #menu div{padding:6px 16px} #menu div.sep{border-top:1px solid #ddd;padding:0;margin:4px 0}
    #grid{height:340px;background:repeating-linear-gradient(#fff 0 20px,#eee 20px 21px)}
    #tabs{display:flex;flex-wrap:wrap;gap:2px;padding:4px 16px;background:#f1f3f4} #tabs span{padding:4px 8px;background:#fff;font-size:12px}
    #alert{position:absolute;top:120px;left:380px;width:420px;background:#fff;box-shadow:0 4px 16px #0004;padding:20px;white-space:pre-wrap}
  </style><div id="title"></div><div id="bar"></div><div id="menu" hidden></div><div id="grid"></div><div id="tabs"></div><div id="alert" hidden></div>`);
  await page.evaluate((p: Picture) => {
    // Runs in the page (the tests compile without the DOM's types).
    const doc = (globalThis as any).document;
    const el = (tag: string, text: string, cls = '') => Object.assign(doc.createElement(tag), { textContent: text, className: cls });
    doc.getElementById('title')!.textContent = p.title;
    const bar = doc.getElementById('bar')!;
    for (const name of ['Файл', 'Правка', 'Вид', 'Вставка', 'Формат', 'Данные', 'Инструменты', 'Расширения', 'Справка'])
      if (name !== 'Расширения' || p.path[0] === 'Расширения') bar.append(el('span', name, name === p.path[0] ? 'on' : ''));
    if (p.path[0] !== 'Расширения') bar.append(el('span', p.path[0]!, 'on'));
    if (!p.alert) {
      const menu = doc.getElementById('menu')!;
      menu.hidden = false;
      if (p.path.length > 1) menu.append(el('div', `${p.path[1]} ▸`));
      for (const item of p.items) menu.append(item === '—' ? el('div', '', 'sep') : el('div', item));
    }
    for (const tab of p.tabs) doc.getElementById('tabs')!.append(el('span', tab));
    if (p.alert) Object.assign(doc.getElementById('alert')!, { hidden: false, textContent: p.alert });
  }, p);
  return page;
}

test('installed: the menu «Маршрут» offers «Настроить книгу» first', async () => {
  const wb = openBuiltWorkbook();
  const p = picture(wb);
  expect(p.items[0]).toBe('Настроить книгу');
  const page = await draw(p);
  await expect(page.locator('#menu div').first().innerText()).resolves.toMatch(/Настроить книгу|Маршрут ▸/);
  await saveScreenshot(page, 'install-menu');
  await page.close();
});

test('after «Настроить книгу»: the registers are tabs and the alert says what was made', async () => {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const p = picture(wb);
  expect(p.tabs).toEqual(expect.arrayContaining(['Организации', 'Педагоги', 'ИОМ', 'Мероприятия', 'Настройки']));
  expect(p.tabs).not.toContain('Лист1');
  expect(p.alert ?? wb.runtime.ui.toasts.slice(-1)[0]?.message).toMatch(/^Книга настроена/m);
  const page = await draw(p.alert ? p : { ...p, alert: wb.runtime.ui.toasts.slice(-1)[0]!.message });
  await expect(page.locator('#tabs span').allInnerTexts()).resolves.toEqual(p.tabs);
  await saveScreenshot(page, 'install-setup');
  await page.close();
});
