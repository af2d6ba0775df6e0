// Choice lists of SPEC §3–§5. Each list is written once and drives sheet dropdowns, form choices and validation.

export const ORG_TYPES = ['Школа', 'Детский сад', 'Организация дополнительного образования', 'Методическая служба', 'Другое'] as const;

export const ORG_STATUSES = ['ШНОР', 'Флагманская школа', 'Стажировочная площадка', 'РИП', 'Точка роста'] as const;

export const STAFF_ROLES = ['Методист', 'Региональный методист', 'Наставник', 'Тьютор', 'Эксперт'] as const;

export const STAFF_SOURCES = ['Реестр', 'Добавлен из формы'] as const;
export const STAFF_SOURCE_FORM = 'Добавлен из формы';

export const POSITIONS = [
  'Учитель',
  'Воспитатель',
  'Педагог дополнительного образования',
  'Педагог-психолог',
  'Социальный педагог',
  'Учитель-логопед',
  'Учитель-дефектолог',
  'Методист',
  'Руководитель',
  'Заместитель руководителя',
  'Руководитель структурного подразделения',
  'Другое',
] as const;

export const DIAGNOSTIC_PROCEDURES = ['Федеральная', 'Региональная', 'Муниципальная', 'Школьная'] as const;
export const DIAGNOSTIC_LEVELS = ['Высокий', 'Повышенный', 'Базовый', 'Ниже базового'] as const;
export const DIAGNOSTIC_SOURCE_IOM_FORM = 'Форма ИОМ';

// Option texts may contain commas themselves («Метапредметные, функциональная грамотность»): Google joins
// checkbox answers with «, », so they are split against this list, never on the separator alone.
export const DEFICITS = [
  'Предметные',
  'Методические',
  'Метапредметные, функциональная грамотность',
  'Психолого-педагогические',
  'Цифровые (ИКТ)',
  'Воспитательная работа',
  'Работа с детьми с ОВЗ',
  'Управленческие',
] as const;

export const IOM_ACTIVITIES = [
  'Курсы повышения квалификации (ФР ДПП)',
  'Курсы повышения квалификации (другие)',
  'Стажировка',
  'Мастер-класс',
  'Семинар, вебинар',
  'Посещение занятий коллег',
  'Работа в методическом объединении, сообществе',
  'Наставничество',
  'Конкурс профессионального мастерства',
  'Самообразование',
] as const;

export const IOM_FORM_STATUSES = ['Разработан', 'Реализуется', 'Реализован', 'Не реализован'] as const;
export const IOM_STATUS_RETURNED = 'Возвращён на доработку';
export const IOM_STATUSES = [...IOM_FORM_STATUSES, IOM_STATUS_RETURNED] as const;

export const EVENT_KINDS = [
  'Семинар',
  'Вебинар',
  'Мастер-класс',
  'Конференция',
  'Форум',
  'Круглый стол',
  'Конкурс профессионального мастерства',
  'Курсы повышения квалификации',
  'Заседание методического объединения',
  'Стажировка',
  'Открытый урок',
  'Консультация',
  'Школа молодого педагога',
  'Другое',
] as const;

export const EVENT_LEVELS = ['Школьный', 'Муниципальный', 'Региональный', 'Федеральный'] as const;
export const EVENT_FORMATS = ['Очно', 'Дистанционно', 'Смешанно'] as const;
export const EVENT_AUDIENCES = [
  'Учителя',
  'Управленческие кадры',
  'Молодые педагоги',
  'Наставники',
  'Методисты',
  'Воспитатели',
  'Педагоги дополнительного образования',
] as const;
export const EVENT_STATUSES = ['Проведено', 'Запланировано', 'Перенесено', 'Отменено'] as const;
export const EVENT_STATUS_DEFAULT = 'Проведено';

export const PARTICIPANT_ROLES = [
  'Слушатель',
  'Выступающий',
  'Организатор',
  'Участник конкурса',
  'Призёр конкурса',
  'Победитель конкурса',
  'Эксперт',
] as const;

export const MENTORING_FORMS = [
  'Педагог — молодой специалист',
  'Педагог — педагог',
  'Педагог — педагог с профессиональными дефицитами',
  'Руководитель — руководитель',
  'ОО — ОО',
  'Другое',
] as const;
export const MENTORING_STATUSES = ['Действует', 'Завершена', 'Прекращена'] as const;

export const YES_NO = ['Да', 'Нет'] as const;
export const YES_ONLY = ['Да'] as const;

export const QUARANTINE_STATUSES = ['Ожидает', 'Принято', 'Отклонено'] as const;

/** «Дорожная карта» (SPEC §3): what an item is, and how it stands. */
export const ROADMAP_KINDS = ['Мероприятие', 'Документ', 'Отчёт', 'Другое'] as const;
export const ROADMAP_MARKS = ['Выполнено', 'Выполнено с нарушением срока', 'В работе', 'Не выполнено', 'Перенесено'] as const;
/** The marks that count an item as done (by its deadline or not: roadmap_completion compares the date). */
export const ROADMAP_DONE_MARKS: readonly string[] = ['Выполнено', 'Выполнено с нарушением срока'];
/** «Сравнение» of «Показатели»; «рост» is a plan-less growth target met above the year before (SPEC §6, seed 001 L337). */
export const COMPARATORS = ['≥', '≤', 'рост'] as const;
