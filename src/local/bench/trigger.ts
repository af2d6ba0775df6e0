// The intake queue's costs in Apps Script service calls (the quota and latency that matter in Google) and local
// milliseconds: the form-submit trigger at 1,000 and 100,000 register rows (constant), and the drain for batches of
// 1, 100 and 10,000 answers (one read per sheet, one write per changed sheet).
import { FORMS, type FormId } from '../../core/schema/forms';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { seed } from './seed';

const day = (i: number) => new Date(2025, i % 12, 1 + (i % 28));

function prepare(n: number): LocalWorkbook {
  const workbook = openLocalWorkbook();
  workbook.menu('menuSetupWorkbook');
  seed(workbook, 'organizations', 12, (i) => ({ code: `ОО-${i + 1}`, name: `Школа № ${i + 1}`, type: 'Школа' }));
  seed(workbook, 'staff', n, (i) => ({
    name: `Педагог ${i} Тестович`,
    orgCode: `ОО-${(i % 12) + 1}`,
    position: 'Учитель',
    source: 'Реестр',
  }));
  const person = (i: number) => ({
    personName: `Педагог ${i} Тестович`,
    personOrgCode: `ОО-${(i % 12) + 1}`,
    personOrgName: `Школа № ${(i % 12) + 1}`,
  });
  seed(workbook, 'iom', n, (i) => ({ ...person(i), position: 'Учитель', start: day(i), status: 'Разработан' }));
  seed(workbook, 'diagnostics', n, (i) => ({ ...person(i), date: day(i), procedure: 'Региональная' }));
  seed(workbook, 'events', n, (i) => ({
    title: `Семинар ${i}`,
    kind: 'Семинар',
    level: 'Муниципальный',
    start: day(i),
    status: 'Проведено',
  }));
  seed(workbook, 'participation', n, (i) => ({ ...person(i), eventTitle: `Семинар ${i}`, eventStart: day(i), eventLabel: `Семинар ${i}` }));
  seed(workbook, 'mentoring', n, (i) => ({
    mentorName: `Педагог ${i} Тестович`,
    mentorOrgCode: 'ОО-1',
    menteeName: `Педагог ${i + 1} Тестович`,
    menteeOrgCode: 'ОО-2',
    form: 'Педагог — педагог',
    start: day(i),
  }));
  // The log is only appended to (read by its header), so its size never matters; at 100,000 rows it would also push
  // the workbook past Google's 10 million cells once the forms' response sheets are added.
  seed(workbook, 'audit', Math.min(n, 10_000), (i) => ({ at: day(i), who: 'bench', action: 'seed', key: String(i) }));
  workbook.menu('menuCreateForms');
  return workbook;
}

const SUBMISSIONS: Record<FormId, Record<string, string | string[] | Date>> = {
  iom: {
    'ФИО педагога': 'Новикова Анна Сергеевна',
    'Образовательная организация': 'Школа № 3',
    Должность: 'Учитель',
    'Дата диагностики профессиональных дефицитов': new Date(2025, 8, 10),
    'Процедура диагностики': 'Региональная',
    'Выявленные профессиональные дефициты': ['Методические', 'Метапредметные, функциональная грамотность'],
    'Начало реализации ИОМ': new Date(2025, 8, 15),
    'Статус ИОМ': 'Разработан',
  },
  events: {
    'Название мероприятия': 'Семинар наставников',
    'Вид мероприятия': 'Семинар',
    Уровень: 'Муниципальный',
    'Дата начала': new Date(2025, 9, 1),
  },
  participation: {
    Мероприятие: 'Семинар наставников (01.10.2025)',
    'ФИО участника': 'Педагог 7 Тестович',
    'Образовательная организация': 'Школа № 8',
  },
  mentoring: {
    'ФИО наставника': 'Педагог 1 Тестович',
    'ОО наставника': 'Школа № 2',
    'ФИО наставляемого': 'Новикова Анна Сергеевна',
    'ОО наставляемого': 'Школа № 3',
    'Форма наставничества': 'Педагог — молодой специалист',
    'Дата начала': new Date(2025, 9, 1),
  },
};

/** Runs the script's handler `name` (as the dispatcher would) with calls counted from zero, and times it. */
function measured(workbook: LocalWorkbook, run: () => unknown): { ms: number; result: unknown } {
  workbook.runtime.calls.reset();
  const started = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/**
 * The form-submit trigger: constant work whatever the registers' size — it only marks its row as waiting (the
 * first answer of a burst also schedules the prompt drain: «+ разбор»).
 */
export function benchTrigger(sizes: readonly number[]): string {
  const rows: string[] = [];
  for (const n of sizes) {
    const workbook = prepare(n);
    const forms = new Map(workbook.runtime.forms.all().map((f) => [f.getTitle(), f]));
    let last = { ms: 0, result: undefined as unknown };
    workbook.runtime.setDispatcher((name, event) => (last = measured(workbook, () => workbook.sandbox.call(name, event))).result);
    for (const form of Object.keys(SUBMISSIONS) as FormId[]) {
      workbook.runtime.forms.submit(forms.get(FORMS[form].title)!, { answers: SUBMISSIONS[form], email: '', imported: true });
      const c = workbook.runtime.calls;
      const scheduled = (c.counts['ClockTriggerBuilder.create'] ?? 0) > 0 ? ' + разбор' : '';
      rows.push(
        `${String(n).padStart(7)} | ${FORMS[form].title.padEnd(22)} | ${String(c.total('SpreadsheetApp')).padStart(5)} | ` +
          `${String(c.total('FormApp')).padStart(5)} | ${`${c.total()}${scheduled}`.padStart(14)} | ${last.ms.toFixed(1).padStart(6)}`,
      );
    }
  }
  return [
    'Триггер отправки формы (только отметка в очереди): вызовы сервисов Apps Script и время в локальной среде',
    'реестр  | форма                  | Sheet | Forms | всего          | мс',
    ...rows,
  ].join('\n');
}

/**
 * The drain: batches of 1, 100 and 10,000 waiting answers over registers of `registerRows` rows — one read of each
 * sheet it needs and one write per changed sheet, whatever the batch.
 */
export function benchDrain(registerRows: number, batches: readonly number[]): string {
  const lines: string[] = [];
  for (const size of batches) {
    const workbook = prepare(registerRows);
    const participation = workbook.runtime.forms.all().find((f) => f.getTitle() === FORMS.participation.title)!;
    const events = workbook.runtime.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
    workbook.runtime.forms.submit(events, { answers: SUBMISSIONS.events, silent: true });
    for (let i = 1; i < size; i++) {
      const answers = {
        ...SUBMISSIONS.participation,
        'ФИО участника': `Педагог ${i} Тестович`,
        'Образовательная организация': `Школа № ${(i % 12) + 1}`,
      };
      workbook.runtime.forms.submit(participation, { answers, imported: true, silent: true });
    }
    workbook.runtime.calls.bySheet = true;
    const { ms, result } = measured(workbook, () => workbook.sandbox.call('runDrain'));
    workbook.runtime.calls.bySheet = false;
    const perSheet = workbook.runtime.calls.perSheet;
    const sheets = (method: string) =>
      Object.entries(perSheet)
        .filter(([k]) => k.startsWith(`Range.${method}@`))
        .map(([k, n]) => `${k.slice(k.indexOf('@') + 1)}${n > 1 ? ` ×${n}` : ''}`);
    const reads = sheets('getValues');
    const writes = sheets('setValues');
    const run = result as { batches: number; report: Record<string, { received: number }> };
    const received = Object.values(run.report).reduce((n, t) => n + t.received, 0);
    lines.push(
      `  ${String(size).padStart(6)} ответов (${received} принято в разбор, пакетов ${run.batches}): ${ms.toFixed(0)} мс, вызовов ${workbook.runtime.calls.total()}`,
    );
    lines.push(`         чтений ${reads.length}: ${reads.join(', ')}`);
    lines.push(`         записей ${writes.length}: ${writes.join(', ')}`);
  }
  return [
    `Разбор очереди на реестрах по ${registerRows} строк: пакет ответов — одно чтение каждого нужного листа, одна запись на изменённый лист`,
    ...lines,
  ].join('\n');
}
