// The declarative description of every sheet of the workbook (SPEC §2–§3). Set-up, validation, CSV import and
// the register snapshot all read their columns from here; nothing else spells a header.
import * as C from './choices';

export type ColumnKind =
  | 'text' // free text, stored as text (never a formula)
  | 'email' // one address
  | 'emails' // addresses separated by commas (an ОО's coordinators)
  | 'url'
  | 'date' // a calendar day, stored as a Date at local midnight
  | 'datetime'
  | 'int'
  | 'number'
  | 'choice' // one of `choices`
  | 'multi'; // any of `choices`, joined with MULTI_SEPARATOR in the sheet

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly choices?: readonly string[];
  /** A dropdown that suggests but still accepts other values (a roster keeps what the municipality calls a post). */
  readonly openChoice?: boolean;
  readonly required?: boolean;
  readonly width?: number;
  /**
   * Formatted as plain text («@»): what is typed stays as typed — «2.2» or «1.10» typed by hand in Google's ru_RU
   * locale would otherwise become a date or a number. Set-up formats the column; the port writes its values as text.
   */
  readonly plainText?: boolean;
}

export type SheetRole = 'reference' | 'register' | 'indicators' | 'dashboard' | 'log' | 'settings';

/** A municipal workbook accounts one municipality; a regional one consolidates municipal workbooks (SPEC §2). */
export type WorkbookKind = 'municipal' | 'regional';

export interface SheetSpec {
  readonly id: SheetId;
  readonly name: string;
  readonly role: SheetRole;
  readonly columns: readonly ColumnSpec[];
  /** Filled by the add-on only: protected against hand edits (a warning in Google Sheets). */
  readonly computed?: boolean;
  /** The workbooks that have this sheet; absent = the municipal workbook only. */
  readonly kinds?: readonly WorkbookKind[];
}

export const MULTI_SEPARATOR = '; ';

const col = (key: string, header: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind,
  ...extra,
});
const choice = (key: string, header: string, choices: readonly string[], extra: Partial<ColumnSpec> = {}) =>
  col(key, header, 'choice', { choices, ...extra });
const multi = (key: string, header: string, choices: readonly string[], extra: Partial<ColumnSpec> = {}) =>
  col(key, header, 'multi', { choices, ...extra });

/**
 * Columns every form-fed register carries, so an edited response finds its own row and the audit can tell when and
 * who filled it in (a coordinator may answer for a colleague: «Кто заполнил» is the form's collected e-mail).
 */
const intakeTrail: readonly ColumnSpec[] = [
  col('respondent', 'Кто заполнил', 'email', { width: 200 }),
  col('responseId', 'ID ответа', 'text', { width: 120 }),
  col('receivedAt', 'Получено', 'datetime', { width: 140 }),
  col('updatedAt', 'Обновлено', 'datetime', { width: 140 }),
];

const personColumns = (prefix: string, fio: string, orgName: string): ColumnSpec[] => [
  col(`${prefix}Name`, fio, 'text', { required: true, width: 240 }),
  col(`${prefix}OrgCode`, `Код ${orgName}`, 'text', { width: 90 }),
  col(`${prefix}OrgName`, orgName, 'text', { width: 240 }),
];

export const SHEETS = {
  organizations: {
    id: 'organizations',
    name: 'Организации',
    role: 'reference',
    columns: [
      col('code', 'Код ОО', 'text', { required: true, width: 90 }),
      col('name', 'Наименование', 'text', { required: true, width: 320 }),
      col('municipality', 'Муниципалитет', 'text', { width: 160 }),
      choice('type', 'Тип ОО', C.ORG_TYPES, { required: true, width: 200 }),
      multi('statuses', 'Статусы', C.ORG_STATUSES, { width: 200 }),
      col('headcount', 'Численность работников (ОО-1)', 'int', { width: 120 }),
      col('coordinatorEmail', 'Email координатора', 'emails', { width: 220 }),
    ],
  },
  staff: {
    id: 'staff',
    name: 'Педагоги',
    role: 'reference',
    columns: [
      col('name', 'ФИО', 'text', { required: true, width: 240 }),
      col('orgCode', 'Код ОО', 'text', { required: true, width: 90 }),
      choice('position', 'Должность', C.POSITIONS, { openChoice: true, width: 200 }),
      col('subject', 'Предмет', 'text', { width: 160 }),
      col('birthDate', 'Дата рождения', 'date', { width: 110 }),
      col('careerStart', 'Дата начала педагогической деятельности', 'date', { width: 130 }),
      col('category', 'Квалификационная категория', 'text', { width: 140 }),
      col('email', 'Email', 'email', { width: 220 }),
      multi('roles', 'Роли', C.STAFF_ROLES, { width: 180 }),
      col('association', 'Методическое объединение', 'text', { width: 200 }),
      choice('youngSpecialist', 'Молодой специалист', C.YES_ONLY, { width: 110 }),
      choice('source', 'Источник', C.STAFF_SOURCES, { width: 150 }),
    ],
  },
  iom: {
    id: 'iom',
    name: 'ИОМ',
    role: 'register',
    columns: [
      ...personColumns('person', 'ФИО педагога', 'ОО'),
      col('email', 'Email', 'email', { width: 200 }),
      choice('position', 'Должность', C.POSITIONS, { required: true, width: 180 }),
      col('subject', 'Предмет', 'text', { width: 140 }),
      col('diagnosticDate', 'Дата диагностики профессиональных дефицитов', 'date', { width: 120 }),
      choice('procedure', 'Процедура диагностики', C.DIAGNOSTIC_PROCEDURES, { width: 130 }),
      choice('level', 'Уровень по результатам диагностики', C.DIAGNOSTIC_LEVELS, { width: 130 }),
      multi('deficits', 'Выявленные профессиональные дефициты', C.DEFICITS, { width: 260 }),
      multi('activities', 'Мероприятия ИОМ', C.IOM_ACTIVITIES, { width: 260 }),
      col('start', 'Начало реализации ИОМ', 'date', { required: true, width: 110 }),
      col('end', 'Окончание реализации ИОМ', 'date', { width: 110 }),
      col('curator', 'Куратор ИОМ', 'text', { width: 180 }),
      choice('status', 'Статус ИОМ', C.IOM_STATUSES, { required: true, width: 160 }),
      col('methodistComment', 'Комментарий методиста', 'text', { width: 240 }),
      col('link', 'Ссылка на ИОМ', 'url', { width: 200 }),
      col('editUrl', 'Ссылка для редактирования', 'url', { width: 200 }),
      ...intakeTrail,
    ],
  },
  diagnostics: {
    id: 'diagnostics',
    name: 'Диагностика',
    role: 'register',
    columns: [
      col('personName', 'ФИО', 'text', { required: true, width: 240 }),
      col('personOrgCode', 'Код ОО', 'text', { required: true, width: 90 }),
      col('email', 'Email', 'email', { width: 200 }),
      col('date', 'Дата диагностики', 'date', { required: true, width: 110 }),
      choice('procedure', 'Процедура', C.DIAGNOSTIC_PROCEDURES, { required: true, width: 130 }),
      choice('level', 'Уровень', C.DIAGNOSTIC_LEVELS, { width: 130 }),
      multi('deficits', 'Дефициты', C.DEFICITS, { width: 260 }),
      col('source', 'Источник', 'text', { width: 130 }),
      ...intakeTrail,
    ],
  },
  events: {
    id: 'events',
    name: 'Мероприятия',
    role: 'register',
    columns: [
      col('title', 'Название мероприятия', 'text', { required: true, width: 300 }),
      choice('kind', 'Вид мероприятия', C.EVENT_KINDS, { required: true, width: 200 }),
      choice('level', 'Уровень', C.EVENT_LEVELS, { required: true, width: 130 }),
      col('start', 'Дата начала', 'date', { required: true, width: 110 }),
      col('end', 'Дата окончания', 'date', { width: 110 }),
      choice('format', 'Формат', C.EVENT_FORMATS, { width: 120 }),
      col('organizerCode', 'Код ОО организатора', 'text', { width: 90 }),
      col('organizer', 'Организатор', 'text', { width: 240 }),
      col('direction', 'Направление, проект', 'text', { width: 200 }),
      multi('audience', 'Целевая аудитория', C.EVENT_AUDIENCES, { width: 220 }),
      choice('dpp', 'Программа из ФР ДПП', C.YES_NO, { width: 110 }),
      col('roadmapItem', 'Пункт дорожной карты', 'text', { width: 120 }),
      choice('status', 'Статус', C.EVENT_STATUSES, { required: true, width: 130 }),
      col('participants', 'Количество участников', 'int', { width: 110 }),
      col('resultLink', 'Ссылка на результат', 'url', { width: 200 }),
      col('label', 'Метка для формы', 'text', { width: 300 }),
      ...intakeTrail,
    ],
  },
  participation: {
    id: 'participation',
    name: 'Участие',
    role: 'register',
    columns: [
      col('eventLabel', 'Мероприятие', 'text', { required: true, width: 300 }),
      col('eventTitle', 'Название мероприятия', 'text', { width: 260 }),
      col('eventStart', 'Дата начала мероприятия', 'date', { width: 110 }),
      ...personColumns('person', 'ФИО участника', 'ОО'),
      col('email', 'Email', 'email', { width: 200 }),
      choice('role', 'Роль участника', C.PARTICIPANT_ROLES, { width: 160 }),
      choice('certified', 'Итоговая аттестация пройдена', C.YES_NO, { width: 110 }),
      col('document', 'Документ (удостоверение, сертификат)', 'text', { width: 200 }),
      ...intakeTrail,
    ],
  },
  mentoring: {
    id: 'mentoring',
    name: 'Наставничество',
    role: 'register',
    columns: [
      ...personColumns('mentor', 'ФИО наставника', 'ОО наставника'),
      ...personColumns('mentee', 'ФИО наставляемого', 'ОО наставляемого'),
      choice('form', 'Форма наставничества', C.MENTORING_FORMS, { required: true, width: 240 }),
      choice('menteeYoung', 'Наставляемый — молодой специалист', C.YES_NO, { width: 120 }),
      col('start', 'Дата начала', 'date', { required: true, width: 110 }),
      col('end', 'Дата окончания', 'date', { width: 110 }),
      choice('status', 'Статус пары', C.MENTORING_STATUSES, { width: 120 }),
      col('planLink', 'Ссылка на план', 'url', { width: 200 }),
      ...intakeTrail,
    ],
  },
  // The items of the municipality's комплекс мер (SPEC §3); a preset loads its document's, a methodist marks them.
  roadmap: {
    id: 'roadmap',
    name: 'Дорожная карта',
    role: 'register',
    columns: [
      col('item', 'Пункт', 'text', { required: true, width: 70, plainText: true }),
      col('action', 'Мероприятие', 'text', { required: true, width: 360 }),
      col('deadline', 'Срок', 'text', { width: 180 }),
      col('responsible', 'Ответственный', 'text', { width: 240 }),
      col('expected', 'Ожидаемый результат', 'text', { width: 240 }),
      choice('kind', 'Вид', C.ROADMAP_KINDS, { width: 120 }),
      choice('mark', 'Отметка о выполнении', C.ROADMAP_MARKS, { width: 170 }),
      col('doneDate', 'Дата выполнения', 'date', { width: 110 }),
      col('proof', 'Подтверждение', 'url', { width: 200 }),
      col('comment', 'Комментарий', 'text', { width: 240 }),
      col('source', 'Источник', 'text', { width: 260 }),
    ],
  },
  indicators: {
    id: 'indicators',
    name: 'Показатели',
    role: 'indicators',
    columns: [
      col('code', 'Код', 'text', { width: 60 }),
      col('title', 'Показатель', 'text', { width: 360 }),
      col('unit', 'Ед. изм.', 'text', { width: 70 }),
      col('measure', 'Расчёт', 'text', { width: 180 }),
      col('params', 'Параметры', 'text', { width: 200 }),
      col('period', 'Период', 'text', { width: 180 }),
      // A plan is a number, or a word for a «manual» row («Да»): a number column reads a word as text.
      col('plan2023', 'План 2023', 'number', { width: 80 }),
      col('plan2024', 'План 2024', 'number', { width: 80 }),
      col('plan2025', 'План 2025', 'number', { width: 80 }),
      col('plan2026', 'План 2026', 'number', { width: 80 }),
      choice('comparison', 'Сравнение', C.COMPARATORS, { width: 80 }),
      col('dataSource', 'Источник данных', 'text', { width: 180 }),
      col('frequency', 'Периодичность', 'text', { width: 120 }),
      col('responsible', 'Ответственный', 'text', { width: 160 }),
      col('numerator', 'Числитель', 'number', { width: 90 }),
      col('denominator', 'Знаменатель', 'number', { width: 90 }),
      col('fact', 'Факт', 'number', { width: 80 }),
      col('plan', 'План', 'number', { width: 80 }),
      col('deviation', 'Отклонение', 'number', { width: 90 }),
      // «Динамика» (SPEC §6): the same period one year earlier, from the same recompute.
      col('previousFact', 'Факт год назад', 'number', { width: 90 }),
      col('change', 'Динамика', 'number', { width: 90 }),
      col('previousNumerator', 'Числитель год назад', 'number', { width: 90 }),
      col('previousDenominator', 'Знаменатель год назад', 'number', { width: 90 }),
      col('previousPeriod', 'Период год назад', 'text', { width: 170 }),
      // Every year the registers hold, with its counts (core/indicators/history.ts): the dashboards' trends.
      col('history', 'Факт по годам', 'text', { width: 260 }),
      col('status', 'Статус', 'text', { width: 110 }),
      // Where ОО-1 and «Педагоги» disagree (SPEC §6), one a line; read back by readKpiReport.
      col('warnings', 'Предупреждения', 'text', { width: 320 }),
      col('calcPeriod', 'Период расчёта', 'text', { width: 170 }),
      col('scope', 'Охват', 'text', { width: 130 }),
      col('explanation', 'Как считается', 'text', { width: 320 }),
      col('computedAt', 'Рассчитано', 'datetime', { width: 140 }),
    ],
  },
  indicatorsByOrg: {
    id: 'indicatorsByOrg',
    name: 'Показатели по ОО',
    role: 'indicators',
    computed: true,
    columns: [
      col('orgCode', 'Код ОО', 'text', { width: 90 }),
      col('orgName', 'Наименование', 'text', { width: 300 }),
      col('indicatorCode', 'Код показателя', 'text', { width: 90 }),
      col('indicator', 'Показатель', 'text', { width: 320 }),
      col('numerator', 'Числитель', 'number', { width: 90 }),
      col('denominator', 'Знаменатель', 'number', { width: 90 }),
      col('fact', 'Факт', 'number', { width: 80 }),
      col('computedAt', 'Рассчитано', 'datetime', { width: 140 }),
    ],
  },
  // The regional workbook (SPEC §2): the municipal workbooks it reads and what it made of them.
  municipalities: {
    id: 'municipalities',
    name: 'Муниципалитеты',
    role: 'reference',
    kinds: ['regional'],
    columns: [
      // A methodist pastes the workbooks' links or ids into the first column; «Обновить сводку» keeps the id.
      col('workbook', 'Книга (ссылка или ID)', 'text', { required: true, width: 320 }),
      // Filled from the workbook's title when left empty.
      col('name', 'Муниципалитет', 'text', { width: 220 }),
      choice('read', 'Прочитана', C.YES_NO, { width: 90 }),
      col('checkedAt', 'Проверена', 'datetime', { width: 140 }),
      col('reason', 'Почему не прочитана', 'text', { width: 420 }),
      col('preset', 'Набор показателей', 'text', { width: 120 }),
      col('computedAt', 'Показатели рассчитаны', 'datetime', { width: 140 }),
      col('period', 'Период', 'text', { width: 170 }),
      // Its «Дорожная карта» on the day of the refresh (held events included): for the ministry's letter.
      col('roadmapItems', 'Пунктов дорожной карты', 'int', { width: 110 }),
      col('roadmapOverdue', 'Просрочено пунктов', 'int', { width: 110 }),
    ],
  },
  regionIndicators: {
    id: 'regionIndicators',
    name: 'Сводные показатели',
    role: 'indicators',
    computed: true,
    kinds: ['regional'],
    columns: [
      col('municipality', 'Муниципалитет', 'text', { width: 220 }),
      col('code', 'Код', 'text', { width: 60 }),
      col('indicator', 'Показатель', 'text', { width: 360 }),
      col('unit', 'Ед. изм.', 'text', { width: 70 }),
      col('numerator', 'Числитель', 'number', { width: 90 }),
      col('denominator', 'Знаменатель', 'number', { width: 90 }),
      // A percentage, a count, people per methodist; for a typed («manual») indicator the words.
      col('value', 'Значение', 'number', { width: 90 }),
      col('plan', 'План', 'number', { width: 80 }),
      col('comparison', 'Сравнение', 'text', { width: 80 }),
      col('status', 'Статус', 'text', { width: 110 }),
      col('period', 'Период', 'text', { width: 170 }),
      col('explanation', 'Как считается', 'text', { width: 320 }),
      col('computedAt', 'Рассчитано', 'datetime', { width: 140 }),
      // Every year known for the row: the municipality's years as read, earlier refreshes' kept (region/service.ts).
      col('history', 'Факт по годам', 'text', { width: 260 }),
      // Which workbook a row comes from (empty on the region's totals): the key of a municipality's rows.
      col('workbookId', 'ID книги', 'text', { width: 120 }),
    ],
  },
  // Not a table: charts over small data ranges, all written by «Маршрут» (core/dashboard/sheetLayout.ts). Row 1 is
  // its title; each rebuild rewrites the whole sheet below it and widens the grid to the layout.
  dashboard: {
    id: 'dashboard',
    name: 'Дашборд',
    role: 'dashboard',
    computed: true,
    kinds: ['municipal', 'regional'],
    columns: [col('title', 'Дашборд', 'text', { width: 100 })],
  },
  quarantine: {
    id: 'quarantine',
    name: 'Карантин',
    role: 'log',
    columns: [
      col('id', 'ID записи', 'text', { width: 110 }),
      col('form', 'Форма', 'text', { width: 170 }),
      col('receivedAt', 'Получено', 'datetime', { width: 140 }),
      col('reason', 'Причина', 'text', { width: 360 }),
      choice('status', 'Статус', C.QUARANTINE_STATUSES, { width: 110 }),
      col('answers', 'Ответы', 'text', { width: 420 }),
      col('responseId', 'ID ответа', 'text', { width: 120 }),
      col('source', 'Источник', 'text', { width: 140 }),
      col('processedAt', 'Обработано', 'datetime', { width: 140 }),
      // Which answer this is at its source (a response, a file row): one row per answer, never two.
      col('sourceKey', 'Ключ ответа', 'text', { width: 120 }),
      // What the answer waits for (an event, an ОО): when it is accepted, the row is re-processed by itself.
      col('waitsFor', 'Ждёт появления', 'text', { width: 200 }),
    ],
  },
  audit: {
    id: 'audit',
    name: 'Журнал изменений',
    role: 'log',
    computed: true,
    kinds: ['municipal', 'regional'],
    columns: [
      col('at', 'Когда', 'datetime', { width: 140 }),
      col('who', 'Кто', 'text', { width: 200 }),
      col('action', 'Действие', 'text', { width: 220 }),
      col('sheet', 'Лист', 'text', { width: 130 }),
      col('key', 'Запись', 'text', { width: 300 }),
      col('field', 'Поле', 'text', { width: 200 }),
      col('before', 'Было', 'text', { width: 200 }),
      col('after', 'Стало', 'text', { width: 200 }),
    ],
  },
  mailings: {
    id: 'mailings',
    name: 'Рассылки',
    role: 'log',
    computed: true,
    columns: [
      col('at', 'Когда', 'datetime', { width: 140 }),
      col('recipient', 'Получатель', 'email', { width: 220 }),
      col('kind', 'Тип', 'text', { width: 140 }),
      col('period', 'Период', 'text', { width: 120 }),
      col('status', 'Статус', 'text', { width: 120 }),
      col('subject', 'Тема', 'text', { width: 320 }),
    ],
    kinds: ['municipal', 'regional'],
  },
  settings: {
    id: 'settings',
    name: 'Настройки',
    role: 'settings',
    kinds: ['municipal', 'regional'],
    columns: [
      col('key', 'Параметр', 'text', { width: 260 }),
      col('value', 'Значение', 'text', { width: 320 }),
      col('description', 'Описание', 'text', { width: 480 }),
    ],
  },
} as const satisfies Record<string, Omit<SheetSpec, 'id'> & { id: string }>;

export type SheetId = keyof typeof SHEETS;
export const sheetSpec = (id: SheetId): SheetSpec => SHEETS[id] as SheetSpec;
/** The sheets of one kind of workbook, in the order set-up creates them. */
export const sheetIdsOf = (kind: WorkbookKind): SheetId[] =>
  (Object.keys(SHEETS) as SheetId[]).filter((id) => (sheetSpec(id).kinds ?? ['municipal']).includes(kind));
/** The municipal workbook's sheets. */
export const SHEET_IDS = sheetIdsOf('municipal');

export type RegisterId = 'iom' | 'diagnostics' | 'events' | 'participation' | 'mentoring' | 'roadmap';
