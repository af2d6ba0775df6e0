// One person, one row (issue 15 point 12): a ФИО pasted from a messenger, a PDF or typed with a letter or two on the
// Latin layout is the same person as the roster's, so «Педагоги» does not grow and no denominator is inflated.
import { submit, type NumberedSubmission } from '../../src/core/intake/service';
import { normalizePersonName } from '../../src/core/text';
import { testWorkbook } from '../support/workbook';

const ROSTER = 'Иванова Ирина Петровна'; // ОО-1 of the test workbook
const key = normalizePersonName(ROSTER);

describe('normalizePersonName', () => {
  it.each([
    ['Latin a, o, e (keyboard left on the Latin layout)', 'Ивaнoвa Иринa Пeтрoвнa'],
    ['Latin capitals that look Cyrillic (caps lock on the Latin layout)', 'ИBAHOBA Ирина Петровна'],
    ['a whole word of look-alikes', 'Иванова Ирина Петровна'.replace('Ирина', 'Иpинa')],
    ['zero-width space and joiner (messengers)', 'Ива\u200bнова Ири\u200dна Петровна'],
    ['soft hyphen (PDF hyphenation)', 'Ива\u00adнова Ирина Петров\u00adна'],
    ['NBSP and a narrow NBSP between the words', 'Иванова\u00a0Ирина\u202fПетровна'],
    ['BOM at the start (a CSV from Excel)', '\ufeffИванова Ирина Петровна'],
    ['a stress mark over a vowel (a dictionary, a PDF)', 'Ива\u0301нова Ири\u0301на Петровна'],
  ])('%s matches the roster', (_, typed) => {
    expect(typed).not.toBe(ROSTER);
    expect(normalizePersonName(typed)).toBe(key);
  });

  it('ё and a decomposed ё equal е; dashes of a double surname are one', () => {
    expect(normalizePersonName('Семёнова-Тян-Шанская Алёна')).toBe(normalizePersonName('Семенова\u2011Тян\u2013Шанская Але\u0308на'));
  });

  it('keeps different people apart: a Latin word with no Cyrillic twin, another letter', () => {
    expect(normalizePersonName('Smith Анна')).toBe('smith анна');
    expect(normalizePersonName('Иванова Ирина Павловна')).not.toBe(key);
    expect(normalizePersonName('Ivanova Irina')).toBe('ivanova irina'); // all Latin: a name as written, not folded
  });
});

let seq = 0;
const iom = (name: string): NumberedSubmission => ({
  row: ++seq,
  submission: {
    form: 'iom',
    answers: {
      'ФИО педагога': name,
      'Образовательная организация': 'ОО-1',
      Должность: 'Учитель',
      'Начало реализации ИОМ': '01.09.2025',
      'Статус ИОМ': 'Разработан',
    },
    email: '',
    timestamp: new Date(2025, 8, 1, 10, 0, seq),
    responseId: '',
    editUrl: '',
    source: 'Тест',
    sourceKey: `t:${seq}`,
  },
});

describe('the intake matches pasted names to the roster person', () => {
  it('four spellings of Иванова add no one to «Педагоги»', () => {
    const wb = testWorkbook();
    const before = wb.values('staff').length;
    const run = submit(wb.deps, [
      iom('Ивaнoвa Иринa Пeтрoвнa'), // Latin a, o, e
      iom('Ива\u200bнова\u00a0Ирина Петровна'), // Telegram: zero-width space, NBSP
      iom('Ива\u00adнова Ирина Петров\u00adна'), // PDF: soft hyphens
      iom('Ива\u0301нова Ирина Петровна'), // stress mark
    ]);
    expect(run.report.iom).toMatchObject({ received: 4, accepted: 4 });
    expect(wb.values('staff')).toHaveLength(before);
  });
});
