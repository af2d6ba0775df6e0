// What one form submission costs, in Apps Script service calls (the quota and latency that matter in Google) and
// in local milliseconds, with registers of 1,000 and 100,000 rows. Calls must not grow.
import { FORMS, type FormId } from '../../core/schema/forms';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { seed } from './seed';

const day = (i: number) => new Date(2025, i % 12, 1 + (i % 28));

function prepare(n: number): LocalWorkbook {
  const workbook = openLocalWorkbook();
  workbook.menu('menuSetupWorkbook');
  seed(workbook, 'organizations', 12, (i) => ({ code: `ОО-${i + 1}`, name: `Школа № ${i + 1}`, type: 'Школа' }));
  seed(workbook, 'staff', n, (i) => ({ name: `Педагог ${i} Тестович`, orgCode: `ОО-${(i % 12) + 1}`, position: 'Учитель', source: 'Реестр' }));
  const person = (i: number) => ({ personName: `Педагог ${i} Тестович`, personOrgCode: `ОО-${(i % 12) + 1}`, personOrgName: `Школа № ${(i % 12) + 1}` });
  seed(workbook, 'iom', n, (i) => ({ ...person(i), position: 'Учитель', start: day(i), status: 'Разработан' }));
  seed(workbook, 'diagnostics', n, (i) => ({ ...person(i), date: day(i), procedure: 'Региональная' }));
  seed(workbook, 'events', n, (i) => ({ title: `Семинар ${i}`, kind: 'Семинар', level: 'Муниципальный', start: day(i), status: 'Проведено' }));
  seed(workbook, 'participation', n, (i) => ({ ...person(i), eventTitle: `Семинар ${i}`, eventStart: day(i), eventLabel: `Семинар ${i}` }));
  seed(workbook, 'mentoring', n, (i) => ({ mentorName: `Педагог ${i} Тестович`, mentorOrgCode: 'ОО-1', menteeName: `Педагог ${i + 1} Тестович`, menteeOrgCode: 'ОО-2', form: 'Педагог — педагог', start: day(i) }));
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
  events: { 'Название мероприятия': 'Семинар наставников', 'Вид мероприятия': 'Семинар', Уровень: 'Муниципальный', 'Дата начала': new Date(2025, 9, 1) },
  participation: { Мероприятие: 'Семинар наставников (01.10.2025)', 'ФИО участника': 'Педагог 7 Тестович', 'Образовательная организация': 'Школа № 8' },
  mentoring: {
    'ФИО наставника': 'Педагог 1 Тестович',
    'ОО наставника': 'Школа № 2',
    'ФИО наставляемого': 'Новикова Анна Сергеевна',
    'ОО наставляемого': 'Школа № 3',
    'Форма наставничества': 'Педагог — молодой специалист',
    'Дата начала': new Date(2025, 9, 1),
  },
};

export function benchTrigger(sizes: readonly number[]): string {
  const rows: string[] = [];
  for (const n of sizes) {
    const workbook = prepare(n);
    const forms = new Map(workbook.runtime.forms.all().map((f) => [f.getTitle(), f]));
    // Only what the add-on's trigger calls is counted and timed, not the harness filling in the response.
    let ms = 0;
    workbook.runtime.setDispatcher((name, event) => {
      workbook.runtime.calls.reset();
      const started = process.hrtime.bigint();
      const result = workbook.sandbox.call(name, event);
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      return result;
    });
    for (const form of Object.keys(SUBMISSIONS) as FormId[]) {
      workbook.runtime.forms.submit(forms.get(FORMS[form].title)!, { answers: SUBMISSIONS[form], email: '' });
      if (process.env.BENCH_DETAIL && n === sizes[0]) process.stderr.write(`${form}: ${JSON.stringify(workbook.runtime.calls.counts)}\n`);
      const c = workbook.runtime.calls;
      rows.push(
        `${String(n).padStart(7)} | ${FORMS[form].title.padEnd(22)} | ${String(c.total('SpreadsheetApp')).padStart(5)} | ` +
          `${String(c.total('FormApp')).padStart(5)} | ${String(c.total()).padStart(5)} | ${ms.toFixed(0).padStart(7)}`,
      );
    }
  }
  return [
    'Одна отправка формы через триггер: вызовы сервисов Apps Script и время в локальной среде',
    'реестр  | форма                  | Sheet | Forms | всего | мс',
    ...rows,
  ].join('\n');
}
