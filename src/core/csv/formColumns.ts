// Maps the columns of a Google Forms CSV export («Скачать ответы (.csv)») to the questions of a FormSpec (SPEC §4).
import { EMAIL_TITLE, TIMESTAMP_TITLE, type FormSpec, type QuestionSpec } from '../schema/forms';
import { normalizeTitle } from '../text';

export interface ColumnMapping {
  /** Column of «Отметка времени», or null. */
  timestamp: number | null;
  /** Column of «Адрес электронной почты», or null. */
  email: number | null;
  /** Question key → column index. */
  questions: Record<string, number>;
  /**
   * Question key → further columns that fit the same question (an old and a new title side by side): per row the
   * first non-empty of `questions[key]`, then these, is the answer.
   */
  alternates: Record<string, number[]>;
  /** Non-empty headers that map to nothing (including those the methodist chose to ignore). */
  unmatched: string[];
  /** Titles of required questions that have no column. */
  missingRequired: string[];
}

/** Pseudo question keys a manual mapping may use for the two service columns Google adds. */
export const TIMESTAMP_KEY = '@timestamp';
export const EMAIL_KEY = '@email';

const TIMESTAMP_SYNONYMS = ['Отметка времени', 'Timestamp', 'Время', 'Дата и время', 'Дата отправки'];
const EMAIL_SYNONYMS = [
  'Адрес электронной почты',
  'Email',
  'E-mail',
  'Email Address',
  'Электронная почта',
  'Эл. почта',
  'Почта',
  'Адрес эл. почты',
];

/**
 * Other titles people give the same question (older versions of the form, hand-made tables). Keyed by question
 * key; used only for questions of the form being mapped, after exact and normalized title matches.
 */
export const QUESTION_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  personName: [
    'ФИО',
    'Фамилия, имя, отчество',
    'Фамилия имя отчество',
    'ФИО педагога (полностью)',
    'ФИО педагога',
    'ФИО участника',
    'ФИО работника',
    'Педагог',
    'Участник',
  ],
  orgName: [
    'ОО',
    'Организация',
    'Школа',
    'Образовательная организация',
    'Наименование ОО',
    'Название ОО',
    'Учреждение',
    'Образовательное учреждение',
    'Место работы',
  ],
  position: ['Занимаемая должность', 'Должность педагога'],
  subject: ['Преподаваемый предмет', 'Предмет (предметы)', 'Учебный предмет'],
  diagnosticDate: ['Дата диагностики', 'Дата прохождения диагностики'],
  procedure: ['Процедура', 'Вид диагностики', 'Уровень диагностики'],
  level: ['Уровень', 'Результат диагностики', 'Уровень по результатам'],
  deficits: ['Дефициты', 'Профессиональные дефициты', 'Выявленные дефициты'],
  activities: ['Мероприятия', 'Формы работы', 'Мероприятия маршрута'],
  start: ['Дата начала', 'Начало', 'Дата начала ИОМ', 'Начало реализации'],
  end: ['Дата окончания', 'Окончание', 'Дата окончания ИОМ', 'Окончание реализации'],
  curator: ['Куратор', 'Наставник (куратор)'],
  status: ['Статус'],
  link: ['Ссылка', 'Ссылка на документ', 'ИОМ (ссылка)'],
  title: ['Название', 'Мероприятие', 'Тема мероприятия', 'Наименование мероприятия'],
  kind: ['Вид', 'Форма мероприятия', 'Тип мероприятия'],
  format: ['Форма проведения', 'Формат проведения'],
  organizer: ['Организатор мероприятия', 'Ответственная организация'],
  direction: ['Направление', 'Проект'],
  audience: ['Аудитория', 'Категория участников'],
  dpp: ['ФР ДПП', 'Программа ФР ДПП', 'Программа из федерального реестра'],
  roadmapItem: ['Пункт ДК', 'Дорожная карта', 'Номер пункта дорожной карты'],
  participants: ['Число участников', 'Кол-во участников', 'Участников'],
  resultLink: ['Ссылка на результаты', 'Результат (ссылка)'],
  eventLabel: ['Название мероприятия', 'Мероприятие (название и дата)'],
  role: ['Роль', 'Форма участия'],
  certified: ['Итоговая аттестация', 'Аттестация пройдена'],
  document: ['Документ', 'Документ об участии', 'Удостоверение, сертификат'],
  mentorName: ['Наставник', 'ФИО наставника (полностью)'],
  mentorOrgName: ['ОО (наставник)', 'Организация наставника', 'Школа наставника'],
  menteeName: ['Наставляемый', 'ФИО наставляемого (полностью)'],
  menteeOrgName: ['ОО (наставляемый)', 'Организация наставляемого', 'Школа наставляемого'],
  form: ['Форма', 'Модель наставничества'],
  menteeYoung: ['Молодой специалист', 'Наставляемый молодой специалист'],
  planLink: ['План', 'Ссылка на план наставничества'],
};

type Target = { kind: 'timestamp' } | { kind: 'email' } | { kind: 'question'; question: QuestionSpec };

/**
 * Finds the column of every question of `form` among `headers`. Passes, each taking only columns and questions
 * still free: the methodist's `manual` choice (header → question key, TIMESTAMP_KEY, EMAIL_KEY or '' = ignore);
 * the exact title; the normalizeTitle-equal title (case, punctuation, «ё», trailing «*»); a synonym.
 * When several columns fit one question, the leftmost wins.
 */
export function mapFormColumns(headers: string[], form: FormSpec, manual?: Record<string, string>): ColumnMapping {
  const targets = new Map<string, Target>();
  targets.set(TIMESTAMP_KEY, { kind: 'timestamp' });
  targets.set(EMAIL_KEY, { kind: 'email' });
  for (const question of form.questions) targets.set(question.key, { kind: 'question', question });

  const taken = new Set<number>(); // column indexes already assigned or ignored
  const assigned = new Map<string, number>(); // target key → column

  const assign = (targetKey: string, col: number) => {
    if (taken.has(col) || assigned.has(targetKey)) return;
    taken.add(col);
    assigned.set(targetKey, col);
  };

  // 1. Manual choices.
  if (manual) {
    const byTitle = new Map(form.questions.map((q) => [q.title, q.key]));
    headers.forEach((header, col) => {
      if (!Object.prototype.hasOwnProperty.call(manual, header)) return;
      const choice = manual[header];
      if (choice === '' || choice == null) {
        taken.add(col); // deliberately ignored
        return;
      }
      const key = targets.has(choice) ? choice : byTitle.get(choice);
      if (key) assign(key, col);
    });
  }

  const titlesOf = (key: string, target: Target, pass: 'exact' | 'normalized' | 'synonym'): string[] => {
    if (target.kind === 'timestamp') return pass === 'synonym' ? TIMESTAMP_SYNONYMS : [TIMESTAMP_TITLE];
    if (target.kind === 'email') return pass === 'synonym' ? EMAIL_SYNONYMS : [EMAIL_TITLE];
    return pass === 'synonym' ? [...(QUESTION_SYNONYMS[key] ?? [])] : [target.question.title];
  };

  for (const pass of ['exact', 'normalized', 'synonym'] as const) {
    const same =
      pass === 'exact' ? (a: string, b: string) => a.trim() === b : (a: string, b: string) => normalizeTitle(a) === normalizeTitle(b);
    for (const [key, target] of targets) {
      if (assigned.has(key)) continue;
      const titles = titlesOf(key, target, pass);
      for (let col = 0; col < headers.length; col++) {
        if (taken.has(col)) continue;
        if (titles.some((t) => same(headers[col], t))) {
          assign(key, col);
          break;
        }
      }
    }
  }

  // A column left over that fits exactly one question already mapped is a second column for it (point 8).
  const alternates: Record<string, number[]> = {};
  for (let col = 0; col < headers.length; col++) {
    if (taken.has(col) || headers[col].trim() === '') continue;
    const fits = [...targets].filter(([key, target]) =>
      (['exact', 'normalized', 'synonym'] as const).some((pass) =>
        titlesOf(key, target, pass).some((t) => normalizeTitle(headers[col]) === normalizeTitle(t)),
      ),
    );
    const [only] = fits;
    if (fits.length !== 1 || only[1].kind !== 'question' || !assigned.has(only[0])) continue;
    (alternates[only[0]] ??= []).push(col);
    taken.add(col);
  }

  const questions: Record<string, number> = {};
  for (const question of form.questions) {
    const col = assigned.get(question.key);
    if (col !== undefined) questions[question.key] = col;
  }
  const used = new Set([...assigned.values(), ...Object.values(alternates).flat()]);
  return {
    timestamp: assigned.get(TIMESTAMP_KEY) ?? null,
    email: assigned.get(EMAIL_KEY) ?? null,
    questions,
    alternates,
    unmatched: headers.filter((h, col) => !used.has(col) && h.trim() !== ''),
    missingRequired: form.questions.filter((q) => q.required && questions[q.key] === undefined).map((q) => q.title),
  };
}

/** What a methodist should read about a mapping: the unused columns and the questions fed by two columns. */
export function mappingNotes(headers: readonly string[], form: FormSpec, mapping: ColumnMapping): string[] {
  return Object.entries(mapping.alternates).map(([key, cols]) => {
    const title = form.questions.find((q) => q.key === key)!.title;
    const columns = [mapping.questions[key], ...cols].map((c) => `«${headers[c]}»`).join(' и ');
    return `Столбцы ${columns} относятся к одному вопросу «${title}»: в каждой строке взят первый непустой.`;
  });
}

/** The columns of the form's «Скачать ответы (.csv)», in Google's order: the service columns, then each question. */
export const exportColumns = (form: FormSpec): string[] => [
  TIMESTAMP_TITLE,
  ...(form.collectsEmail ? [EMAIL_TITLE] : []),
  ...form.questions.map((q) => q.title),
];

/**
 * Why a table cannot be the form's answers: none of its columns is one of the form's questions («Имя,Телефон»
 * saved as iom.csv). Every row would be quarantined for every required question; the file is refused instead,
 * naming the columns an export of the form has. Null when at least one question has a column.
 */
export function notFormAnswers(file: string, headers: readonly string[], form: FormSpec, mapping: ColumnMapping): string | null {
  if (Object.keys(mapping.questions).length) return null;
  const has = headers.filter((h) => h.trim()).map((h) => `«${h.trim()}»`);
  return (
    `${file} не похож на ответы формы «${form.title}»: ни один столбец${has.length ? ` (${has.join(', ')})` : ''} не совпадает с её вопросами. ` +
    `В выгрузке ответов этой формы («Скачать ответы (.csv)») столбцы: ${exportColumns(form)
      .map((t) => `«${t}»`)
      .join(', ')}.`
  );
}
