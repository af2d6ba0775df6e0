import { createLocalRuntime } from '../../src/local/runtime';

describe('services', () => {
  test('mail quota per recipient, reset 24 hours after the first letter (not at midnight)', () => {
    let now = new Date(2025, 2, 10, 10, 0);
    const rt = createLocalRuntime({ mailDailyQuota: 3, now: () => now });
    const MailApp = rt.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    MailApp.sendEmail('a@x.ru,b@x.ru', 'Тема', 'Текст');
    now = new Date(2025, 2, 10, 12, 0);
    MailApp.sendEmail({ to: 'c@x.ru', subject: 'S', htmlBody: '<b>h</b>' });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail('d@x.ru', 'S', 'B')).toThrow('Service invoked too many times for one day: email.');
    expect(rt.mail.outbox.map((m) => m.to)).toEqual(['a@x.ru,b@x.ru', 'c@x.ru']);
    expect(rt.mail.outbox[1]!.htmlBody).toBe('<b>h</b>');
    now = new Date(2025, 2, 11, 0, 1);
    expect(rt.mail.remaining()).toBe(0);
    now = new Date(2025, 2, 11, 10, 0);
    expect(rt.mail.remaining()).toBe(3);
  });

  test('mail: an address that is not an e-mail and an oversized body are refused, nothing counted', () => {
    const rt = createLocalRuntime({ mailDailyQuota: 5 });
    const MailApp = rt.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    expect(() => MailApp.sendEmail('a@x.ru, нет адреса', 'S', 'B')).toThrow('Invalid email: нет адреса');
    expect(() => MailApp.sendEmail('a@x.ru', 'S', 'B', { htmlBody: 'x'.repeat(200 * 1024 + 1) })).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
    expect(rt.mail.outbox).toHaveLength(0);
    expect(rt.mail.remaining()).toBe(5);
  });

  test('properties 9 KB limit', () => {
    const rt = createLocalRuntime();
    const props = (rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getScriptProperties();
    props.setProperty('k', 'x'.repeat(9 * 1024));
    expect(props.getProperty('k')).toHaveLength(9216);
    expect(() => props.setProperty('k2', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    props.setProperties({ a: '1' }, true);
    expect(props.getKeys()).toEqual(['a']);
  });

  test('lock contention and bookkeeping', () => {
    const rt = createLocalRuntime();
    const LockService = rt.globals.LockService as GoogleAppsScript.Lock.LockService;
    const lock = LockService.getScriptLock();
    lock.waitLock(1000);
    expect(rt.lock.held).toBe(true);
    lock.releaseLock();
    expect(rt.lock.held).toBe(false);
    expect(rt.lock.acquisitions).toBe(1);
    rt.lock.simulateContention(true);
    expect(LockService.getScriptLock().tryLock(10)).toBe(false);
    expect(() => LockService.getScriptLock().waitLock(10)).toThrow('Lock timeout: another process was holding the lock for too long.');
  });

  test('cache expiry follows the runtime clock (Utilities.sleep)', () => {
    const rt = createLocalRuntime();
    const cache = (rt.globals.CacheService as GoogleAppsScript.Cache.CacheService).getScriptCache();
    const Utilities = rt.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    cache.put('k', 'v', 2);
    expect(cache.get('k')).toBe('v');
    Utilities.sleep(2500);
    expect(cache.get('k')).toBeNull();
  });

  test('Utilities.formatDate honours the zone and quoted literals', () => {
    const rt = createLocalRuntime();
    const U = rt.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    const d = new Date(Date.UTC(2025, 0, 31, 22, 5, 9));
    expect(U.formatDate(d, 'Europe/Moscow', "dd.MM.yyyy 'в' HH:mm:ss")).toBe('01.02.2025 в 01:05:09');
    expect(U.formatDate(d, 'UTC', 'd.M.yy H:mm')).toBe('31.1.25 22:05');
  });

  test('HtmlService templates and sidebars', () => {
    const rt = createLocalRuntime({ htmlFiles: { Sidebar: '<h1><?= title ?></h1><?!= raw ?>' } });
    const H = rt.globals.HtmlService as GoogleAppsScript.HTML.HtmlService;
    const t = H.createTemplateFromFile('Sidebar.html') as GoogleAppsScript.HTML.HtmlTemplate & Record<string, unknown>;
    t.title = '<Маршрут>';
    t.raw = '<i>ok</i>';
    const out = t.evaluate().setTitle('Панель');
    expect(out.getContent()).toBe('<h1>&lt;Маршрут&gt;</h1><i>ok</i>');
    const ss = rt.spreadsheets.create('x');
    rt.spreadsheets.setActive(ss);
    (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getUi().showSidebar(out);
    expect(rt.ui.sidebars[0]).toMatchObject({ title: 'Панель', html: '<h1>&lt;Маршрут&gt;</h1><i>ok</i>' });
  });
});
