// The intake queue under Google's conditions (issue «Intake at Google scale»), through the built bundle: a burst of
// answers while the lock is contended, and a drain that Google stops halfway. Nothing is lost, nothing is processed
// twice, and no methodist presses anything. A template's form-submit trigger only marks; the scheduler's tick (every
// 10 minutes) drains. (An add-on's submit trigger drains too: tests/e2e/schedule.test.ts.)
import { FORMS, FORM_IDS, type FormId } from '../../src/core/schema/forms';
import type { DrainRun } from '../../src/core/intake/queue';
import type { RegisterId } from '../../src/core/schema/sheets';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { openReferenceWorkbook, ORG_NAMES, rowsOf } from '../support/e2eBuild';

type Answers = Record<string, string | string[] | Date>;
const REGISTER: Record<FormId, RegisterId> = { iom: 'iom', events: 'events', participation: 'participation', mentoring: 'mentoring' };
const day = (d: number) => new Date(2025, 8, d);

/**
 * `n` answers spread over the four forms, each with its own natural key; every tenth is wrong on purpose (an ОО
 * the workbook does not know). Events come first in the list, so participations can name them.
 */
function burst(n: number): { form: FormId; answers: Answers; wrong: boolean }[] {
  const out: { form: FormId; answers: Answers; wrong: boolean }[] = [];
  const events = Math.max(2, Math.floor(n / 15));
  for (let i = 0; i < n; i++) {
    const wrong = i % 10 === 9;
    const org = wrong ? 'Школа № 99' : ORG_NAMES[i % 2]!;
    const person = `Педагог ${i} Тестовый`;
    if (i < events) {
      out.push({
        form: 'events',
        wrong,
        answers: {
          'Название мероприятия': `Семинар ${i}`,
          'Вид мероприятия': 'Семинар',
          Уровень: 'Муниципальный',
          'Дата начала': day(1 + (i % 28)),
          Организатор: org,
        },
      });
    } else if (i % 3 === 0) {
      out.push({
        form: 'iom',
        wrong,
        answers: {
          'ФИО педагога': person,
          'Образовательная организация': org,
          Должность: 'Учитель',
          'Начало реализации ИОМ': day(10),
          'Статус ИОМ': 'Разработан',
        },
      });
    } else if (i % 3 === 1) {
      const event = i % events;
      out.push({
        form: 'participation',
        wrong,
        answers: {
          Мероприятие: `Семинар ${event} (${String(1 + (event % 28)).padStart(2, '0')}.09.2025)`,
          'ФИО участника': person,
          'Образовательная организация': org,
        },
      });
    } else {
      out.push({
        form: 'mentoring',
        wrong,
        answers: {
          'ФИО наставника': 'Иванова Ирина',
          'ОО наставника': ORG_NAMES[0]!,
          'ФИО наставляемого': person,
          'ОО наставляемого': org,
          'Форма наставничества': 'Педагог — педагог',
          'Дата начала': day(5),
        },
      });
    }
  }
  // The events with a wrong organizer are quarantined, and so are the participations that name them.
  return out;
}

interface Setup {
  wb: LocalWorkbook;
  drains: DrainRun[];
  send(items: ReturnType<typeof burst>, from: number, at: Date): void;
  expected(items: ReturnType<typeof burst>): Record<FormId, { accepted: number; quarantined: number }>;
  minutes(m: number): void;
}

function setup(): Setup {
  const wb = openReferenceWorkbook();
  wb.menu('menuCreateForms');
  const drains: DrainRun[] = [];
  // Every drain's own account (a trigger's return value, which Google drops) is kept for the assertions.
  wb.runtime.setDispatcher((name, event) => {
    const result = wb.sandbox.call(name, event);
    const drain = name === 'onSchedulerTrigger' ? (result as { results?: { drain?: DrainRun } } | undefined)?.results?.drain : null;
    if (drain) drains.push(drain);
    return result;
  });
  const forms = new Map(wb.runtime.forms.all().map((f) => [f.getTitle(), f]));
  return {
    wb,
    drains,
    send(items, from, at) {
      // Kept as recorded: the dropdowns' choices are synced only after a drain, and the pipeline checks anyway.
      items.forEach(({ form, answers }, i) =>
        wb.runtime.forms.submit(forms.get(FORMS[form].title)!, {
          answers: answers as never,
          timestamp: new Date(at.getTime() + (from + i) * 150),
          email: `t${from + i}@klin.example`,
          imported: true,
        }),
      );
    },
    expected(items) {
      const out = Object.fromEntries(FORM_IDS.map((f) => [f, { accepted: 0, quarantined: 0 }])) as Record<
        FormId,
        { accepted: number; quarantined: number }
      >;
      const wrongEvents = new Set(items.filter((x) => x.form === 'events' && x.wrong).map((x) => `${x.answers['Название мероприятия']}`));
      for (const item of items) {
        const refused =
          item.wrong || (item.form === 'participation' && wrongEvents.has(String(item.answers['Мероприятие']).replace(/ \(.*$/, '')));
        out[item.form][refused ? 'quarantined' : 'accepted']++;
      }
      return out;
    },
    minutes(m) {
      wb.runtime.advance(m * 60_000 + 1_000);
      wb.runtime.triggers.fireTimeTriggers(wb.runtime.now());
    },
  };
}

/** Per form, what all the drains together received, accepted and quarantined. */
function totals(drains: DrainRun[]): Record<FormId, { received: number; accepted: number; quarantined: number }> {
  const out = Object.fromEntries(FORM_IDS.map((f) => [f, { received: 0, accepted: 0, quarantined: 0 }])) as ReturnType<typeof totals>;
  for (const run of drains) {
    for (const form of FORM_IDS) {
      out[form].received += run.report[form].received;
      out[form].accepted += run.report[form].accepted;
      out[form].quarantined += run.report[form].quarantined;
    }
  }
  return out;
}

function expectNothingDoubled(wb: LocalWorkbook): void {
  for (const form of FORM_IDS) {
    const ids = rowsOf(wb, REGISTER[form]).map((r) => r['ID ответа']);
    expect([form, new Set(ids).size]).toEqual([form, ids.length]);
  }
  const keys = rowsOf(wb, 'quarantine').map((r) => r['Ключ ответа']);
  expect(new Set(keys).size).toBe(keys.length);
}

test('300 answers to the four forms within one minute, the lock contended: all in place after the drains, each once', () => {
  const { wb, drains, send, expected, minutes } = setup();
  const items = burst(300);
  const start = wb.runtime.now();
  const lockBefore = wb.runtime.lock.acquisitions;
  send(items.slice(0, 150), 0, start);
  // Triggers only mark their rows: nothing was read, no lock taken.
  expect(wb.runtime.lock.acquisitions).toBe(lockBefore);
  expect(rowsOf(wb, 'iom')).toHaveLength(0);

  // While the tick's drain writes its first batch, the other half arrives and a second drain tries its luck.
  const during = wb.runtime.executions.interleave({ into: 'onSchedulerTrigger', member: 'Range.setValues', atCall: 1 }, () => {
    send(items.slice(150), 150, start);
    drains.push(wb.sandbox.call('runDrain') as DrainRun);
  });
  minutes(10);
  expect(during.fired).toBe(true);
  expect(during.error).toBeNull();
  const busy = drains.find((d) => d.busy);
  expect(busy).toBeDefined(); // the second drain found the lock held and left the answers to its holder
  minutes(10);

  const want = expected(items);
  const got = totals(drains);
  for (const form of FORM_IDS) {
    expect([form, got[form]]).toEqual([form, { received: want[form].accepted + want[form].quarantined, ...want[form] }]);
    expect(rowsOf(wb, REGISTER[form])).toHaveLength(want[form].accepted);
  }
  expect(FORM_IDS.reduce((n, f) => n + got[f].received, 0)).toBe(300);
  expect(rowsOf(wb, 'quarantine')).toHaveLength(FORM_IDS.reduce((n, f) => n + want[f].quarantined, 0));
  expectNothingDoubled(wb);
  expect(wb.runtime.lock.held).toBe(false);
  // No trigger but the three standing ones (no one-shot of any kind).
  expect(wb.runtime.triggers.all()).toHaveLength(3);
});

test('a drain stopped by Google in the middle of its batch: the next drain finishes the work, nothing doubled', () => {
  const { wb, drains, send, expected, minutes } = setup();
  const items = burst(120);
  send(items, 0, wb.runtime.now());
  // Google stops the tick's drain at its third write: some sheets are written, the queue is not settled.
  wb.runtime.executions.kill({ into: 'onSchedulerTrigger', member: 'Range.setValues', atCall: 3 });
  minutes(10);
  expect(wb.runtime.executions.log.find((e) => e.label === 'onSchedulerTrigger')).toMatchObject({ outcome: 'killed' });
  expect(wb.runtime.triggers.failures).toEqual([{ handler: 'onSchedulerTrigger', error: 'Exceeded maximum execution time' }]);
  expect(wb.runtime.lock.held).toBe(false); // its end released the lock
  minutes(10);
  const want = expected(items);
  for (const form of FORM_IDS) expect([form, rowsOf(wb, REGISTER[form]).length]).toEqual([form, want[form].accepted]);
  expect(rowsOf(wb, 'quarantine')).toHaveLength(FORM_IDS.reduce((n, f) => n + want[f].quarantined, 0));
  expectNothingDoubled(wb);
  // The drain that finished accounts for every answer again: received = accepted + quarantined.
  const last = drains.at(-1)!;
  for (const form of FORM_IDS) expect(last.report[form].received).toBe(last.report[form].accepted + last.report[form].quarantined);
});

test('a drain that took in 500 answers or more counts the workbook’s cells again («Настройки → Ячеек в книге»)', () => {
  const { wb, send, minutes } = setup();
  const props = (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  const setting = () => rowsOf(wb, 'settings').find((r) => r['Параметр'] === 'Ячеек в книге')?.['Значение'];
  props.deleteProperty('marshrut.cells');
  send(burst(120), 0, wb.runtime.now());
  minutes(10);
  expect(props.getProperty('marshrut.cells')).toBeNull(); // a small drain does not measure
  send(burst(520), 120, wb.runtime.now());
  minutes(10);
  const cells = JSON.parse(props.getProperty('marshrut.cells')!).cells as number;
  const sheets = wb.spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  expect(cells).toBe(sheets);
  expect(setting()).toMatch(/^\d[\d\u202f]* из 10\u202f000\u202f000 \(/);
});

test('a drain stops inside the 6-minute limit and the next run resumes: every answer in place, none twice', () => {
  const { wb, drains, send, expected, minutes } = setup();
  // Small passes, and every service call taking Google-like seconds: a pass is well over a minute of the clock.
  const settings = wb.spreadsheet.getSheetByName('Настройки')!;
  const keys = settings
    .getDataRange()
    .getValues()
    .map((r) => r[0]);
  settings.getRange(keys.indexOf('Ответов за один проход разбора') + 1, 2).setValue('40');
  const items = burst(200);
  send(items, 0, wb.runtime.now());
  wb.runtime.executions.setLatency(1_500);
  wb.runtime.executions.enforceTimeLimit();
  for (let run = 0; run < 8 && drains.filter((d) => !d.more).length === 0; run++) minutes(10);
  wb.runtime.executions.setLatency(0);
  wb.runtime.executions.enforceTimeLimit(null);
  // Several runs, each stopped by its own budget (never by Google), the last one with nothing left.
  expect(drains.length).toBeGreaterThan(1);
  expect(drains.slice(0, -1).every((d) => d.more)).toBe(true);
  expect(drains.at(-1)!.more).toBe(false);
  expect(wb.runtime.executions.log.filter((e) => e.outcome === 'killed')).toEqual([]);
  const want = expected(items);
  const got = totals(drains);
  for (const form of FORM_IDS) {
    expect([form, got[form].received]).toEqual([form, want[form].accepted + want[form].quarantined]);
    expect([form, rowsOf(wb, REGISTER[form]).length]).toEqual([form, want[form].accepted]);
  }
  expectNothingDoubled(wb);
});

test('an answer edited while a drain is reading its sheet is taken in again: the register ends with the edit', () => {
  const { wb, drains, send, minutes } = setup();
  const items = burst(60);
  send(items, 0, wb.runtime.now());
  const iomForm = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.iom.title)!;
  const first = iomForm.getResponses()[0]!;
  const teacher = first
    .getItemResponses()
    .find((r) => r.getItem().getTitle() === 'ФИО педагога')!
    .getResponse();
  // The drain has read every sheet and is writing its first register when the teacher changes her status.
  const during = wb.runtime.executions.interleave({ into: 'onSchedulerTrigger', member: 'Range.setValues', atCall: 1 }, () => {
    wb.runtime.forms.editResponse(first.getId(), { 'Статус ИОМ': 'Реализован' }, wb.runtime.now());
  });
  minutes(10);
  expect(during.fired).toBe(true);
  // The edited row was read twice — before the edit and after it — and the register holds the edit.
  const iomAnswers = items.filter((i) => i.form === 'iom').length;
  expect(drains.reduce((n, d) => n + d.report.iom.received, 0)).toBe(iomAnswers + 1);
  expect(rowsOf(wb, 'iom').find((r) => r['ФИО педагога'] === teacher)?.['Статус ИОМ']).toBe('Реализован');
  minutes(10);
  expect(rowsOf(wb, 'iom').find((r) => r['ФИО педагога'] === teacher)?.['Статус ИОМ']).toBe('Реализован');
  expectNothingDoubled(wb);
});

test('answers sent while a drain holds the lock are taken in by that drain before it releases the lock', () => {
  const { wb, drains, send, expected, minutes } = setup();
  const items = burst(100);
  send(items.slice(0, 60), 0, wb.runtime.now());
  // The drain has read its batch and is writing it when 40 more answers arrive.
  const during = wb.runtime.executions.interleave({ into: 'onSchedulerTrigger', member: 'Range.setValues', atCall: 1 }, () => {
    send(items.slice(60), 60, wb.runtime.now());
  });
  minutes(10);
  expect(during.fired).toBe(true);
  const first = drains.find((d) => d.batches > 0)!;
  expect(FORM_IDS.reduce((n, f) => n + first.report[f].received, 0)).toBe(100);
  expect(first.batches).toBe(2);
  const want = expected(items);
  for (const form of FORM_IDS) expect([form, rowsOf(wb, REGISTER[form]).length]).toEqual([form, want[form].accepted]);
  expectNothingDoubled(wb);
});
