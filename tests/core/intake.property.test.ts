// Property tests over random and hostile answers (fast-check): the pipeline never throws, nothing is lost
// (received = accepted + quarantined for every form), no user text ever becomes a formula, and importing the
// same export twice changes no register.
import fc from 'fast-check';
import { submit, type NumberedSubmission } from '../../src/core/intake/service';
import { FORMS, FORM_IDS, type FormId, type QuestionSpec } from '../../src/core/schema/forms';
import { importReference } from '../../src/core/reference';
import { parseCsvTable } from '../../src/core/csv/table';
import { tableToSubmissions } from '../../src/gas/responseSheets';
import { generateMunicipality } from '../../src/local/demo/municipality';
import { testWorkbook } from '../support/workbook';

const hostile = fc.constantFrom(
  '=HYPERLINK("http://evil.example","нажми")',
  '=1+1',
  '+7 (999) 123-45-67',
  '-5',
  '@home',
  "'quoted",
  '001',
  '01.02.2025',
  'TRUE',
  '<script>alert(1)</script>',
  '  ',
  'ё Ё е',
  '\u0000\u200b',
);
const text = fc.oneof(fc.string({ maxLength: 30 }), hostile, fc.constantFrom('Иванова Ирина Петровна', 'ОО-1', 'МС'));
const dateText = fc.oneof(
  fc.date({ min: new Date(2020, 0, 1), max: new Date(2027, 0, 1), noInvalidDate: true }).map((d) =>
    `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`,
  ),
  text,
);

function answer(question: QuestionSpec): fc.Arbitrary<string | string[]> {
  const options = question.choices ?? (question.choicesFrom === 'organizations' ? ['ОО-1', 'МОУ «Средняя школа № 1»', 'Школа № 99'] : []);
  const pick = options.length ? fc.oneof(fc.constantFrom(...options), text) : text;
  if (question.kind === 'checkbox') return fc.oneof(fc.subarray([...(question.choices ?? [])]), fc.array(text, { maxLength: 3 }), text);
  if (question.kind === 'date') return dateText;
  return fc.oneof(pick, fc.constant(''));
}

const submission = fc.constantFrom(...FORM_IDS).chain((form: FormId) =>
  fc.record(Object.fromEntries(FORMS[form].questions.map((q) => [q.title, answer(q)]))).map((answers) => ({ form, answers })),
);

describe('intake properties', () => {
  it('never throws, loses nothing and stores user text as text', () => {
    fc.assert(
      fc.property(fc.array(submission, { minLength: 1, maxLength: 12 }), fc.emailAddress(), (subs, email) => {
        const wb = testWorkbook();
        const items: NumberedSubmission[] = subs.map((s, i) => ({
          row: i + 1,
          submission: { ...s, email: i % 2 ? email : '', timestamp: new Date(2025, 0, 1, 0, 0, i), responseId: `r${i % 5}`, editUrl: '', source: 'Тест' },
        }));
        const { report } = submit(wb.deps, items);
        for (const form of FORM_IDS) {
          const t = report[form];
          expect(t.received).toBe(t.accepted + t.quarantined);
          expect(t.reasons).toHaveLength(t.quarantined);
        }
        expect(FORM_IDS.reduce((n, f) => n + report[f].received, 0)).toBe(items.length);
        expect(wb.formulas()).toEqual([]);
        // What a user typed in a free-text answer reads back exactly (no «'», no number, no formula).
        const subjects = wb.values('iom').slice(1).map((r) => r[wb.values('iom')[0].indexOf('Предмет')]);
        for (const s of subjects) expect(typeof s).toBe('string');
      }),
      { numRuns: 40 },
    );
  });

  it('hostile answers are kept verbatim as text', () => {
    const wb = testWorkbook();
    const values = ['=HYPERLINK("http://x","y")', '+7 999', '-5', '@home', '001'];
    submit(
      wb.deps,
      values.map((v, i) => ({
        row: i + 1,
        submission: {
          form: 'iom' as const,
          answers: {
            'ФИО педагога': `Педагог ${i}`,
            'Образовательная организация': 'ОО-1',
            Должность: 'Учитель',
            Предмет: v,
            'Начало реализации ИОМ': '01.09.2025',
            'Статус ИОМ': 'Разработан',
          },
          email: '',
          timestamp: new Date(2025, 8, 1, 0, 0, i),
          responseId: '',
          editUrl: '',
          source: 'Тест',
        },
      })),
    );
    const iom = wb.values('iom');
    expect(iom.slice(1).map((r) => r[iom[0].indexOf('Предмет')])).toEqual(values);
    expect(wb.formulas()).toEqual([]);
  });

  it('the same export imported twice leaves every register unchanged', () => {
    const files = generateMunicipality({ seed: 3, organizations: 4, staff: 60 });
    const wb = testWorkbook();
    for (const sheet of ['organizations', 'staff', 'diagnostics'] as const) importReference(wb.deps, sheet, files[`${sheet}.csv`]);
    const items = FORM_IDS.flatMap((form) => tableToSubmissions(form, parseCsvTable(files[`${form}.csv`]), 'Импорт CSV'));
    const registers = ['organizations', 'staff', 'iom', 'diagnostics', 'events', 'participation', 'mentoring', 'quarantine'] as const;
    const first = submit(wb.deps, items);
    const snapshot = registers.map((id) => wb.values(id));
    const second = submit(wb.deps, items);
    expect(registers.map((id) => wb.values(id))).toEqual(snapshot);
    expect(second.report).toEqual(first.report);
    expect(first.report.iom.accepted).toBeGreaterThan(10);
    expect(wb.values('quarantine').length - 1).toBe(FORM_IDS.reduce((n, f) => n + first.report[f].quarantined, 0));
  });
});
