// One scheduler trigger per workbook (issue 16 §2), in both install modes (jest's two projects): the trigger set each
// mode creates stays within Google's rules for an add-on («Triggers for Editor add-ons»,
// developers.google.com/workspace/add-ons/concepts/editor-triggers: one trigger of each type per user per document,
// time-driven at most hourly — the fake throws otherwise); an add-on's answer is in the register without a time
// trigger; a missed answer waits for the next tick; a digest month goes once whichever tick runs it; a workbook set
// up before moves onto the scheduler; another methodist takes the triggers over and the old set runs nothing.
import { FORMS } from '../../src/core/schema/forms';
import { unwrap } from '../../src/local/fakes/strict';
import type { TriggerData } from '../../src/local/fakes/triggers';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { aTickLater, openReferenceWorkbook, rowsOf, scheduledJobs, TEST_MODE, tickMs } from '../support/e2eBuild';
import { digestWorkbook } from '../support/digestFixture';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-schedule-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const addonOnly = TEST_MODE === 'addon' ? test : test.skip;
const templateOnly = TEST_MODE === 'template' ? test : test.skip;

const dataOf = (wb: LocalWorkbook) => wb.runtime.triggers.all().map((t) => unwrap<{ data: TriggerData }>(t).data);
const events = (wb: LocalWorkbook) => rowsOf(wb, 'events').map((r) => r['Название мероприятия']);

function sendEvent(wb: LocalWorkbook, title: string): void {
  const form = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
  wb.runtime.forms.submit(form, {
    answers: {
      'Название мероприятия': title,
      'Вид мероприятия': 'Семинар',
      Уровень: 'Муниципальный',
      'Дата начала': new Date(2025, 8, 15),
    },
  });
}

function withForms(): LocalWorkbook {
  const wb = openReferenceWorkbook();
  wb.menu('menuCreateForms');
  return wb;
}

test(`${TEST_MODE}: set-up, forms, digests, answers and ticks create no forbidden trigger, and no one-shot`, () => {
  const wb = withForms();
  wb.rpc('rpcSettingsDigestSchedule', { on: true });
  wb.menu('menuSetupWorkbook'); // again: nothing doubled
  wb.menu('menuCreateForms');
  sendEvent(wb, 'Семинар');
  for (let i = 0; i < 3; i++) aTickLater(wb);
  expect(wb.runtime.triggers.failures).toEqual([]);
  const triggers = dataOf(wb);
  expect(triggers.map((t) => [t.handler, t.eventType, t.owner])).toEqual([
    ['onSchedulerTrigger', 'CLOCK', 'metodist@klin.example'],
    ['onResponseTrigger', 'ON_FORM_SUBMIT', 'metodist@klin.example'],
    ['onSheetEditTrigger', 'ON_EDIT', 'metodist@klin.example'],
  ]);
  // Every 10 minutes as a template; hourly as an add-on, Google's most frequent for an add-on.
  expect(triggers[0]!.schedule).toMatchObject(TEST_MODE === 'addon' ? { kind: 'everyHours', n: 1 } : { kind: 'everyMinutes', n: 10 });
  expect(Object.keys(scheduledJobs(wb)).sort()).toEqual(['digest', 'drain']);
  expect(events(wb)).toEqual(['Семинар']);
});

addonOnly('add-on: an answer is in the register as soon as it is sent, without any time trigger firing', () => {
  const wb = withForms();
  const ticks = () => wb.runtime.executions.log.filter((e) => e.label === 'onSchedulerTrigger').length;
  sendEvent(wb, 'Семинар');
  expect(events(wb)).toEqual(['Семинар']);
  expect(ticks()).toBe(0);
  expect(wb.runtime.executions.log.at(-1)).toMatchObject({ label: 'onResponseTrigger', outcome: 'ok' });
  expect(wb.runtime.lock.held).toBe(false);
});

templateOnly('template: the form-submit trigger only marks the answer; the 10-minute tick takes it in', () => {
  const wb = withForms();
  const acquisitions = wb.runtime.lock.acquisitions;
  sendEvent(wb, 'Семинар');
  expect(events(wb)).toEqual([]);
  expect(wb.runtime.lock.acquisitions).toBe(acquisitions); // no lock, no register read: constant work per answer
  aTickLater(wb);
  expect(events(wb)).toEqual(['Семинар']);
});

test(`${TEST_MODE}: an answer whose trigger found the lock held waits, and the next tick takes it in`, () => {
  const wb = withForms();
  // A methodist's long operation holds the lock: the answer's trigger (tryLock(0) as an add-on) gets nothing.
  wb.runtime.lock.simulateContention(true);
  try {
    sendEvent(wb, 'Пропущенный семинар');
  } finally {
    wb.runtime.lock.simulateContention(false);
  }
  expect(events(wb)).toEqual([]);
  expect(wb.runtime.triggers.failures).toEqual([]); // giving up the lock is no failure
  aTickLater(wb);
  expect(events(wb)).toEqual(['Пропущенный семинар']);
});

addonOnly('add-on: answers that arrive while a submit trigger drains are taken in by that drain before it lets the lock go', () => {
  const wb = withForms();
  const during = wb.runtime.executions.interleave({ into: 'onResponseTrigger', member: 'Range.setValues', atCall: 1 }, () => {
    sendEvent(wb, 'Второй');
    sendEvent(wb, 'Третий');
  });
  sendEvent(wb, 'Первый');
  expect(during.fired).toBe(true);
  expect(events(wb).sort()).toEqual(['Второй', 'Первый', 'Третий']);
});

describe(`${TEST_MODE}: the digest month`, () => {
  test('is sent once whichever tick runs it: a second tick while the first sends, and every tick of the day after', () => {
    const clock = { now: new Date(2025, 0, 1, 7, 0) };
    const wb = digestWorkbook(tmp, clock);
    wb.rpc('rpcSettingsDigestSchedule', { on: true });
    const sent = () => wb.runtime.mail.outbox.filter((m) => m.subject.startsWith('Маршрут:')).map((m) => m.to);
    // While the 8:05 tick sends its first letter, another tick of the same owner starts (a page called the global).
    const second: unknown[] = [];
    const during = wb.runtime.executions.interleave({ into: 'onSchedulerTrigger', member: 'MailApp.sendEmail', atCall: 1 }, () => {
      second.push(wb.sandbox.call('onSchedulerTrigger'));
    });
    clock.now = new Date(2025, 0, 1, 8, 5);
    wb.runtime.triggers.fireTimeTriggers(clock.now);
    expect(during.fired).toBe(true);
    expect(second).toEqual([expect.objectContaining({ ran: [] })]); // the digest row was claimed by the first
    const recipients = sent();
    expect(recipients.length).toBeGreaterThan(3);
    expect(new Set(recipients).size).toBe(recipients.length);
    // Every tick until the evening (10-minute or hourly) runs nothing more: the row is due on 1 February.
    for (let at = clock.now.getTime() + tickMs(wb) + 1_000; at < new Date(2025, 0, 1, 20, 0).getTime(); at += tickMs(wb) + 1_000) {
      clock.now = new Date(at);
      wb.runtime.triggers.fireTimeTriggers(clock.now);
    }
    expect(sent()).toEqual(recipients);
    expect(new Date(scheduledJobs(wb).digest!.due)).toEqual(new Date(2025, 1, 1, 8, 0));
    expect(wb.runtime.triggers.failures).toEqual([]);
  });
});

templateOnly('template: an account at Google’s 20 triggers is told in Russian what to do', () => {
  const wb = openReferenceWorkbook();
  const scriptApp = wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  for (const t of scriptApp.getProjectTriggers()) scriptApp.deleteTrigger(t);
  for (let i = 0; i < 20; i++) scriptApp.newTrigger(`other${i}`).timeBased().everyHours(1).create();
  expect(() => wb.menu('menuCreateForms')).toThrow(
    'Не удалось подключить обработчики «Маршрута»: у вашего аккаунта уже 20 триггеров этого скрипта — это предел Google. Удалите ненужные в редакторе Apps Script («Триггеры») и повторите.',
  );
});

templateOnly('template: a workbook set up before the scheduler moves onto it when set-up runs again', () => {
  const wb = withForms();
  const scriptApp = wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  // What an earlier version left: the 10-minute drain, a prompt drain's one-shot, the digests' hourly trigger.
  for (const t of scriptApp.getProjectTriggers()) if (t.getHandlerFunction() === 'onSchedulerTrigger') scriptApp.deleteTrigger(t);
  scriptApp.newTrigger('onDrainTrigger').timeBased().everyMinutes(10).create();
  scriptApp.newTrigger('onDrainSoonTrigger').timeBased().after(60_000).create();
  scriptApp.newTrigger('onDigestTrigger').timeBased().everyHours(1).create();
  (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
    .getDocumentProperties()
    .setProperties({ 'marshrut.digest.by': 'metodist@klin.example', 'marshrut.digest.since': '0', 'marshrut.jobs': '{}' });
  wb.menu('menuSetupWorkbook');
  expect(dataOf(wb).map((t) => t.handler)).toEqual(['onResponseTrigger', 'onSheetEditTrigger', 'onSchedulerTrigger']);
  expect(Object.keys(scheduledJobs(wb)).sort()).toEqual(['digest', 'drain']);
});

templateOnly('template: a trigger of an earlier version that fires moves the workbook onto the scheduler and drains', () => {
  const wb = withForms();
  const scriptApp = wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  for (const t of scriptApp.getProjectTriggers()) if (t.getHandlerFunction() === 'onSchedulerTrigger') scriptApp.deleteTrigger(t);
  scriptApp.newTrigger('onDrainTrigger').timeBased().everyMinutes(10).create();
  sendEvent(wb, 'Семинар');
  aTickLater(wb); // the old 10-minute drain fires
  expect(events(wb)).toEqual(['Семинар']);
  expect(dataOf(wb).map((t) => t.handler)).toEqual(['onResponseTrigger', 'onSheetEditTrigger', 'onSchedulerTrigger']);
  expect(wb.runtime.triggers.failures).toEqual([]);
});

describe(`${TEST_MODE}: another methodist on the access list takes the triggers over`, () => {
  const FIRST = 'metodist@klin.example';
  const SECOND = 'zavuch@klin.example';
  const wb = withForms();
  wb.rpc('rpcSettingsSaveAccess', { emails: [SECOND] });
  wb.runtime.setActiveUser(SECOND);
  const before = wb.rpc<{ sections: { triggers: { owner: string; mine: boolean } } }>('rpcSettingsLoad').sections.triggers;
  const reply = wb.rpc<{ sections: { triggers: { owner: string; mine: boolean } }; takenOver: { previous: string } }>(
    'rpcSettingsTakeOverTriggers',
  );
  const afterTakeOver = dataOf(wb).map((t) => [t.handler, t.owner]);
  wb.runtime.setActiveUser(FIRST);

  test('«Настройки…» named the first methodist; the reply names the second; her three triggers are added, none deleted', () => {
    expect(before).toMatchObject({ owner: FIRST, mine: false });
    expect(reply.sections.triggers).toMatchObject({ owner: SECOND, mine: true });
    expect(reply.takenOver.previous).toBe(FIRST);
    expect(afterTakeOver.filter(([, owner]) => owner === FIRST)).toHaveLength(3); // invisible to her account
    expect(afterTakeOver.filter(([, owner]) => owner === SECOND).map(([h]) => h)).toEqual([
      'onResponseTrigger',
      'onSheetEditTrigger',
      'onSchedulerTrigger',
    ]);
    const audit = rowsOf(wb, 'audit').find((r) => r['Действие'] === 'Триггеры переданы');
    expect(audit).toMatchObject({ Кто: SECOND, Было: FIRST, Стало: SECOND });
  });

  test('the first methodist’s triggers run nothing and remove themselves; every job runs as the second', () => {
    // Each trigger run: as whom, and what its tick ran (a trigger's return value, which Google drops).
    const runs: { handler: string; user: string; ran: string[] | null }[] = [];
    wb.runtime.setDispatcher((name, event) => {
      const result = wb.sandbox.call(name, event) as { ran?: string[]; notOwner?: true } | null;
      const ran = result && Array.isArray(result.ran) && !result.notOwner ? result.ran : null;
      runs.push({ handler: name, user: wb.runtime.executions.log.at(-1)!.user, ran });
      return result;
    });
    sendEvent(wb, 'Семинар');
    aTickLater(wb);
    aTickLater(wb);
    expect(events(wb)).toEqual(['Семинар']);
    expect(dataOf(wb).map((t) => t.owner)).toEqual([SECOND, SECOND, SECOND]);
    const ticks = runs.filter((r) => r.handler === 'onSchedulerTrigger');
    // Her first trigger to run (the answer's, or her tick) found another owner: it ran nothing and removed her set.
    const hers = runs.filter((r) => r.user === FIRST);
    expect(hers.length).toBeGreaterThan(0);
    expect(hers.every((r) => r.ran === null)).toBe(true);
    expect(ticks.filter((r) => r.user === SECOND).map((r) => r.ran)).toEqual([['drain'], ['drain']]);
    expect(wb.runtime.triggers.failures).toEqual([]);
  });
});
