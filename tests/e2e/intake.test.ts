// The live path end to end through build/Code.js: set-up, reference, forms and triggers, responses through the
// form-submit trigger, edits, quarantine and its fix, rebuild from the raw response sheets, the script lock,
// the access list and the IOM life cycle. One workbook; the tests run in order and build on each other.
import { FORMS, FORM_IDS, type FormId } from '../../src/core/schema/forms';
import { SHEETS, type RegisterId } from '../../src/core/schema/sheets';
import {
  aTickLater,
  openBuiltWorkbook,
  ORG_NAMES,
  ORGS_CSV,
  registerPicture,
  rowsOf,
  sheetOf,
  STAFF_CSV,
  TEST_MODE,
  valuesOf,
} from '../support/e2eBuild';

type Form = GoogleAppsScript.Forms.Form;
const METHODIST = 'metodist@klin.example';
const REGISTERS: RegisterId[] = ['iom', 'diagnostics', 'events', 'participation', 'mentoring'];
const d = (y: number, m: number, day: number, h = 0, min = 0) => new Date(y, m - 1, day, h, min);
let clock = d(2025, 9, 20, 9);
/** Distinct, increasing submission times (the rebuild finds a response's id by its timestamp to the second). */
const tick = () => (clock = new Date(clock.getTime() + 60_000));

describe('live intake through the built bundle', () => {
  const wb = openBuiltWorkbook();
  const rt = wb.runtime;
  const form = (id: FormId): Form => {
    const f = rt.forms.all().find((x) => x.getTitle() === FORMS[id].title);
    if (!f) throw new Error(`нет формы ${id}`);
    return f;
  };
  const audit = () => rowsOf(wb, 'audit');
  const quarantineRows = () => rowsOf(wb, 'quarantine');
  const responseSheetRows = (id: FormId) => valuesOf(wb, `Ответы — ${FORMS[id].title}`).length - 1;
  /** The response id a register row carries: the response sheet's id and the row of the answer in it. */
  const responseRowId = (id: FormId, row: number) => `${sheetOf(wb, `Ответы — ${FORMS[id].title}`).getSheetId()}:${row}`;

  test('set-up and the reference through rpcImportReference (SPEC §3 CSV columns)', () => {
    wb.menu('menuSetupWorkbook');
    const orgs = wb.rpc<{ rows: number; added: number; problems: unknown[] }>('rpcImportReference', {
      sheet: 'organizations',
      csvText: ORGS_CSV,
    });
    expect(orgs).toMatchObject({ rows: 3, added: 3, problems: [] });
    const staff = wb.rpc<{ rows: number; added: number; problems: unknown[] }>('rpcImportReference', {
      sheet: 'staff',
      csvText: STAFF_CSV,
    });
    expect(staff).toMatchObject({ rows: 5, added: 5, problems: [] });
    expect(rowsOf(wb, 'organizations').map((r) => r['Тип ОО'])).toEqual(['Школа', 'Детский сад', 'Методическая служба']);
    expect(rowsOf(wb, 'staff').map((r) => r['Источник'])).toEqual(Array(5).fill('Реестр'));
  });

  test('«Создать формы»: 4 forms with the exact titles and questions, hidden response sheets, 3 triggers', () => {
    // Set-up installed the scheduler's one time-driven trigger; the forms add the spreadsheet's two.
    expect(rt.triggers.all().map((t) => t.getHandlerFunction())).toEqual(['onSchedulerTrigger']);
    wb.menu('menuCreateForms');
    const forms = rt.forms.all();
    expect(forms.map((f) => f.getTitle()).sort()).toEqual(FORM_IDS.map((id) => FORMS[id].title).sort());
    for (const id of FORM_IDS) {
      const f = form(id);
      expect(f.getItems().map((i) => i.getTitle())).toEqual(FORMS[id].questions.map((q) => q.title));
      const required = f.getItems().map((i) => {
        const t = String(i.getType());
        const typed = (i as unknown as Record<string, () => { isRequired(): boolean }>)[
          {
            TEXT: 'asTextItem',
            PARAGRAPH_TEXT: 'asParagraphTextItem',
            LIST: 'asListItem',
            MULTIPLE_CHOICE: 'asMultipleChoiceItem',
            CHECKBOX: 'asCheckboxItem',
            DATE: 'asDateItem',
          }[t]!
        ]!();
        return typed.isRequired();
      });
      expect(required).toEqual(FORMS[id].questions.map((q) => Boolean(q.required)));
      expect(f.collectsEmail()).toBe(FORMS[id].collectsEmail);
      expect(f.getDestinationId()).toBe(wb.spreadsheet.getId());
      const sheet = sheetOf(wb, `Ответы — ${FORMS[id].title}`);
      expect(sheet.isSheetHidden()).toBe(true);
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      expect(header).toEqual([
        'Отметка времени',
        ...(FORMS[id].collectsEmail ? ['Адрес электронной почты'] : []),
        ...FORMS[id].questions.map((q) => q.title),
      ]);
    }
    // One form-submit trigger of the spreadsheet serves all four forms; the scheduler's tick drains what waits.
    const triggers = rt.triggers.all().map((t) => [t.getHandlerFunction(), String(t.getEventType()), t.getTriggerSourceId()]);
    expect(triggers).toEqual([
      ['onSchedulerTrigger', 'CLOCK', null],
      ['onResponseTrigger', 'ON_FORM_SUBMIT', wb.spreadsheet.getId()],
      ['onSheetEditTrigger', 'ON_EDIT', wb.spreadsheet.getId()],
    ]);
  });

  test('«Создать формы» again creates no duplicate form, sheet or trigger', () => {
    const sheets = wb.spreadsheet.getNumSheets();
    wb.menu('menuCreateForms');
    expect(rt.forms.all().length).toBe(4);
    expect(rt.triggers.all().length).toBe(3);
    expect(wb.spreadsheet.getNumSheets()).toBe(sheets);
    expect(rt.ui.alerts.at(-1)!.message).toContain('Все формы уже созданы.');
  });

  test('every ОО dropdown offers exactly the ОО names', () => {
    const orgQuestions = ['Образовательная организация', 'ОО наставника', 'ОО наставляемого', 'Организатор'];
    let checked = 0;
    for (const f of rt.forms.all()) {
      for (const item of f.getItems()) {
        if (!orgQuestions.includes(item.getTitle())) continue;
        const values = item
          .asListItem()
          .getChoices()
          .map((c) => c.getValue());
        expect([...values].sort()).toEqual([...ORG_NAMES].sort());
        checked++;
      }
    }
    expect(checked).toBe(5); // IOM, events (Организатор), participation, mentoring ×2
  });

  let eventLabel = '';
  test('an events response lands in «Мероприятия» with its label, and the participation dropdown offers it', () => {
    const acquisitions = rt.lock.acquisitions;
    rt.forms.submit(form('events'), {
      timestamp: tick(),
      answers: {
        'Название мероприятия': 'Семинар «Функциональная грамотность»',
        'Вид мероприятия': 'Семинар',
        Уровень: 'Муниципальный',
        'Дата начала': d(2025, 9, 15),
        Организатор: ORG_NAMES[2]!,
        'Целевая аудитория': ['Учителя', 'Молодые педагоги'],
        'Пункт дорожной карты': '-5',
      },
    });
    // A template's trigger only marks the answer as waiting (no lock, no register read); an add-on's drains it at once.
    if (TEST_MODE === 'template') expect(rt.lock.acquisitions).toBe(acquisitions);
    else expect(rowsOf(wb, 'events')).toHaveLength(1);
    aTickLater(wb);
    expect(rt.lock.acquisitions).toBeGreaterThan(acquisitions);
    expect(rt.lock.held).toBe(false);
    const events = rowsOf(wb, 'events');
    expect(events).toHaveLength(1);
    eventLabel = 'Семинар «Функциональная грамотность» (15.09.2025)';
    expect(events[0]).toMatchObject({
      'Название мероприятия': 'Семинар «Функциональная грамотность»',
      'Метка для формы': eventLabel,
      Статус: 'Проведено',
      'Код ОО организатора': 'МС',
      'Целевая аудитория': 'Учителя; Молодые педагоги',
      'Пункт дорожной карты': '-5',
    });
    const item = form('participation')
      .getItems()
      .find((i) => i.getTitle() === 'Мероприятие')!;
    expect(
      item
        .asListItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual([eventLabel]);
  });

  let ivanovaResponseId = '';
  test('an IOM for a known person (ФИО+ОО, case/space/ё-insensitive) → «ИОМ» + «Диагностика» rows, roster unchanged', () => {
    const acquisitions = rt.lock.acquisitions;
    const response = rt.forms.submit(form('iom'), {
      timestamp: tick(),
      email: 'ivanova@klin.example',
      answers: {
        'ФИО педагога': '  иванова   ирина ',
        'Образовательная организация': ORG_NAMES[0]!,
        Должность: 'Учитель',
        Предмет: 'Математика',
        'Дата диагностики профессиональных дефицитов': d(2025, 9, 1),
        'Процедура диагностики': 'Муниципальная',
        'Уровень по результатам диагностики': 'Базовый',
        'Выявленные профессиональные дефициты': ['Предметные', 'Метапредметные, функциональная грамотность'],
        'Мероприятия ИОМ': ['Стажировка', 'Семинар, вебинар'],
        'Начало реализации ИОМ': d(2025, 9, 10),
        'Статус ИОМ': 'Разработан',
      },
    });
    ivanovaResponseId = response.getId();
    aTickLater(wb);
    expect(rt.lock.acquisitions).toBeGreaterThan(acquisitions);
    expect(rt.lock.held).toBe(false);
    const iom = rowsOf(wb, 'iom');
    expect(iom).toHaveLength(1);
    expect(iom[0]).toMatchObject({
      'ФИО педагога': 'Иванова Ирина',
      'Код ОО': 'ОО-1',
      ОО: ORG_NAMES[0],
      'Статус ИОМ': 'Разработан',
      'Выявленные профессиональные дефициты': 'Предметные; Метапредметные, функциональная грамотность',
      'Мероприятия ИОМ': 'Стажировка; Семинар, вебинар',
      'ID ответа': responseRowId('iom', 2),
    });
    expect((iom[0]!['Начало реализации ИОМ'] as Date).getTime()).toBe(d(2025, 9, 10).getTime());
    const diagnostics = rowsOf(wb, 'diagnostics');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      ФИО: 'Иванова Ирина',
      'Код ОО': 'ОО-1',
      Процедура: 'Муниципальная',
      Уровень: 'Базовый',
      Источник: 'Форма ИОМ',
    });
    expect(rowsOf(wb, 'staff')).toHaveLength(5);
  });

  test('an IOM for an unknown person joins «Педагоги» as «Добавлен из формы»; formula-like answers stay text', () => {
    rt.forms.submit(form('iom'), {
      timestamp: tick(),
      email: 'novikova@klin.example',
      answers: {
        'ФИО педагога': 'Новикова Вера Сергеевна',
        'Образовательная организация': ORG_NAMES[1]!,
        Должность: 'Воспитатель',
        Предмет: '=HYPERLINK("http://x","y")',
        'Куратор ИОМ': '+7 999',
        'Ссылка на ИОМ': '@home',
        'Начало реализации ИОМ': d(2025, 9, 12),
        'Статус ИОМ': 'Реализуется',
      },
    });
    aTickLater(wb);
    const staff = rowsOf(wb, 'staff');
    expect(staff).toHaveLength(6);
    expect(staff[5]).toMatchObject({
      ФИО: 'Новикова Вера Сергеевна',
      'Код ОО': 'ОО-2',
      Источник: 'Добавлен из формы',
      Email: 'novikova@klin.example',
    });
    const iom = rowsOf(wb, 'iom');
    expect(iom).toHaveLength(2);
    expect(iom[1]).toMatchObject({ Предмет: '=HYPERLINK("http://x","y")', 'Куратор ИОМ': '+7 999', 'Ссылка на ИОМ': '@home' });
    expect(rowsOf(wb, 'diagnostics')).toHaveLength(1); // no diagnostic answers → no diagnostic row
  });

  test('no sheet holds a formula, and «-5» is the text «-5»', () => {
    for (const sheet of wb.spreadsheet.getSheets()) {
      const formulas = sheet.getDataRange().getFormulas();
      expect({ sheet: sheet.getName(), formulas: formulas.flat().filter((f) => f !== '') }).toEqual({
        sheet: sheet.getName(),
        formulas: [],
      });
    }
    expect(rowsOf(wb, 'events')[0]!['Пункт дорожной карты']).toBe('-5');
    expect(rowsOf(wb, 'staff')[5]!['Предмет']).toBe('=HYPERLINK("http://x","y")');
  });

  test('an edited response updates its own row in place, with old → new in «Журнал изменений»', () => {
    const rowsBefore = rowsOf(wb, 'iom').length;
    const auditBefore = audit().length;
    rt.forms.editResponse(ivanovaResponseId, { 'Статус ИОМ': 'Реализуется' }, tick());
    aTickLater(wb);
    const iom = rowsOf(wb, 'iom');
    expect(iom).toHaveLength(rowsBefore);
    expect(iom[0]).toMatchObject({ 'ФИО педагога': 'Иванова Ирина', 'Статус ИОМ': 'Реализуется', 'ID ответа': responseRowId('iom', 2) });
    const changes = audit().slice(auditBefore);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Лист: 'ИОМ', Поле: 'Статус ИОМ', Было: 'Разработан', Стало: 'Реализуется', Кто: 'ivanova@klin.example' }),
      ]),
    );
    expect(responseSheetRows('iom')).toBe(2); // Google's own sheet: the edit replaced the row, no new row
  });

  let quarantineId = '';
  test('a participation for an unknown event → «Карантин» with a Russian reason and every raw answer', () => {
    const before = quarantineRows().length;
    rt.forms.submit(form('participation'), {
      timestamp: tick(),
      email: 'petrov@klin.example',
      imported: true,
      answers: {
        Мероприятие: 'Вебинар, которого нет (01.01.2025)',
        'ФИО участника': 'Петров Пётр Ильич',
        'Образовательная организация': ORG_NAMES[0]!,
        'Роль участника': 'Слушатель',
      },
    });
    aTickLater(wb);
    const rows = quarantineRows();
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ Форма: 'Участие в мероприятии', Статус: 'Ожидает' });
    expect(String(row['Причина'])).toMatch(/Мероприятие «Вебинар, которого нет \(01\.01\.2025\)» не найдено/);
    // Every column of the response sheet's row, the unanswered questions too.
    expect(JSON.parse(String(row['Ответы']))).toEqual({
      Мероприятие: 'Вебинар, которого нет (01.01.2025)',
      'ФИО участника': 'Петров Пётр Ильич',
      'Образовательная организация': ORG_NAMES[0],
      'Роль участника': 'Слушатель',
      'Итоговая аттестация пройдена': '',
      'Документ (удостоверение, сертификат)': '',
      'Адрес электронной почты': 'petrov@klin.example',
    });
    expect(rowsOf(wb, 'participation')).toHaveLength(0);
    quarantineId = String(row['ID записи']);
  });

  test('fixed through rpcQuarantineList + rpcQuarantineReprocess → accepted, «Принято», participation row present', () => {
    type Entry = { id: string; status: string; answers: Record<string, string>; reason: string };
    const list = wb.rpc<{ entries: Entry[] }>('rpcQuarantineList').entries;
    const entry = list.find((e) => e.id === quarantineId)!;
    expect(entry.status).toBe('Ожидает');
    const outcome = wb.rpc<{ status: string }>('rpcQuarantineReprocess', {
      id: entry.id,
      answers: { ...entry.answers, Мероприятие: eventLabel },
    });
    expect(outcome.status).toBe('accepted');
    expect(quarantineRows().find((r) => r['ID записи'] === quarantineId)!['Статус']).toBe('Принято');
    const participation = rowsOf(wb, 'participation');
    expect(participation).toHaveLength(1);
    expect(participation[0]).toMatchObject({ Мероприятие: eventLabel, 'ФИО участника': 'Петров Пётр Ильич', 'Код ОО': 'ОО-1' });
    expect(audit().at(-1)).toMatchObject({ Кто: METHODIST, Действие: 'Карантин: запись принята', Запись: quarantineId });
  });

  test('a mentoring pair (mentee matched ё-insensitively)', () => {
    rt.forms.submit(form('mentoring'), {
      timestamp: tick(),
      email: 'ivanova@klin.example',
      answers: {
        'ФИО наставника': 'Иванова Ирина',
        'ОО наставника': ORG_NAMES[0]!,
        'ФИО наставляемого': '  семенов   олег ',
        'ОО наставляемого': ORG_NAMES[1]!,
        'Форма наставничества': 'Руководитель — руководитель',
        'Наставляемый — молодой специалист': 'Нет',
        'Дата начала': d(2025, 9, 1),
        'Статус пары': 'Действует',
      },
    });
    aTickLater(wb);
    const pairs = rowsOf(wb, 'mentoring');
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      'ФИО наставника': 'Иванова Ирина',
      'ФИО наставляемого': 'Семёнов Олег',
      'Код ОО наставляемого': 'ОО-2',
    });
    expect(rowsOf(wb, 'staff')).toHaveLength(6);
  });

  const picture = () => Object.fromEntries(REGISTERS.map((id) => [id, registerPicture(wb, id)]));
  /** Rows of a register picture keyed by «ID ответа» (the rebuild replays in response-time order). */
  const byResponse = (rows: unknown[][], drop: string[] = []) => {
    const [header = [], ...data] = rows;
    const id = header.indexOf('ID ответа');
    const keep = header.map((h, i) => (drop.includes(String(h)) ? -1 : i)).filter((i) => i >= 0);
    return Object.fromEntries(data.map((r) => [String(r[id]), keep.map((i) => [header[i], r[i]])]));
  };
  test("the IOM sidebar finds a response's edit link on demand and keeps it in the row", () => {
    const sheet = sheetOf(wb, 'ИОМ');
    const links: string[] = [];
    rowsOf(wb, 'iom').forEach((_, i) => {
      wb.spreadsheet.setActiveSelection(sheet.getRange(2 + i, 1));
      links.push(wb.rpc<{ editUrl: string }>('rpcIomCurrent').editUrl);
    });
    const responses = form('iom')
      .getResponses()
      .map((r) => r.getEditResponseUrl());
    expect([...links].sort()).toEqual([...responses].sort());
    expect(rowsOf(wb, 'iom').map((r) => r['Ссылка для редактирования'])).toEqual(links);
  });

  let before: Record<string, unknown[][]> = {};
  let once: Record<string, unknown[][]> = {};
  test('«Пересобрать реестры из ответов форм» (confirmed «Да»), run twice, gives the same registers both times', () => {
    before = picture();
    wb.menu('menuRebuildRegisters');
    expect(rt.ui.alerts.at(-2)!.title).toBe('Пересобрать реестры');
    expect(rt.ui.alerts.at(-1)!.title).toBe('Реестры пересобраны');
    once = picture();
    wb.menu('menuRebuildRegisters');
    expect(picture()).toEqual(once);
  });

  test('the rebuild reproduces «Мероприятия» and «Наставничество» exactly (ignoring «Обновлено»)', () => {
    expect(once.events).toEqual(before.events);
    expect(once.mentoring).toEqual(before.mentoring);
  });

  test('the rebuild reproduces every «ИОМ» row apart from its link and its «Получено»', () => {
    // «Получено» of an edited response becomes the edit time (Google's response sheet keeps only the last
    // submit time), which also reorders the rows; everything the respondent said must be the same.
    const drop = ['Обновлено', 'Получено', 'Ссылка для редактирования'];
    expect(byResponse(once.iom!, drop)).toEqual(byResponse(before.iom!, drop));
    expect(byResponse(once.diagnostics!, ['Обновлено', 'Получено'])).toEqual(byResponse(before.diagnostics!, ['Обновлено', 'Получено']));
  });

  test('the rebuild keeps «Ссылка для редактирования» of the IOM rows', () => {
    const links = (rows: unknown[][]) => {
      const [h = [], ...data] = rows;
      return data.map((r) => r[h.indexOf('Ссылка для редактирования')]).sort();
    };
    expect(links(before.iom!).every((l) => String(l).startsWith('https://'))).toBe(true);
    expect(links(once.iom!)).toEqual(links(before.iom!));
  });

  test('the rebuild keeps the participation a methodist fixed in «Карантин»', () => {
    // The fixed row carries the live response id (quarantineService.toSubmission keeps entry.responseId), so
    // rebuild() drops it as «from a form» and replays the original, still-wrong answer back into «Карантин».
    expect(rowsOf(wb, 'participation').map((r) => r['ФИО участника'])).toEqual(['Петров Пётр Ильич']);
    expect(quarantineRows().filter((r) => r['Статус'] === 'Ожидает')).toHaveLength(0);
  });

  test('while another execution holds the lock, an answer waits in the queue and the next tick takes it', () => {
    const rawBefore = responseSheetRows('events');
    // A methodist's long operation holds the lock when the answer comes (an add-on's submit trigger gives up at
    // once) and when the scheduler ticks: the answer waits.
    rt.lock.simulateContention(true);
    try {
      rt.forms.submit(form('events'), {
        timestamp: tick(),
        answers: {
          'Название мероприятия': 'Круглый стол наставников',
          'Вид мероприятия': 'Круглый стол',
          Уровень: 'Школьный',
          'Дата начала': d(2025, 9, 25),
        },
      });
      aTickLater(wb);
    } finally {
      rt.lock.simulateContention(false);
    }
    expect(responseSheetRows('events')).toBe(rawBefore + 1);
    expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).not.toContain('Круглый стол наставников');
    // The next tick drains it: no methodist had to press anything.
    aTickLater(wb);
    expect(rowsOf(wb, 'events').map((r) => r['Название мероприятия'])).toContain('Круглый стол наставников');
  });

  test('access: a stranger gets «Нет доступа…» until the owner lists her; the sheet cell grants nothing', () => {
    rt.setActiveUser('stranger@x.ru');
    try {
      expect(() => wb.rpc('rpcQuarantineList')).toThrow(/^Нет доступа/);
      const settings = sheetOf(wb, 'Настройки');
      const keys = settings
        .getDataRange()
        .getValues()
        .map((r) => r[0]);
      const row = keys.indexOf('Список доступа') + 1;
      expect(row).toBeGreaterThan(1);
      settings.getRange(row, 2).setValue('coordinator@klin.example, Stranger@X.ru');
      expect(() => wb.rpc('rpcQuarantineList')).toThrow(/^Нет доступа/);
      rt.setActiveUser(METHODIST);
      wb.rpc('rpcSettingsSaveAccess', { emails: ['coordinator@klin.example', 'Stranger@X.ru'] });
      rt.setActiveUser('stranger@x.ru');
      expect(Array.isArray(wb.rpc<{ entries: unknown[] }>('rpcQuarantineList').entries)).toBe(true);
    } finally {
      rt.setActiveUser(METHODIST);
    }
  });

  test('IOM life cycle from the selected row: view, return with a comment, invalid transition, audit', () => {
    const sheet = sheetOf(wb, 'ИОМ');
    const index = rowsOf(wb, 'iom').findIndex((r) => r['ФИО педагога'] === 'Иванова Ирина');
    expect(index).toBeGreaterThanOrEqual(0);
    wb.spreadsheet.setActiveSelection(sheet.getRange(2 + index, 1, 1, 3));
    type View = { index: number; key: string; status: string; comment: string; nextStatuses: string[]; row: Record<string, string> };
    const view = wb.rpc<View>('rpcIomCurrent');
    expect(view.index).toBe(index);
    expect(view.row['ФИО педагога']).toBe('Иванова Ирина');
    expect(view.status).toBe('Реализуется');
    expect(view.nextStatuses).toEqual(['Реализован', 'Не реализован', 'Возвращён на доработку']);

    const change = (status: string, comment: string) =>
      wb.rpc<View>('rpcIomChangeStatus', { index: view.index, key: view.key, status, comment });
    expect(() => change('Возвращён на доработку', '  ')).toThrow(/комментарий/i);
    expect(rowsOf(wb, 'iom')[index]!['Статус ИОМ']).toBe('Реализуется');

    const returned = change('Возвращён на доработку', 'Добавьте сроки мероприятий');
    expect(returned.status).toBe('Возвращён на доработку');
    expect(rowsOf(wb, 'iom')[index]).toMatchObject({
      'Статус ИОМ': 'Возвращён на доработку',
      'Комментарий методиста': 'Добавьте сроки мероприятий',
    });

    expect(() => change('Реализован', 'ok')).toThrow(/Из статуса «Возвращён на доработку» нельзя перейти в «Реализован»/);

    const entries = audit().filter((r) => r['Действие'] === 'Изменение ИОМ методистом');
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Кто: METHODIST, Поле: 'Статус ИОМ', Было: 'Реализуется', Стало: 'Возвращён на доработку' }),
        expect.objectContaining({ Кто: METHODIST, Поле: 'Комментарий методиста', Было: '', Стало: 'Добавьте сроки мероприятий' }),
      ]),
    );
  });

  test('a rebuild keeps what the methodist set in the ИОМ panel; a version the teacher sends later still wins', () => {
    const ivanova = () => rowsOf(wb, 'iom').find((r) => r['ФИО педагога'] === 'Иванова Ирина')!;
    wb.menu('menuRebuildRegisters');
    expect(ivanova()).toMatchObject({ 'Статус ИОМ': 'Возвращён на доработку', 'Комментарий методиста': 'Добавьте сроки мероприятий' });
    // The teacher reworks her IOM and sends it again: her answer is newer than the methodist's change.
    rt.forms.editResponse(ivanovaResponseId, { 'Статус ИОМ': 'Реализуется' }, new Date(rt.now().getTime() + 60_000));
    aTickLater(wb);
    expect(ivanova()['Статус ИОМ']).toBe('Реализуется');
    wb.menu('menuRebuildRegisters');
    expect(ivanova()['Статус ИОМ']).toBe('Реализуется');
    // Returned again; the teacher answers at once, and the rebuild runs before any drain: her version wins.
    const sheet = sheetOf(wb, 'ИОМ');
    wb.spreadsheet.setActiveSelection(sheet.getRange(2 + rowsOf(wb, 'iom').findIndex((r) => r['ФИО педагога'] === 'Иванова Ирина'), 1));
    const view = wb.rpc<{ index: number; key: string }>('rpcIomCurrent');
    wb.rpc('rpcIomChangeStatus', { index: view.index, key: view.key, status: 'Возвращён на доработку', comment: 'Ещё раз' });
    rt.forms.editResponse(ivanovaResponseId, { 'Статус ИОМ': 'Реализуется' }, new Date(rt.now().getTime() + 60_000));
    wb.menu('menuRebuildRegisters');
    expect(ivanova()['Статус ИОМ']).toBe('Реализуется');
  });

  test('a selection outside «ИОМ» is refused in Russian', () => {
    wb.spreadsheet.setActiveSelection(sheetOf(wb, 'Педагоги').getRange('A2'));
    expect(() => wb.rpc('rpcIomCurrent')).toThrow('Откройте лист «ИОМ» и выделите строку с ИОМ.');
  });

  test('the lock is never left held', () => {
    expect(rt.lock.held).toBe(false);
    expect(rt.lock.releases).toBe(rt.lock.acquisitions);
  });

  test('every register row names a sheet of the schema (sanity)', () => {
    for (const id of REGISTERS) expect(valuesOf(wb, SHEETS[id].name)[0]).toEqual(SHEETS[id].columns.map((c) => c.header));
  });
});
