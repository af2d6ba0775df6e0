import fc from 'fast-check';
import { mapFormColumns } from '../../src/core/csv/formColumns';
import { formRowsToSubmissions, orderByTimestamp, type RawSubmission } from '../../src/core/csv/formRows';
import { parseCsvTable } from '../../src/core/csv/table';
import { tableToSubmissions } from '../../src/core/intake/responseRows';
import { FORMS } from '../../src/core/schema/forms';
import { splitCheckboxAnswer } from '../../src/core/text';
import { fixture } from './helpers';

describe('formRowsToSubmissions', () => {
  const table = parseCsvTable(fixture('iom-bom.csv'));
  const subs = formRowsToSubmissions(table, FORMS.iom, mapFormColumns(table.headers, FORMS.iom));

  it('keys answers by question title, splits checkboxes against the options', () => {
    expect(subs).toHaveLength(3);
    const [a, b, c] = subs;
    expect(a.row).toBe(2); // the line Excel shows: the header is line 1
    expect(a.timestamp).toEqual(new Date(2025, 8, 12, 9, 5, 17));
    expect(a.email).toBe('ivanova.ap@klin-edu.ru');
    expect(a.answers['ФИО педагога']).toBe('Иванова Анна Петровна');
    expect(a.answers['Выявленные профессиональные дефициты']).toEqual(['Предметные', 'Метапредметные, функциональная грамотность']);
    expect(a.answers['Мероприятия ИОМ']).toEqual(['Курсы повышения квалификации (ФР ДПП)', 'Семинар, вебинар']);
    expect(b.timestamp).toEqual(new Date(2025, 9, 3, 21, 40, 2));
    expect(b.answers['Предмет']).toBe('=HYPERLINK("http://x","y")');
    expect(b.answers['Выявленные профессиональные дефициты']).toEqual([]);
    expect(b.answers['Мероприятия ИОМ']).toEqual(['Работа в методическом объединении, сообществе']);
    expect(b.answers['Окончание реализации ИОМ']).toBe('');
    expect(c.email).toBe('');
    expect(c.answers['Выявленные профессиональные дефициты']).toEqual(['Методические', 'Цифровые (ИКТ)', 'Работа с детьми с ОВЗ']);
    expect(Object.keys(a.answers)).toEqual(FORMS.iom.questions.map((q) => q.title));
  });

  it('fills absent questions, email and timestamp with empties', () => {
    const t = parseCsvTable('ФИО педагога,Выявленные профессиональные дефициты\n  Иванов  ,\n');
    const [s] = formRowsToSubmissions(t, FORMS.iom, mapFormColumns(t.headers, FORMS.iom));
    expect(s.timestamp).toBeNull();
    expect(s.email).toBe('');
    expect(s.answers['ФИО педагога']).toBe('Иванов');
    expect(s.answers['Мероприятия ИОМ']).toEqual([]);
    expect(s.answers['Статус ИОМ']).toBe('');
  });

  it('keeps an unparseable timestamp as null and unknown checkbox values for validation', () => {
    const t = parseCsvTable('Отметка времени,Мероприятия ИОМ\nвчера,"Семинар, вебинар, Чтение книг"\n');
    const [s] = formRowsToSubmissions(t, FORMS.iom, mapFormColumns(t.headers, FORMS.iom));
    expect(s.timestamp).toBeNull();
    expect(s.answers['Мероприятия ИОМ']).toEqual(['Семинар, вебинар', 'Чтение книг']);
  });
});

describe('checkbox split (property)', () => {
  const checkboxQuestions = Object.values(FORMS).flatMap((f) => f.questions.filter((q) => q.kind === 'checkbox' && q.choices));

  it.each(checkboxQuestions.map((q) => [q.title, q.choices!] as const))(
    'joining any subset of «%s» with «, » and splitting returns it',
    (_title, options) => {
      fc.assert(
        fc.property(fc.subarray([...options]), (subset) => {
          const joined = options.filter((o) => subset.includes(o)).join(', ');
          expect(splitCheckboxAnswer(joined, options)).toEqual(options.filter((o) => subset.includes(o)));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('hostile strings never throw and never lose non-separator text', () => {
    const options = FORMS.iom.questions.find((q) => q.key === 'activities')!.choices!;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.array(fc.constantFrom(...options, ', ', ',', ' ', '"', '=', 'ё', '\n', 'Семинар')).map((a) => a.join('')),
        ),
        (s) => {
          const parts = splitCheckboxAnswer(s, options);
          expect(Array.isArray(parts)).toBe(true);
          for (const p of parts) {
            expect(typeof p).toBe('string');
            expect(p.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('orderByTimestamp', () => {
  const sub = (row: number, t: Date | null): RawSubmission => ({
    row,
    timestamp: t,
    email: '',
    answers: {},
    extra: {},
    sourceKey: `f:${row}`,
  });

  it('is a stable sort with null timestamps last', () => {
    const d = (h: number) => new Date(2025, 0, 1, h);
    const input = [sub(1, d(5)), sub(2, null), sub(3, d(1)), sub(4, d(5)), sub(5, null), sub(6, d(3))];
    expect(orderByTimestamp(input).map((s) => s.row)).toEqual([3, 6, 1, 4, 2, 5]);
    expect(input.map((s) => s.row)).toEqual([1, 2, 3, 4, 5, 6]); // not mutated
  });

  it('property: sorted, stable, a permutation', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null })), (hours) => {
        const input = hours.map((h, i) => sub(i + 1, h === null ? null : new Date(2025, 0, 1, h)));
        const out = orderByTimestamp(input);
        expect(out).toHaveLength(input.length);
        const key = (s: RawSubmission) => (s.timestamp ? s.timestamp.getTime() : Infinity);
        for (let i = 1; i < out.length; i++) {
          expect(key(out[i - 1]) <= key(out[i])).toBe(true);
          if (key(out[i - 1]) === key(out[i])) expect(out[i - 1].row).toBeLessThan(out[i].row);
        }
      }),
    );
  });
});

describe('tableToSubmissions', () => {
  it('an answer without a readable «Отметка времени» is received when the rows are taken in (the caller’s clock), the others keep theirs', () => {
    const t = parseCsvTable('Отметка времени,ФИО педагога\nвчера,Иванов\n12.09.2025 09:05:17,Петров\n');
    const receivedAt = new Date(2031, 4, 6, 7, 8, 9);
    const [first, second] = tableToSubmissions('iom', t, 'Импорт CSV', receivedAt).items.map((i) => i.submission.timestamp);
    expect(first).toEqual(receivedAt);
    expect(second).toEqual(new Date(2025, 8, 12, 9, 5, 17));
  });
});
