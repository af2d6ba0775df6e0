// «Маршрут → Настройки…», the digest section, through the real bundle in Chromium: the owner turns the monthly
// letters on and off and edits who gets them; an editor on the access list sees it read-only and the server refuses
// her changes; someone off the list is refused everything. And the letters themselves, opened as a mail client
// would: a name that is HTML shows as text and runs nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBundlePage, openHtml, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { rowsOf, scheduledJobs, valuesOf } from '../support/e2eBuild';
import { digestWorkbook, HOSTILE, MINISTRY, OWNER } from '../support/digestFixture';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-digest-ui-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EDITOR = 'zavuch@klin.example';
const clock = () => ({ now: new Date(2025, 0, 15, 10, 0) });
/** The digests' row of the scheduler's table, if they are on (the scheduler's one trigger serves it). */
const digestHandlers = (wb: ReturnType<typeof digestWorkbook>) => Object.keys(scheduledJobs(wb)).filter((name) => name === 'digest');
const setting = (wb: ReturnType<typeof digestWorkbook>, key: string) => valuesOf(wb, 'Настройки').find((r) => r[0] === key)?.[1];
const preview = (wb: ReturnType<typeof digestWorkbook>) => wb.rpc<{ to: string; html: string }[]>('rpcDigestPreview', { month: '2024-12' });

test('the owner turns the letters on, switches a coordinator off, adds a ministry address, turns them off', async () => {
  const wb = digestWorkbook(tmp, clock());
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  const coordinators = page.locator('#digestCoordinators label.coordinator');
  await coordinators.first().waitFor();
  await expect(coordinators.allInnerTexts()).resolves.toEqual([
    'ДС · МДОУ «Детский сад № 3»\nds@klin.example',
    'ДС · МДОУ «Детский сад № 3»\nds-zam@klin.example',
    'Ш1 · МОУ «Школа № 1»\nsh1@klin.example',
    'Ш2 · МОУ «Школа № 2»\nsh2@klin.example',
  ]);
  await expect(page.locator('#digestNoCoordinator').innerText()).resolves.toContain('УМЦ');
  await expect(page.locator('#digestStatus').innerText()).resolves.toBe('Рассылка выключена: письма не отправляются.');
  await expect(page.locator('#digestMethodists').inputValue()).resolves.toBe(OWNER);

  await page.getByRole('button', { name: 'Включить рассылку' }).click();
  await page.locator('#message', { hasText: 'Ежемесячная рассылка включена.' }).waitFor();
  await expect(page.locator('#digestStatus').innerText()).resolves.toBe(
    `Рассылка включена: 1-го числа каждого месяца в 8:00 по московскому времени. Письма уходят от имени ${OWNER}.`,
  );
  expect(digestHandlers(wb)).toEqual(['digest']);
  await expect(page.getByRole('button', { name: 'Включить рассылку' }).isVisible()).resolves.toBe(false);

  await coordinators.nth(3).locator('input').uncheck();
  await page.locator('#digestMinistry').fill(`${MINISTRY}\nAnalitik@MO.example`);
  await page.getByRole('button', { name: 'Сохранить получателей' }).click();
  await page.locator('#message', { hasText: 'Сохранено' }).waitFor();
  // What the save means for the letters, in plain words — not the names of «Настройки» rows.
  await expect(page.locator('#message').innerText()).resolves.toBe(
    `Сохранено. Письма министерству: ${MINISTRY}, analitik@mo.example. Без писем 1 координатор: sh2@klin.example.`,
  );
  await expect(page.locator('#digestCoordinators label.coordinator.off').allInnerTexts()).resolves.toEqual([
    'Ш2 · МОУ «Школа № 2»\nsh2@klin.example',
  ]);
  await saveScreenshot(page, 'settings-digest');
  expect(setting(wb, 'Координаторы без рассылки')).toBe('sh2@klin.example');
  expect(setting(wb, 'Адреса министерства')).toBe(`${MINISTRY}, analitik@mo.example`);
  expect(preview(wb).map((l) => l.to)).toEqual([
    OWNER,
    'ds@klin.example',
    'ds-zam@klin.example',
    'sh1@klin.example',
    MINISTRY,
    'analitik@mo.example',
  ]);

  // Not an e-mail: refused by name, nothing saved.
  await page.locator('#digestMethodists').fill(`${OWNER}\nметодист`);
  await page.getByRole('button', { name: 'Сохранить получателей' }).click();
  await page.locator('#message.box.error', { hasText: 'Это не похоже на e-mail: «методист»' }).waitFor();
  expect(setting(wb, 'Адреса методистов')).toBe(OWNER);

  await page.getByRole('button', { name: 'Выключить рассылку' }).click();
  await page.locator('#message', { hasText: 'Ежемесячная рассылка выключена.' }).waitFor();
  expect(digestHandlers(wb)).toEqual([]);
  expect(setting(wb, 'Ежемесячная рассылка')).toBe('Нет');
  const audit = rowsOf(wb, 'audit').filter((r) => /рассылк/.test(String(r['Действие'])));
  expect(audit.map((r) => `${r['Кто']}: ${r['Действие']} — ${r['Запись']}`)).toEqual([
    `${OWNER}: Изменены получатели рассылки — Адреса методистов`, // digestWorkbook's own save
    `${OWNER}: Изменены получатели рассылки — Адреса министерства`,
    `${OWNER}: Включена ежемесячная рассылка — Ежемесячная рассылка`,
    `${OWNER}: Изменены получатели рассылки — Адреса министерства`,
    `${OWNER}: Изменены получатели рассылки — Координаторы без рассылки`,
    `${OWNER}: Выключена ежемесячная рассылка — Ежемесячная рассылка`,
    `${OWNER}: Выключена ежемесячная рассылка — Ежемесячная рассылка`,
  ]);
  expect(errors).toEqual([]);
  await page.close();
});

test('turned on with no methodist’s address, the owner gets the municipality’s letter, and the panel says so', async () => {
  const wb = digestWorkbook(tmp, clock());
  wb.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: [MINISTRY], coordinatorsOff: [] });
  expect(preview(wb).map((l) => l.to)).not.toContain(OWNER);
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#digestMethodistsList').waitFor({ state: 'attached' });
  await expect(page.locator('#digestMethodists').inputValue()).resolves.toBe('');
  await page.getByRole('button', { name: 'Включить рассылку' }).click();
  await page.locator('#message', { hasText: 'Ежемесячная рассылка включена.' }).waitFor();
  await expect(page.locator('#message').innerText()).resolves.toBe(
    `Ежемесячная рассылка включена. «Адреса методистов» были пусты: сводку по муниципалитету будет получать ${OWNER}.`,
  );
  await expect(page.locator('#digestMethodists').inputValue()).resolves.toBe(OWNER);
  expect(setting(wb, 'Адреса методистов')).toBe(OWNER);
  expect(preview(wb).map((l) => l.to)).toContain(OWNER);
  // Turned off and on again: the address stays and nothing more is added.
  wb.rpc('rpcSettingsDigestSchedule', { on: false });
  expect(wb.rpc<{ methodistAdded: string | null }>('rpcSettingsDigestSchedule', { on: true }).methodistAdded).toBeNull();
  expect(setting(wb, 'Адреса методистов')).toBe(OWNER);
  expect(errors).toEqual([]);
  await page.close();
});

test('a municipal workbook offers no ministry addresses (the regional letter replaces them); saved ones stay, with the note', async () => {
  const wb = digestWorkbook(tmp, clock());
  const saved = await openBundlePage(browser(), wb, 'menuShowSettings');
  await saved.page.locator('#digestMethodists').waitFor();
  await expect(saved.page.locator('#digestMinistry').inputValue()).resolves.toBe(MINISTRY);
  await expect(saved.page.locator('#ministryBlock').innerText()).resolves.toContain('письмом из региональной книги');
  await saved.page.close();

  wb.rpc('rpcSettingsSaveDigest', { methodists: [OWNER], ministry: [], coordinatorsOff: [] });
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#digestMethodists').waitFor();
  await expect(page.locator('#digestMinistry').isVisible()).resolves.toBe(false);
  await expect(page.getByText('Министерство — только сводные цифры').isVisible()).resolves.toBe(false);
  expect(errors).toEqual([]);
});

test('an editor on the access list sees the section read-only; the server refuses her changes', async () => {
  const wb = digestWorkbook(tmp, clock());
  wb.rpc('rpcSettingsSaveAccess', { emails: [EDITOR] });
  wb.rpc('rpcSettingsDigestSchedule', { on: true });
  // A school named like HTML (typed into «Организации» by hand) is shown as text.
  const orgs = wb.spreadsheet.getSheetByName('Организации')!;
  const row = orgs
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === 'Ш2');
  orgs.getRange(row + 1, 2).setValue(HOSTILE);
  wb.runtime.setActiveUser(EDITOR);
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  await page.locator('#digestCoordinators label.coordinator').first().waitFor();
  await expect(page.locator('#digestMethodistsList li').allInnerTexts()).resolves.toEqual([OWNER]);
  await expect(page.locator('#digestMinistryList li').allInnerTexts()).resolves.toEqual([MINISTRY]);
  await expect(page.locator('#digestMethodists').isVisible()).resolves.toBe(false);
  await expect(page.locator('#digestSwitch').isVisible()).resolves.toBe(false);
  await expect(page.locator('#saveDigest').isVisible()).resolves.toBe(false);
  await expect(page.locator('#digestCoordinators input:disabled').count()).resolves.toBe(4);
  await expect(page.locator('#digestCoordinators label.coordinator').nth(3).innerText()).resolves.toBe(`Ш2 · ${HOSTILE}\nsh2@klin.example`);
  await expect(page.locator('img').count()).resolves.toBe(0);
  await expect(page.locator('#digestStatus').innerText()).resolves.toContain(`Письма уходят от имени ${OWNER}.`);
  await saveScreenshot(page, 'settings-digest-editor');
  const refusal = (call: string) =>
    page.evaluate(`new Promise((resolve) => google.script.run
      .withSuccessHandler(() => resolve('done'))
      .withFailureHandler((e) => resolve(e.message))
      .${call})`);
  const owner = `Менять рассылку может только владелец книги (${OWNER}).`;
  await expect(refusal(`rpcSettingsSaveDigest({ methodists: ['${EDITOR}'], ministry: [], coordinatorsOff: [] })`)).resolves.toBe(owner);
  await expect(refusal('rpcSettingsDigestSchedule({ on: false })')).resolves.toBe(owner);
  expect(digestHandlers(wb)).toEqual(['digest']);
  expect(setting(wb, 'Адреса методистов')).toBe(OWNER);
  expect(errors).toEqual([]);
  await page.close();
});

test('someone off the access list is refused the panel, the preview and every change, and cannot make letters go', () => {
  const wb = digestWorkbook(tmp, clock());
  wb.rpc('rpcSettingsDigestSchedule', { on: true });
  wb.runtime.setActiveUser('stranger@x.ru');
  const before = wb.runtime.ui.alerts.length;
  wb.menu('menuShowSettings');
  expect(wb.runtime.ui.alerts.slice(before).map((a) => a.message)).toEqual([
    `Нет доступа: stranger@x.ru нет в списке доступа этой книги. Попросите владельца книги (${OWNER}) добавить вас в «Маршрут → Настройки…».`,
  ]);
  for (const [name, payload] of [
    ['rpcSettingsLoad', undefined],
    ['rpcDigestPreview', { month: '2024-12' }],
    ['rpcSettingsDigestSchedule', { on: true }],
    ['rpcSettingsSaveDigest', { methodists: ['stranger@x.ru'], ministry: [], coordinatorsOff: [] }],
  ] as const) {
    expect(() => wb.rpc(name, payload)).toThrow(/^Нет доступа: stranger@x\.ru нет в списке доступа/);
  }
  // The trigger handlers are globals a page could call: as anyone but the triggers' owner they run nothing.
  expect(wb.rpc('onSchedulerTrigger', {})).toMatchObject({ ran: [], notOwner: true });
  expect(wb.rpc('onDigestTrigger', {})).toMatchObject({ ran: [], notOwner: true });
  expect(wb.runtime.mail.outbox).toEqual([]);
  expect(digestHandlers(wb)).toEqual(['digest']);
});

test('a letter opened as a mail client shows it: the HTML name is text, nothing runs or loads', async () => {
  const wb = digestWorkbook(tmp, clock());
  const letters = preview(wb);
  for (const [to, shot] of [
    [OWNER, 'digest-methodist'],
    ['sh1@klin.example', 'digest-coordinator'],
  ] as const) {
    const { page, dialogs, errors } = await openHtml(browser(), wb, letters.find((l) => l.to === to)!.html, { width: 760, height: 900 });
    await expect(page.getByText(HOSTILE, { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await saveScreenshot(page, shot);
    expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
    await page.close();
  }
});

test('a letter whose fate is unknown is named in the panel, and «Отправить повторно» sends it once', async () => {
  const at = { now: new Date(2025, 0, 1, 7, 0) };
  const wb = digestWorkbook(tmp, at);
  wb.rpc('rpcSettingsDigestSchedule', { on: true });
  wb.runtime.executions.kill({ into: 'onSchedulerTrigger', atCall: 2, member: 'MailApp.sendEmail' });
  at.now = new Date(2025, 0, 1, 8, 5);
  wb.runtime.triggers.fireTimeTriggers(at.now);
  const sentToDs = () => wb.runtime.mail.outbox.filter((m) => m.to === 'ds@klin.example').length;
  expect(sentToDs()).toBe(0);

  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowSettings');
  const unknown = page.locator('#digestUnknown li');
  await unknown.first().waitFor();
  await expect(unknown.locator('.email').allInnerTexts()).resolves.toEqual(['ds@klin.example']);
  await expect(page.locator('#digestMonth').innerText()).resolves.toContain('Неизвестно, ушло ли — 1');
  await unknown.getByRole('button', { name: 'Отправить повторно' }).click();
  await page.locator('#message', { hasText: 'Письмо отправлено повторно: ds@klin.example.' }).waitFor();
  await expect(page.locator('#digestUnknown').isVisible()).resolves.toBe(false);
  expect(sentToDs()).toBe(1);
  expect(rowsOf(wb, 'audit').some((r) => r['Действие'] === 'Письмо рассылки отправлено повторно')).toBe(true);
  expect(errors).toEqual([]);
});
