// What the quarantine panel is given to show: who answered, the forms' questions with the values the forms offer
// now (ОО names, event labels), checkbox answers split against their options, and every column of the source row.
import { submit, type NumberedSubmission } from '../../src/core/intake/service';
import { quarantinePanel } from '../../src/core/intake/quarantineService';
import type { Submission } from '../../src/core/intake/pipeline';
import type { FormId } from '../../src/core/schema/forms';
import { testWorkbook } from '../support/workbook';

let row = 0;
const sub = (form: FormId, answers: Submission['answers']): NumberedSubmission => ({
  row: ++row,
  submission: {
    form,
    answers,
    email: 'coordinator@klin.example',
    timestamp: new Date(2025, 8, 12, 10, row),
    responseId: '',
    editUrl: '',
    source: 'Импорт CSV',
    sourceKey: `t:${row}`,
  },
});

test('mentoring pair, events offered by label, extra columns kept', () => {
  const wb = testWorkbook();
  submit(wb.deps, [
    sub('events', {
      'Название мероприятия': 'Семинар наставников',
      'Вид мероприятия': 'Семинар',
      Уровень: 'Муниципальный',
      'Дата начала': '12.09.2025',
    }),
    sub('events', {
      'Название мероприятия': 'Отменённый вебинар',
      'Вид мероприятия': 'Вебинар',
      Уровень: 'Муниципальный',
      'Дата начала': '13.09.2025',
      Статус: 'Отменено',
    }),
    sub('mentoring', {
      'ФИО наставника': 'Иванова Ирина Петровна',
      'ОО наставника': 'МОУ «Средняя школа № 1»',
      'ФИО наставляемого': 'Петров Пётр Ильич',
      'ОО наставляемого': 'Школа № 6',
      'Форма наставничества': 'Педагог — педагог',
      'Дата начала': '01.09.2025',
      'Комментарий координатора': 'пара из прошлого года',
    }),
  ]);
  const { entries, questions } = quarantinePanel(wb.deps);
  expect(entries).toHaveLength(1);
  const [pair] = entries;
  expect(pair!.respondent).toEqual({
    name: 'Иванова Ирина Петровна → Петров Пётр Ильич',
    org: 'МОУ «Средняя школа № 1»',
    email: 'coordinator@klin.example',
  });
  expect(Object.keys(pair!.answers).at(-1)).toBe('Комментарий координатора');
  expect(pair!.answers['Комментарий координатора']).toBe('пара из прошлого года');

  const event = questions['Участие в мероприятии']!.find((q) => q.title === 'Мероприятие')!;
  expect(event).toEqual({ title: 'Мероприятие', kind: 'list', required: true, choices: ['Семинар наставников (12.09.2025)'] });
  const org = questions['Наставничество']!.find((q) => q.title === 'ОО наставляемого')!;
  expect(org.choices).toEqual(['МДОУ «Детский сад «Ромашка»»', 'МОУ «Средняя школа № 1»', 'МУ «Учебно-методический центр»']);
  expect(questions['Учёт ИОМ']![0]).toEqual({ title: 'Адрес электронной почты', kind: 'text', required: false, choices: [] });
});
