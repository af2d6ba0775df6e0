// The intake pipeline (SPEC §5) over the Sheets adapter and the local fakes: what a methodist sees in the sheets.
import { submit, rebuild, type NumberedSubmission } from '../../src/core/intake/service';
import { reprocessOne, listQuarantine, reprocessAll } from '../../src/core/intake/quarantineService';
import type { Submission } from '../../src/core/intake/pipeline';
import type { FormId } from '../../src/core/schema/forms';
import { testWorkbook } from '../support/workbook';

let seq = 0;
const sub = (form: FormId, answers: Submission['answers'], extra: Partial<Submission> = {}): NumberedSubmission => ({
  row: ++seq,
  submission: {
    form,
    answers,
    email: '',
    timestamp: new Date(2025, 8, 1, 10, 0, seq),
    responseId: '',
    editUrl: '',
    source: 'Тест',
    sourceKey: extra.responseId ? `r:${extra.responseId}` : `t:${seq}`,
    ...extra,
  },
});

const iom = (name: string, org = 'МОУ «Средняя школа № 1»', extra: Record<string, string | string[]> = {}) =>
  sub('iom', {
    'ФИО педагога': name,
    'Образовательная организация': org,
    Должность: 'Учитель',
    'Начало реализации ИОМ': '01.09.2025',
    'Статус ИОМ': 'Разработан',
    ...extra,
  });

const column = (values: unknown[][], header: string) => values.slice(1).map((r) => r[values[0].indexOf(header)]);

describe('intake pipeline', () => {
  it('matches a roster person by normalized ФИО + ОО and writes the IOM and its diagnostic', () => {
    const wb = testWorkbook();
    const run = submit(wb.deps, [
      iom('  иванова   ирина петровна ', 'ОО-1', {
        'Дата диагностики профессиональных дефицитов': '15.05.2025',
        'Процедура диагностики': 'Региональная',
        'Выявленные профессиональные дефициты': 'Методические, Метапредметные, функциональная грамотность',
      }),
    ]);
    expect(run.report.iom).toMatchObject({ received: 1, accepted: 1, quarantined: 0 });
    const ioms = wb.values('iom');
    expect(column(ioms, 'ФИО педагога')).toEqual(['Иванова Ирина Петровна']);
    expect(column(ioms, 'Выявленные профессиональные дефициты')).toEqual(['Методические; Метапредметные, функциональная грамотность']);
    expect(column(wb.values('staff'), 'ФИО')).toHaveLength(4);
    const diagnostics = wb.values('diagnostics');
    expect(column(diagnostics, 'Источник')).toEqual(['Форма ИОМ']);
    expect(column(diagnostics, 'Процедура')).toEqual(['Региональная']);
  });

  describe('who is who: the collected e-mail is the respondent (point 5 of «Intake you can trust»)', () => {
    const people = (wb: ReturnType<typeof testWorkbook>) =>
      wb
        .values('staff')
        .slice(1)
        .map((r) => [r[0], r[7], r[11]] as [string, string, string]);

    it('the e-mail finds the person only when her ФИО agrees (normalized), even in another ОО', () => {
      const wb = testWorkbook();
      submit(wb.deps, [
        sub('iom', iom('  иванова  ирина петровна', 'ОО-2').submission.answers, { email: 'IVANOVA@klin.example' }),
        sub('iom', iom('Иванова И. П.').submission.answers, { email: 'ivanova@klin.example' }),
      ]);
      // The first is the roster's Иванова (her e-mail, her ФИО, though she answered for ОО-2); «Иванова И. П.» is
      // not her ФИО: a new person, without Ivanova's e-mail.
      expect(column(wb.values('iom'), 'ФИО педагога')).toEqual(['Иванова Ирина Петровна', 'Иванова И. П.']);
      expect(column(wb.values('iom'), 'Email')).toEqual(['ivanova@klin.example', '']);
      expect(people(wb).at(-1)).toEqual(['Иванова И. П.', '', 'Добавлен из формы']);
    });

    it('a coordinator answering for her colleagues makes each of them their own person, none with her e-mail', () => {
      const wb = testWorkbook();
      const coordinator = 's1@klin.example'; // «Email координатора» of ОО-1
      const participation = (name: string) =>
        sub(
          'participation',
          { Мероприятие: 'Семинар (12.09.2025)', 'ФИО участника': name, 'Образовательная организация': 'ОО-1' },
          { email: coordinator },
        );
      submit(wb.deps, [
        sub('events', {
          'Название мероприятия': 'Семинар',
          'Вид мероприятия': 'Семинар',
          Уровень: 'Школьный',
          'Дата начала': '12.09.2025',
        }),
        participation('Петров Пётр Ильич'),
        participation('Новикова Дарья Сергеевна'),
        participation('Фомина Ольга Игоревна'),
      ]);
      const rows = wb.values('participation');
      expect(column(rows, 'ФИО участника')).toEqual(['Петров Пётр Ильич', 'Новикова Дарья Сергеевна', 'Фомина Ольга Игоревна']);
      expect(column(rows, 'Email')).toEqual(['', '', '']);
      expect(column(rows, 'Кто заполнил')).toEqual([coordinator, coordinator, coordinator]);
      expect(people(wb).slice(-2)).toEqual([
        ['Новикова Дарья Сергеевна', '', 'Добавлен из формы'],
        ['Фомина Ольга Игоревна', '', 'Добавлен из формы'],
      ]);
    });

    it('a person added from a form gets the e-mail only when no one in «Педагоги» has it', () => {
      const wb = testWorkbook();
      submit(wb.deps, [
        sub('iom', iom('Новикова Дарья Сергеевна').submission.answers, { email: 'novikova@klin.example' }),
        sub('iom', iom('Фомина Ольга Игоревна').submission.answers, { email: 'novikova@klin.example' }),
        sub('iom', iom('Новикова Дарья Сергеевна').submission.answers, { email: 'novikova@klin.example' }),
      ]);
      expect(people(wb).slice(-2)).toEqual([
        ['Новикова Дарья Сергеевна', 'novikova@klin.example', 'Добавлен из формы'],
        ['Фомина Ольга Игоревна', '', 'Добавлен из формы'],
      ]);
      expect(column(wb.values('iom'), 'ФИО педагога')).toEqual(['Новикова Дарья Сергеевна', 'Фомина Ольга Игоревна']);
    });

    it("a mentor's e-mail never makes the mentee hers", () => {
      const wb = testWorkbook();
      submit(wb.deps, [
        sub(
          'mentoring',
          {
            'ФИО наставника': 'Иванова Ирина Петровна',
            'ОО наставника': 'ОО-1',
            'ФИО наставляемого': 'Новикова Дарья Сергеевна',
            'ОО наставляемого': 'ОО-1',
            'Форма наставничества': 'Педагог — молодой специалист',
            'Дата начала': '01.09.2025',
          },
          { email: 'ivanova@klin.example' },
        ),
      ]);
      expect(people(wb).at(-1)).toEqual(['Новикова Дарья Сергеевна', '', 'Добавлен из формы']);
      expect(column(wb.values('mentoring'), 'ФИО наставника')).toEqual(['Иванова Ирина Петровна']);
    });
  });

  it('finds an ОО by code, by name, and by a name quoted or punctuated differently', () => {
    const wb = testWorkbook();
    const run = submit(wb.deps, [
      iom('Петров Пётр Ильич', 'оо-1'),
      iom('Сидорова Анна Олеговна', 'МДОУ "Детский сад "Ромашка""'),
      iom('Орлова Мария Андреевна', '  му «учебно-методический   центр» '),
    ]);
    expect(run.report.iom).toMatchObject({ accepted: 3, quarantined: 0 });
    expect(column(wb.values('iom'), 'Код ОО')).toEqual(['ОО-1', 'ОО-2', 'МС']);
  });

  it('adds an unknown person to «Педагоги» with Источник «Добавлен из формы»', () => {
    const wb = testWorkbook();
    submit(wb.deps, [iom('Новикова Дарья Сергеевна')]);
    const staff = wb.values('staff');
    expect(staff.at(-1)).toEqual(expect.arrayContaining(['Новикова Дарья Сергеевна', 'ОО-1', 'Добавлен из формы']));
  });

  it('replaces by natural key: a later submission for the same person and start date updates the row', () => {
    const wb = testWorkbook();
    submit(wb.deps, [iom('Петров Пётр Ильич'), iom('ПЕТРОВ ПЁТР ИЛЬИЧ', 'ОО-1', { 'Статус ИОМ': 'Реализуется' })]);
    expect(column(wb.values('iom'), 'Статус ИОМ')).toEqual(['Реализуется']);
    const audit = wb.values('audit');
    expect(audit.some((r) => r.includes('Статус ИОМ') && r.includes('Разработан') && r.includes('Реализуется'))).toBe(true);
  });

  it('an edited live response updates its own row even when its natural key changed', () => {
    const wb = testWorkbook();
    submit(wb.deps, [sub('iom', iom('Петров Пётр Ильич').submission.answers, { responseId: 'r1' })]);
    submit(wb.deps, [
      sub('iom', { ...iom('Петров Пётр Ильич').submission.answers, 'Начало реализации ИОМ': '2025-10-01' }, { responseId: 'r1' }),
    ]);
    const starts = column(wb.values('iom'), 'Начало реализации ИОМ') as Date[];
    expect(starts.map((d) => d.getMonth())).toEqual([9]);
  });

  it.each([
    [{ 'ФИО педагога': '' }, 'Не заполнен обязательный вопрос «ФИО педагога».'],
    [
      { 'Образовательная организация': 'Школа № 99' },
      'Организация «Школа № 99» (вопрос «Образовательная организация») не найдена в листе «Организации».',
    ],
    [
      { 'Начало реализации ИОМ': '31.02.2025' },
      'Не удалось распознать дату «31.02.2025» в вопросе «Начало реализации ИОМ» (нужно дд.мм.гггг).',
    ],
    [{ 'Окончание реализации ИОМ': '01.01.2025' }, '«Окончание реализации ИОМ» раньше, чем «Начало реализации ИОМ».'],
    [{ Должность: 'Завхоз' }, 'В вопросе «Должность» значение «Завхоз» не из списка вариантов.'],
  ] as [Record<string, string>, string][])('quarantines %o with a Russian reason and every raw answer', (change, reason) => {
    const wb = testWorkbook();
    const item = iom('Петров Пётр Ильич');
    const run = submit(wb.deps, [sub('iom', { ...item.submission.answers, ...change })]);
    expect(run.report.iom).toMatchObject({ received: 1, accepted: 0, quarantined: 1 });
    const [entry] = listQuarantine(wb.deps);
    expect(entry).toMatchObject({ form: 'Учёт ИОМ', status: 'Ожидает', reason });
    expect(entry.answers['ФИО педагога']).toBe({ ...item.submission.answers, ...change }['ФИО педагога']);
    expect(wb.values('iom')).toHaveLength(1);
  });

  it('a participation needs an event of the register, matched by its dropdown label', () => {
    const wb = testWorkbook();
    const event = sub('events', {
      'Название мероприятия': 'Семинар «Функциональная грамотность»',
      'Вид мероприятия': 'Семинар',
      Уровень: 'Муниципальный',
      'Дата начала': '12.09.2025',
    });
    const participation = (label: string) =>
      sub('participation', { Мероприятие: label, 'ФИО участника': 'Петров Пётр Ильич', 'Образовательная организация': 'ОО-1' });
    const run = submit(wb.deps, [
      participation('Семинар «Функциональная грамотность» (12.09.2025)'),
      event,
      participation('семинар «функциональная грамотность» (12.09.2025)'),
    ]);
    expect(run.report.participation).toMatchObject({ received: 2, accepted: 1, quarantined: 1 });
    expect(run.report.participation.reasons[0].reason).toMatch(/Мероприятие «.*» не найдено в листе «Мероприятия»/);
    expect(column(wb.values('events'), 'Статус')).toEqual(['Проведено']);
    expect(column(wb.values('participation'), 'Мероприятие')).toEqual(['Семинар «Функциональная грамотность» (12.09.2025)']);
    // The answer that waited for exactly this event was re-processed by itself when the event was accepted.
    expect(listQuarantine(wb.deps)[0].status).toBe('Принято');
    expect(wb.values('audit').some((r) => String(r[2]).includes('Карантин: запись принята (автоматически: появилось Семинар'))).toBe(true);
    expect(reprocessAll(wb.deps)).toEqual({ accepted: 0, stillQuarantined: 0 });
  });

  it('a fixed quarantined row is accepted; a still-wrong one keeps the fix and the new reason', () => {
    const wb = testWorkbook();
    const bad = sub('mentoring', {
      'ФИО наставника': 'Иванова Ирина Петровна',
      'ОО наставника': 'ОО-1',
      'ФИО наставляемого': 'Петров Пётр Ильич',
      'ОО наставляемого': 'Школа № 5',
      'Форма наставничества': 'Педагог — молодой специалист',
      'Дата начала': '01.09.2025',
    });
    submit(wb.deps, [bad]);
    const [entry] = listQuarantine(wb.deps);
    const again = reprocessOne(wb.deps, entry.id, { ...entry.answers, 'ОО наставляемого': 'Школа № 6' });
    expect(again).toMatchObject({ status: 'quarantined', reason: expect.stringContaining('Школа № 6') });
    expect(listQuarantine(wb.deps)[0].answers['ОО наставляемого']).toBe('Школа № 6');
    const fixed = reprocessOne(wb.deps, entry.id, { ...entry.answers, 'ОО наставляемого': 'МОУ «Средняя школа № 1»' });
    expect(fixed).toMatchObject({ status: 'accepted', register: 'mentoring', action: 'added' });
    expect(listQuarantine(wb.deps)).toHaveLength(1);
    expect(column(wb.values('mentoring'), 'ФИО наставляемого')).toEqual(['Петров Пётр Ильич']);
  });

  it('rebuild replays live responses and keeps imported rows: the same result, twice', () => {
    const wb = testWorkbook();
    const items = [
      sub('iom', iom('Петров Пётр Ильич').submission.answers, { responseId: 'a' }),
      sub('iom', iom('Сидорова Анна Олеговна', 'ОО-2').submission.answers, { responseId: 'b' }),
    ];
    submit(wb.deps, [iom('Иванова Ирина Петровна'), ...items]);
    const before = wb.values('iom').map((r) => r.slice(0, -1));
    rebuild(wb.deps, items);
    rebuild(wb.deps, items);
    expect(wb.values('iom').map((r) => r.slice(0, -1))).toEqual(before);
  });
});
