// The monthly digests end to end through the built bundle (SPEC §7, issue 9 point 3): who gets a letter, what each
// may see, the letters as MailApp receives them, the daily quota and the time budget with the hourly follow-up,
// never twice, and a stopped execution.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TriggerData } from '../../src/local/fakes/triggers';
import { unwrap } from '../../src/local/fakes/strict';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { CLI, rowsOf, scheduledJobs, TEST_MODE } from '../support/e2eBuild';
import {
  COORDINATORS,
  digestWorkbook,
  HOSTILE,
  MINISTRY,
  OWNER,
  ROSTER_EMAILS,
  rosterNames,
  writeDigestFolder,
} from '../support/digestFixture';

jest.setTimeout(60_000);

const tmp = mkdtempSync(join(tmpdir(), 'marshrut-digest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Preview {
  to: string;
  role: string;
  subject: string;
  html: string;
  text: string;
}

const JAN_1_7AM = new Date(2025, 0, 1, 7, 0);

function workbook(): { wb: LocalWorkbook; clock: { now: Date } } {
  const clock = { now: JAN_1_7AM };
  return { wb: digestWorkbook(tmp, clock), clock };
}

const preview = (wb: LocalWorkbook, month = '2024-12') => wb.rpc<Preview[]>('rpcDigestPreview', { month });
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Whether a letter shows `text` anywhere: in its plain text, or in its HTML as escaped text. */
const shows = (letter: Preview, text: string) =>
  letter.text.includes(text) || letter.html.includes(escaped(text)) || letter.html.includes(text);

/** Moves the runtime's clock to `at` and lets Google run the time-driven triggers due then. */
function timePasses(wb: LocalWorkbook, clock: { now: Date }, at: Date): void {
  clock.now = at;
  wb.runtime.triggers.fireTimeTriggers(at);
}

const sentTo = (wb: LocalWorkbook) => wb.runtime.mail.outbox.filter((m) => m.subject.startsWith('Маршрут:')).map((m) => m.to);
/** The time-driven triggers' handlers: the scheduler's one, whatever the digests do. */
const handlers = (wb: LocalWorkbook) =>
  wb.runtime.triggers
    .all()
    .filter((t) => String(t.getEventType()) === 'CLOCK')
    .map((t) => t.getHandlerFunction());
const jobs = scheduledJobs;
const mailings = (wb: LocalWorkbook) => rowsOf(wb, 'mailings').map((r) => `${r['Получатель']} ${r['Период']} ${r['Статус']}`);

/** Someone else's script has already sent to `n` people today (from `at`): the quota's 24 hours start then. */
function quotaUsed(wb: LocalWorkbook, n: number): void {
  const mail = wb.runtime.globals.MailApp as GoogleAppsScript.Mail.MailApp;
  mail.sendEmail(Array.from({ length: n }, (_, i) => `other${i}@x.example`).join(','), 'Другая рассылка', '…');
}

const EVERYONE = [OWNER, ...COORDINATORS.ДС, ...COORDINATORS.Ш1, ...COORDINATORS.Ш2, MINISTRY];

test('after a recompute for one ОО, no letter calls that school’s figures the municipality’s: each says what it lacks', () => {
  const { wb } = workbook();
  wb.rpc('rpcKpiRecompute', { year: 2024, scope: 'Ш1' });
  for (const letter of preview(wb)) {
    expect({
      to: letter.to,
      says: letter.text.includes(
        'Последний пересчёт показателей — только по ОО «Ш1 — МОУ «Школа № 1»», а не по всему муниципалитету: в этом письме их нет.',
      ),
    }).toEqual({ to: letter.to, says: true });
    expect(letter.text).not.toMatch(/Факт|Ваша ОО/);
  }
  const ministry = preview(wb).find((l) => l.to === MINISTRY)!;
  expect(ministry.text).not.toContain('«Маршрут → Показатели…»');
});

describe('who gets a letter and what it may show', () => {
  const { wb } = workbook();
  const letters = preview(wb);
  const letter = (to: string) => letters.find((l) => l.to === to)!;

  test('the methodist, every coordinator of «Организации» (both of the kindergarten), the ministry; no one for an ОО without one', () => {
    expect(letters.map((l) => [l.to, l.role])).toEqual([
      [OWNER, 'methodist'],
      ['ds@klin.example', 'coordinator'],
      ['ds-zam@klin.example', 'coordinator'],
      ['sh1@klin.example', 'coordinator'],
      ['sh2@klin.example', 'coordinator'],
      [MINISTRY, 'ministry'],
    ]);
    expect(letter('sh1@klin.example').subject).toBe('Маршрут: сводка за декабрь 2024 — МОУ «Школа № 1»');
    expect(letter(OWNER).subject).toBe('Маршрут: сводка за декабрь 2024 — Клин');
    expect(letter(MINISTRY).subject).toBe('Маршрут: сводка за декабрь 2024 — Клин (сводные данные)');
  });

  test("a coordinator's letter names no person of another school", () => {
    const roster = rosterNames(wb);
    const schools = { 'ds@klin.example': 'ДС', 'ds-zam@klin.example': 'ДС', 'sh1@klin.example': 'Ш1', 'sh2@klin.example': 'Ш2' };
    for (const [to, org] of Object.entries(schools)) {
      const others = roster.filter((p) => p.org !== org);
      expect(others.length).toBeGreaterThan(5);
      const leaked = others.flatMap((p) => [p.name, p.name.split(' ')[0]!]).filter((name) => shows(letter(to), name));
      expect({ to, leaked }).toEqual({ to, leaked: [] });
    }
    // …and does name her own people: the teacher without an IOM, the overdue IOM.
    expect(shows(letter('sh1@klin.example'), 'Смирнова Ольга Викторовна')).toBe(true);
    expect(shows(letter('sh1@klin.example'), HOSTILE)).toBe(true);
    expect(shows(letter('sh2@klin.example'), 'Соколова')).toBe(false); // she has an IOM, nothing is overdue at Ш2
  });

  test("the ministry's letter holds aggregates only: no roster name, e-mail or birth date", () => {
    const ministry = letter(MINISTRY);
    const names = rosterNames(wb).flatMap((p) => [p.name, p.name.split(' ')[0]!]);
    const emails = [...ROSTER_EMAILS, OWNER, ...Object.values(COORDINATORS).flat()];
    const births = ['01.02.1980', '05.05.1999', '03.03.1970', '10.10.1985', '31.12.1989', '12.12.1985', '02.02.1990'];
    const leaked = [...names, ...emails, ...births].filter((v) => shows(ministry, v));
    expect(leaked).toEqual([]);
    expect(ministry.html).not.toMatch(/@/);
    // The figures are there.
    expect(ministry.text).toContain('Просрочено: 1 ИОМ');
    expect(ministry.text).toContain('Без ИОМ за период 01.01.2024–31.12.2024: 3 педагога.');
  });

  test("the methodist's letter: indicators of the last recompute, December and the year to date, quarantine, overdue IOMs, the workbook's link", () => {
    const methodist = letter(OWNER);
    expect(methodist.text).toContain('Набор «klin», период 01.01.2024–31.12.2024, расчёт по муниципалитету');
    expect(methodist.text).toMatch(
      /8\.1 {2}Доля педагогических работников .* ИОМ на основе результатов диагностики профессиональных дефицитов\n {4}Факт: 4,2\u00a0% · План: ≥\u00a060\u00a0% · Статус: Не выполнен/,
    ); // Новиков alone: 1 of ОО-1 24
    expect(methodist.text).toMatch(/ИОМ разработано +1 +5\n/);
    expect(methodist.text).toMatch(/ИОМ реализовано +1 +1\n/);
    expect(methodist.text).toMatch(/Мероприятий проведено +1 +5\n/);
    expect(methodist.text).toMatch(/Новых наставнических пар +1 +2\n/);
    expect(methodist.text).toContain('В карантине ждёт разбора 1 ответ.');
    expect(methodist.text).toMatch(/Ш1 +МОУ «Школа № 1» +1 +1\n/);
    expect(methodist.html).toContain(`<a href="${escaped(wb.spreadsheet.getUrl())}"`);
    expect(methodist.html).toMatch(/<h2[^>]*>Показатели<\/h2>/);
  });

  test("the methodist's letter lists overdue roadmap items (SPEC §7): past their deadline, not marked done", () => {
    const { wb } = workbook();
    const sheet = wb.spreadsheet.getSheetByName('Дорожная карта')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const row = (cells: Record<string, unknown>) => header.map((h) => cells[h] ?? '');
    sheet.getRange(2, 1, 2, header.length).setValues([
      row({ Пункт: '2.3.1', Мероприятие: 'Реестр программ ДПО', Срок: 'Ноябрь 2024 г.' }),
      row({
        Пункт: '2.3.2',
        Мероприятие: 'Слёт наставников',
        Срок: 'Ноябрь 2024 г.',
        'Отметка о выполнении': 'Выполнено',
        'Дата выполнения': new Date(2024, 10, 15),
      }),
    ]);
    const methodist = preview(wb).find((p) => p.to === OWNER)!;
    expect(methodist.text).toContain('Просроченные пункты дорожной карты');
    expect(methodist.text).toMatch(/2\.3\.1 +Реестр программ ДПО +30\.11\.2024/);
    expect(methodist.text).not.toContain('Слёт наставников');
  });

  test('a value that is HTML arrives as text in the HTML letter and as itself in the plain text', () => {
    for (const l of [letter(OWNER), letter('sh1@klin.example')]) {
      expect(l.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(l.html).not.toMatch(/<img/i);
      expect(l.text).toContain(HOSTILE);
    }
  });

  test('the owner switches a coordinator off: no letter for her, and the change is audited', () => {
    wb.rpc('rpcSettingsSaveDigest', { methodists: [OWNER], ministry: [MINISTRY], coordinatorsOff: ['SH2@klin.example'] });
    expect(preview(wb).map((l) => l.to)).toEqual(EVERYONE.filter((e) => e !== 'sh2@klin.example'));
    const audit = rowsOf(wb, 'audit').filter((r) => r['Действие'] === 'Изменены получатели рассылки');
    expect(audit.map((r) => [r['Запись'], r['Было'], r['Стало']])).toContainEqual(['Координаторы без рассылки', '', 'sh2@klin.example']);
  });
});

describe('sending on the 1st of the month', () => {
  test('the owner turns it on: a «digest» job of her one scheduler trigger (the letters go from day 1, 8:00); turning it off removes the job; both audited', () => {
    const { wb } = workbook();
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    const [trigger] = wb.runtime.triggers.all().filter((t) => t.getHandlerFunction() === 'onSchedulerTrigger');
    const data = unwrap<{ data: TriggerData }>(trigger).data;
    // Every 10 minutes as a template, hourly as an add-on (Google's limit for add-ons).
    const every = TEST_MODE === 'addon' ? { kind: 'everyHours', n: 1 } : { kind: 'everyMinutes', n: 10 };
    expect({ owner: data.owner, schedule: data.schedule }).toMatchObject({ owner: OWNER, schedule: every });
    expect(Object.keys(jobs(wb))).toContain('digest');
    wb.rpc('rpcSettingsDigestSchedule', { on: true }); // again: still one
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    // Deleted by hand in the Apps Script editor: the panel tells the owner to turn it on again.
    const scriptApp = wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    scriptApp.deleteTrigger(wb.runtime.triggers.all().find((t) => t.getHandlerFunction() === 'onSchedulerTrigger')!);
    expect(wb.rpc<{ sections: { digest: { by: string; lost: boolean } } }>('rpcSettingsLoad').sections.digest).toMatchObject({
      by: OWNER,
      lost: true,
    });
    wb.rpc('rpcSettingsDigestSchedule', { on: true }); // turned on again: the trigger is back, one
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    wb.rpc('rpcSettingsDigestSchedule', { on: false });
    expect(Object.keys(jobs(wb))).not.toContain('digest');
    const audit = rowsOf(wb, 'audit').filter((r) => String(r['Действие']).includes('ежемесячная рассылка'));
    const schedule = `1-го числа каждого месяца в 8:00 по московскому времени, письма от имени ${OWNER}`;
    expect(audit.map((r) => [r['Действие'], r['Поле'], r['Было'], r['Стало']])).toEqual([
      ['Включена ежемесячная рассылка', 'Расписание', 'выключено', schedule],
      ['Включена ежемесячная рассылка', 'Расписание', 'выключено', schedule],
      ['Включена ежемесячная рассылка', 'Расписание', 'выключено', schedule],
      ['Выключена ежемесячная рассылка', 'Расписание', schedule, 'выключено'],
      ['Выключена ежемесячная рассылка', 'Значение', 'Да', 'Нет'],
    ]);
  });

  test('quota for 3 letters: 3 go on the 1st, the hourly tick waits for the quota, the rest go the next day; never twice', () => {
    const { wb, clock } = workbook();
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    quotaUsed(wb, 97); // 07:00: 3 of 100 left until 07:00 tomorrow

    timePasses(wb, clock, new Date(2025, 0, 1, 8, 5));
    expect(sentTo(wb)).toEqual(EVERYONE.slice(0, 3));
    expect(mailings(wb)).toEqual(EVERYONE.slice(0, 3).map((e) => `${e} 12.2024 Отправлено`));
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    expect(wb.rpc<{ sections: { digest: { month: unknown } } }>('rpcSettingsLoad').sections.digest.month).toEqual({
      name: 'декабрь 2024',
      pending: true,
      sent: 3,
      failed: 0,
      unknown: 0,
      unknownRecipients: [],
    });

    for (const hour of [9, 10, 11]) timePasses(wb, clock, new Date(2025, 0, 1, hour, 6)); // no quota yet
    expect(sentTo(wb)).toHaveLength(3);

    timePasses(wb, clock, new Date(2025, 0, 2, 7, 7)); // 24 hours after the first letter of the day
    expect(sentTo(wb)).toEqual(EVERYONE);
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    expect(rowsOf(wb, 'mailings')).toHaveLength(EVERYONE.length);

    for (const at of [new Date(2025, 0, 2, 9, 0), new Date(2025, 0, 3, 8, 0)]) timePasses(wb, clock, at);
    expect(sentTo(wb)).toEqual(EVERYONE);
    expect(wb.runtime.triggers.failures).toEqual([]);

    // The next month's letters go on 1 February.
    timePasses(wb, clock, new Date(2025, 1, 1, 8, 5));
    expect(sentTo(wb).slice(EVERYONE.length)).toEqual(EVERYONE);
    const letter = wb.runtime.mail.outbox.at(-1)!;
    expect(letter.subject).toBe('Маршрут: сводка за январь 2025 — Клин (сводные данные)');
    expect(letter.htmlBody).toContain('<h1');
    expect(letter.body).toContain('Сводка «Маршрута» за январь 2025');
    expect(letter.name).toBe('Маршрут');
  });

  test('slow mail: no letter is begun after 4.5 minutes, the follow-up sends the rest within the hour; Google never stops the run', () => {
    const { wb, clock } = workbook();
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    wb.runtime.executions.setLatency((member) => (member === 'MailApp.sendEmail' ? 100_000 : 0));
    wb.runtime.executions.enforceTimeLimit();

    timePasses(wb, clock, new Date(2025, 0, 1, 8, 5));
    expect(sentTo(wb)).toEqual(EVERYONE.slice(0, 3)); // at 0, 100 and 200 s; at 300 s the budget is spent
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    timePasses(wb, clock, new Date(2025, 0, 1, 9, 10));
    expect(sentTo(wb)).toEqual(EVERYONE);
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    expect(wb.runtime.executions.log.filter((e) => e.outcome !== 'ok')).toEqual([]);
  });

  test('Google stops the run while a letter is being sent: that letter is «Отправляется» and is not sent again', () => {
    const { wb, clock } = workbook();
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    wb.runtime.executions.kill({ into: 'onSchedulerTrigger', atCall: 2, member: 'MailApp.sendEmail' });

    timePasses(wb, clock, new Date(2025, 0, 1, 8, 5));
    expect(sentTo(wb)).toEqual([OWNER]);
    expect(mailings(wb)).toEqual([`${OWNER} 12.2024 Отправлено`, 'ds@klin.example 12.2024 Отправляется']);

    // The follow-up was installed before the first letter: an hour later it sends the rest, skipping the unknown one,
    // which «Настройки…» reports.
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    expect(wb.rpc<{ sections: { digest: { month: { unknown: number } } } }>('rpcSettingsLoad').sections.digest.month.unknown).toBe(1);
    timePasses(wb, clock, new Date(2025, 0, 1, 9, 6));
    expect(sentTo(wb)).toEqual(EVERYONE.filter((e) => e !== 'ds@klin.example'));
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);

    // «Настройки…» names it; the methodist checks with the school and sends it again, once.
    type Month = { unknown: number; unknownRecipients: string[]; sent: number };
    const month = () => wb.rpc<{ sections: { digest: { month: Month } } }>('rpcSettingsLoad').sections.digest.month;
    expect(month().unknownRecipients).toEqual(['ds@klin.example']);
    expect(wb.rpc<{ resent: string }>('rpcSettingsResendDigest', { email: 'DS@klin.example' }).resent).toBe('ds@klin.example');
    expect(sentTo(wb).filter((e) => e === 'ds@klin.example')).toHaveLength(1);
    expect(mailings(wb)).toContain('ds@klin.example 12.2024 Отправлено повторно');
    expect(month()).toMatchObject({ unknown: 0, unknownRecipients: [], sent: EVERYONE.length });
    expect(() => wb.rpc('rpcSettingsResendDigest', { email: 'ds@klin.example' })).toThrow('повторно отправлять нечего');
    expect(sentTo(wb)).toHaveLength(EVERYONE.length);
  });

  test('a letter Google refuses is logged with the reason and not retried; the others go', () => {
    const { wb, clock } = workbook();
    wb.rpc('rpcSettingsSaveDigest', { methodists: [OWNER, 'методист@школа.рф'], ministry: [MINISTRY], coordinatorsOff: [] });
    wb.runtime.mail.refused.add('методист@школа.рф');
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    timePasses(wb, clock, new Date(2025, 0, 1, 8, 5));
    expect(mailings(wb)).toContain('методист@школа.рф 12.2024 Не отправлено: Invalid email: методист@школа.рф');
    expect(sentTo(wb)).toEqual(EVERYONE);
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
  });

  test('«Ежемесячная рассылка» = Нет in «Настройки» pauses the letters', () => {
    const { wb, clock } = workbook();
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    const sheet = wb.spreadsheet.getSheetByName('Настройки')!;
    const row = sheet
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'Ежемесячная рассылка');
    sheet.getRange(row + 1, 2).setValue('Нет');
    timePasses(wb, clock, new Date(2025, 0, 1, 8, 5));
    expect(sentTo(wb)).toEqual([]);
    expect(handlers(wb)).toEqual(['onSchedulerTrigger']);
    expect(wb.rpc<{ sections: { digest: { paused: boolean } } }>('rpcSettingsLoad').sections.digest.paused).toBe(true);
  });
});

describe('marshrut run … --out DIR writes the letters of the month after the period to DIR/mail', () => {
  const data = writeDigestFolder(join(tmp, 'cli-data'));
  const out = join(tmp, 'cli-out');
  const run = () =>
    spawnSync(process.execPath, [CLI, 'run', '--data', data, '--out', out, '--preset', 'klin', '--year', '2024'], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  test('one .html and one .txt per recipient: the owner as methodist (none was set), every coordinator', () => {
    const result = run();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(`«Адреса методистов» не указаны: сводку методиста получает владелец книги ${OWNER}`);
    expect(result.stdout).toContain(`Сводки за декабрь 2024 (рассылка 1 января 2025): писем — 5, записано в ${join(out, 'mail')}`);
    const recipients = [OWNER, ...COORDINATORS.ДС, ...COORDINATORS.Ш1, ...COORDINATORS.Ш2];
    expect(readdirSync(join(out, 'mail')).sort()).toEqual(recipients.flatMap((r) => [`${r}.html`, `${r}.txt`]).sort());
    const school = readFileSync(join(out, 'mail', 'sh1@klin.example.txt'), 'utf8');
    expect(school).toContain('Сводка «Маршрута» за декабрь 2024');
    expect(school).toMatch(/Нет ИОМ за период 01\.01\.2024–31\.12\.2024: 1 педагог .*\n.*\nСмирнова Ольга Викторовна +Руководитель\n/);
    expect(school).not.toContain('Кузнецов');
    expect(readFileSync(join(out, 'mail', `${OWNER}.html`), 'utf8')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test("a second run replaces DIR/mail: a letter of an earlier run's recipient does not linger", () => {
    writeFileSync(join(out, 'mail', 'former@klin.example.html'), 'old');
    expect(run().status).toBe(0);
    expect(readdirSync(join(out, 'mail'))).toHaveLength(10);
  });
});
