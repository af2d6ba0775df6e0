// Property tests over generated answers (fast-check), mostly valid and some broken on purpose: the pipeline never
// throws; nothing is lost — per run, accepted = the register rows it added or updated (by natural key),
// quarantined = the new «Карантин» rows, received = accepted + quarantined = the rows given; every free-text answer
// reads back from the sheet exactly as typed (never a number, date or formula); the same export loaded twice
// changes nothing.
import fc from 'fast-check';
import { submit, type NumberedSubmission } from '../../src/core/intake/service';
import type { Outcome } from '../../src/core/intake/pipeline';
import { NATURAL_KEYS } from '../../src/core/intake/keyedRegister';
import { FORMS, FORM_IDS, type FormId } from '../../src/core/schema/forms';
import * as C from '../../src/core/schema/choices';
import { SHEETS, type RegisterId } from '../../src/core/schema/sheets';
import { importReference } from '../../src/core/reference';
import { parseCsvTable } from '../../src/core/csv/table';
import { tableToSubmissions } from '../../src/core/intake/responseRows';
import { snapshotOf } from '../../src/gas/workbookPort';
import { generateMunicipality } from '../../src/local/demo/municipality';
import { testWorkbook } from '../support/workbook';

/** What people type into free-text questions, hostile shapes included: each must come back verbatim. */
const freeText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== '') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '=HYPERLINK("http://evil.example","нажми")',
      '=1+1',
      '+7 (999) 123-45-67',
      '-5',
      '@home',
      "'quoted",
      '001',
      '1e3',
      '5E-3',
      '1e400',
      '01.02.2025',
      '12:30',
      '50%',
      '1,5',
      'TRUE',
      'ИСТИНА',
      '<script>alert(1)</script>',
      'ё Ё е',
    ),
  },
);
const names = fc.constantFrom('Иванова Ирина Петровна', 'Петров Пётр Ильич', 'Новикова Дарья Сергеевна', 'Фомина Ольга Игоревна');
const orgs = fc.constantFrom('ОО-1', 'МОУ «Средняя школа № 1»', 'ОО-2', 'МС');
const day = fc.integer({ min: 1, max: 28 }).map((d) => `${String(d).padStart(2, '0')}.09.2025`);
const TITLES = ['Семинар «Функциональная грамотность»', 'Форум молодых педагогов'];
const EVENT_DAYS = ['10.09.2025', '20.09.2025'];
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: '' as const });

/** A valid answer of each form (free-text questions from `freeText`). */
const VALID: Record<FormId, fc.Arbitrary<Record<string, string | string[]>>> = {
  events: fc.record({
    'Название мероприятия': pick(TITLES),
    'Вид мероприятия': pick(C.EVENT_KINDS),
    Уровень: pick(C.EVENT_LEVELS),
    'Дата начала': pick(EVENT_DAYS),
    'Направление, проект': maybe(freeText),
    'Целевая аудитория': fc.subarray([...C.EVENT_AUDIENCES]),
    'Пункт дорожной карты': maybe(freeText),
    'Ссылка на результат': maybe(freeText),
  }),
  iom: fc.record({
    'ФИО педагога': names,
    'Образовательная организация': orgs,
    Должность: pick(C.POSITIONS),
    Предмет: maybe(freeText),
    'Выявленные профессиональные дефициты': fc.subarray([...C.DEFICITS]),
    'Начало реализации ИОМ': day,
    'Куратор ИОМ': maybe(freeText),
    'Статус ИОМ': pick(C.IOM_FORM_STATUSES),
    'Ссылка на ИОМ': maybe(freeText),
  }),
  participation: fc.record({
    Мероприятие: fc.tuple(pick(TITLES), pick(EVENT_DAYS)).map(([t, d]) => `${t} (${d})`),
    'ФИО участника': names,
    'Образовательная организация': orgs,
    'Роль участника': maybe(pick(C.PARTICIPANT_ROLES)),
    'Документ (удостоверение, сертификат)': maybe(freeText),
  }),
  mentoring: fc.record({
    'ФИО наставника': names,
    'ОО наставника': orgs,
    'ФИО наставляемого': names,
    'ОО наставляемого': orgs,
    'Форма наставничества': pick(C.MENTORING_FORMS),
    'Дата начала': day,
    'Ссылка на план': maybe(freeText),
  }),
};

/** Ways an answer is wrong: each must end in «Карантин», never in a register. */
const breaks = (...changes: Record<string, string>[]): fc.Arbitrary<Record<string, string>> => fc.constantFrom(...changes);
const BREAK: Record<FormId, fc.Arbitrary<Record<string, string>>> = {
  events: breaks({ 'Название мероприятия': '' }, { Уровень: 'Районный' }, { 'Дата начала': '2025-09-10junk' }),
  iom: breaks({ 'Образовательная организация': 'Школа № 99' }, { 'Статус ИОМ': 'Готов' }, { 'Начало реализации ИОМ': '31.02.2025' }),
  participation: breaks({ Мероприятие: 'Неизвестное (01.01.2025)' }, { 'ФИО участника': '' }),
  mentoring: breaks({ 'Дата окончания': '01.01.2025' }, { 'Форма наставничества': 'Тьюторство' }),
};

const FREE_TEXT: Record<FormId, string[]> = {
  events: ['Направление, проект', 'Пункт дорожной карты', 'Ссылка на результат'],
  iom: ['Предмет', 'Куратор ИОМ', 'Ссылка на ИОМ'],
  participation: ['Документ (удостоверение, сертификат)'],
  mentoring: ['Ссылка на план'],
};

const answer = fc.constantFrom(...FORM_IDS).chain((form) =>
  // Four valid answers to one broken on purpose.
  fc
    .tuple(VALID[form], fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: BREAK[form] }))
    .map(([valid, broken]) => ({
      form,
      answers: { ...valid, ...(broken ?? {}) },
      broken: Boolean(broken),
    })),
);

/** Register rows by natural key, read back from the sheet through the same snapshot the add-on uses. */
function rowsByKey(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, id: RegisterId): Map<string, Record<string, unknown>> {
  const table = snapshotOf(spreadsheet).table(id);
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < table.size; i++) {
    const row: Record<string, unknown> = {};
    for (const column of SHEETS[id].columns) row[column.header] = table.get(i, column.key);
    out.set(NATURAL_KEYS[id](table, i), row);
  }
  return out;
}

describe('intake properties', () => {
  it('accepted = register rows by key, quarantined = new «Карантин» rows, free text verbatim', () => {
    let acceptedSeen = 0;
    let quarantinedSeen = 0;
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 14 }), fc.emailAddress(), (answers, email) => {
        const wb = testWorkbook();
        // The journal first — every event the participations may name, then the generated ones — so no answer waits
        // for an event of the same run (that path has its own tests).
        const journal = TITLES.flatMap((title) =>
          EVENT_DAYS.map((day) => ({
            form: 'events' as const,
            answers: { 'Название мероприятия': title, 'Вид мероприятия': 'Семинар', Уровень: 'Муниципальный', 'Дата начала': day },
            broken: false,
          })),
        );
        const ordered = [...journal, ...answers.filter((a) => a.form === 'events'), ...answers.filter((a) => a.form !== 'events')];
        const items: NumberedSubmission[] = ordered.map((a, i) => ({
          row: i + 1,
          submission: {
            form: a.form,
            answers: a.answers,
            email: i % 2 ? email : '',
            timestamp: new Date(2025, 9, 1, 0, 0, i),
            responseId: '',
            editUrl: '',
            source: 'Тест',
            sourceKey: `t:${i}`,
          },
        }));
        const { report, outcomes } = submit(wb.deps, items);

        expect(FORM_IDS.reduce((n, f) => n + report[f].received, 0)).toBe(items.length);
        for (const form of FORM_IDS) expect(report[form].received).toBe(report[form].accepted + report[form].quarantined);
        // Quarantined = the new «Карантин» rows (a fresh workbook: all of them), one per rejected answer.
        const quarantined = outcomes.filter((o) => o.status === 'quarantined');
        expect(wb.values('quarantine').length - 1).toBe(quarantined.length);
        expect(quarantined.every((o) => o.status === 'quarantined' && o.created)).toBe(true);
        // Broken answers never reach a register.
        ordered.forEach((a, i) => a.broken && expect(outcomes[i]!.status).toBe('quarantined'));
        // Accepted = the register rows the run added or updated, by natural key; the last answer per key wins.
        const lastByKey = new Map<string, { form: FormId; answers: Record<string, string | string[]> }>();
        outcomes.forEach((o: Outcome, i) => {
          if (o.status === 'accepted') lastByKey.set(`${o.register}|${o.key}`, ordered[i]!);
        });
        for (const form of FORM_IDS) {
          const register = FORMS[form].register;
          const stored = rowsByKey(wb.spreadsheet, register);
          const keys = [...lastByKey.keys()].filter((k) => k.startsWith(`${register}|`)).map((k) => k.slice(register.length + 1));
          expect([...stored.keys()].sort()).toEqual([...new Set(keys)].sort());
          for (const key of keys) {
            const given = lastByKey.get(`${register}|${key}`)!;
            for (const title of FREE_TEXT[form]) {
              const header =
                SHEETS[register].columns.find((c) => c.header === title || (title === 'Ссылка на ИОМ' && c.key === 'link'))?.header ??
                title;
              expect([title, stored.get(key)![header]]).toEqual([title, given.answers[title] ?? '']);
            }
          }
        }
        expect(wb.formulas()).toEqual([]);
        acceptedSeen += outcomes.length - quarantined.length;
        quarantinedSeen += quarantined.length;
      }),
      { numRuns: 40 },
    );
    // The generator reaches both branches, plenty: otherwise the assertions above would test nothing.
    expect(acceptedSeen - 40 * 4).toBeGreaterThan(80); // 145–200 in the draws measured: far from random misses
    expect(quarantinedSeen).toBeGreaterThan(20);
  });

  it('the same export loaded twice changes nothing: no register change, no audit row, no new quarantine row', () => {
    const files = generateMunicipality({ seed: 3, organizations: 4, staff: 60 });
    const wb = testWorkbook();
    const load = () => {
      for (const sheet of ['organizations', 'staff', 'diagnostics'] as const) importReference(wb.deps, sheet, files[`${sheet}.csv`]);
      const items = FORM_IDS.flatMap(
        (form) => tableToSubmissions(form, parseCsvTable(files[`${form}.csv`]), 'Импорт CSV', new Date(2025, 0, 1)).items,
      );
      return submit(wb.deps, items);
    };
    const registers = [
      'organizations',
      'staff',
      'iom',
      'diagnostics',
      'events',
      'participation',
      'mentoring',
      'quarantine',
      'audit',
    ] as const;
    const first = load();
    const snapshot = registers.map((id) => wb.values(id));
    const second = load();
    expect(registers.map((id) => wb.values(id))).toEqual(snapshot);
    expect(second.report).toEqual(first.report);
    expect(first.report.iom.accepted).toBeGreaterThan(10);
    expect(wb.values('quarantine').length - 1).toBe(FORM_IDS.reduce((n, f) => n + first.report[f].quarantined, 0));
  });
});
