// The four Google Forms of SPEC §4, described once: this drives FormApp item creation, the CSV column mapping,
// the zod validation of answers and the quarantine editor. Titles are the contract with Google's CSV export.
import * as C from './choices';
import type { RegisterId } from './sheets';

export type QuestionKind = 'text' | 'paragraph' | 'list' | 'radio' | 'checkbox' | 'date';
/** Choices that come from data rather than from the spec: kept in sync by the add-on. */
export type DynamicChoices = 'organizations' | 'events';

export interface QuestionSpec {
  readonly key: string;
  readonly title: string;
  readonly kind: QuestionKind;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly choicesFrom?: DynamicChoices;
  readonly help?: string;
}

export type FormId = 'iom' | 'events' | 'participation' | 'mentoring';

export interface FormSpec {
  readonly id: FormId;
  readonly title: string;
  readonly description: string;
  /** Google adds «Адрес электронной почты» after «Отметка времени» when the form collects e-mails. */
  readonly collectsEmail: boolean;
  readonly register: RegisterId;
  readonly questions: readonly QuestionSpec[];
}

const q = (key: string, title: string, kind: QuestionKind, extra: Partial<QuestionSpec> = {}): QuestionSpec => ({
  key,
  title,
  kind,
  ...extra,
});
const DATE_HELP = 'Дата в формате дд.мм.гггг.';
const ORG_HELP = 'Выберите организацию из списка. Если её нет, сообщите методисту.';

export const FORMS: Record<FormId, FormSpec> = {
  // seed 000 L508: «гугл-форма учета индивидуальных образовательных маршрутов педагогов».
  iom: {
    id: 'iom',
    title: 'Учёт ИОМ',
    description:
      'Учёт индивидуальных образовательных маршрутов (ИОМ) педагогов. Заполняет педагог или координатор ОО. ' +
      'Повторная отправка с тем же ФИО и датой начала обновляет запись.',
    collectsEmail: true,
    register: 'iom',
    questions: [
      q('personName', 'ФИО педагога', 'text', { required: true, help: 'Фамилия Имя Отчество полностью.' }),
      q('orgName', 'Образовательная организация', 'list', { required: true, choicesFrom: 'organizations', help: ORG_HELP }),
      q('position', 'Должность', 'list', { required: true, choices: C.POSITIONS }),
      q('subject', 'Предмет', 'text'),
      q('diagnosticDate', 'Дата диагностики профессиональных дефицитов', 'date', { help: DATE_HELP }),
      q('procedure', 'Процедура диагностики', 'radio', { choices: C.DIAGNOSTIC_PROCEDURES }),
      q('level', 'Уровень по результатам диагностики', 'radio', { choices: C.DIAGNOSTIC_LEVELS }),
      q('deficits', 'Выявленные профессиональные дефициты', 'checkbox', { choices: C.DEFICITS }),
      q('activities', 'Мероприятия ИОМ', 'checkbox', { choices: C.IOM_ACTIVITIES }),
      q('start', 'Начало реализации ИОМ', 'date', { required: true, help: DATE_HELP }),
      q('end', 'Окончание реализации ИОМ', 'date', { help: DATE_HELP }),
      q('curator', 'Куратор ИОМ', 'text', { help: 'ФИО куратора (наставника, методиста).' }),
      q('status', 'Статус ИОМ', 'radio', { required: true, choices: C.IOM_FORM_STATUSES }),
      q('link', 'Ссылка на ИОМ', 'text', { help: 'Ссылка на документ ИОМ (Google Диск, сайт ОО).' }),
    ],
  },
  events: {
    id: 'events',
    title: 'Журнал мероприятий',
    description:
      'Мероприятия методической службы и ОО. Название и дата начала определяют мероприятие: повторная отправка ' + 'обновляет его.',
    collectsEmail: false,
    register: 'events',
    questions: [
      q('title', 'Название мероприятия', 'text', { required: true }),
      q('kind', 'Вид мероприятия', 'list', { required: true, choices: C.EVENT_KINDS }),
      q('level', 'Уровень', 'radio', { required: true, choices: C.EVENT_LEVELS }),
      q('start', 'Дата начала', 'date', { required: true, help: DATE_HELP }),
      q('end', 'Дата окончания', 'date', { help: DATE_HELP }),
      q('format', 'Формат', 'radio', { choices: C.EVENT_FORMATS }),
      q('organizer', 'Организатор', 'list', { choicesFrom: 'organizations', help: ORG_HELP }),
      q('direction', 'Направление, проект', 'text'),
      q('audience', 'Целевая аудитория', 'checkbox', { choices: C.EVENT_AUDIENCES }),
      q('dpp', 'Программа из ФР ДПП', 'radio', {
        choices: C.YES_NO,
        help: 'Для курсов: программа из Федерального реестра дополнительных профессиональных программ.',
      }),
      q('roadmapItem', 'Пункт дорожной карты', 'text', { help: 'Номер пункта дорожной карты, если есть.' }),
      q('status', 'Статус', 'radio', { choices: C.EVENT_STATUSES, help: 'Если не указан — «Проведено».' }),
      q('participants', 'Количество участников', 'text', { help: 'Целое число.' }),
      q('resultLink', 'Ссылка на результат', 'text'),
    ],
  },
  participation: {
    id: 'participation',
    title: 'Участие в мероприятии',
    description: 'Отметка об участии педагога в мероприятии из журнала мероприятий.',
    collectsEmail: true,
    register: 'participation',
    questions: [
      q('eventLabel', 'Мероприятие', 'list', {
        required: true,
        choicesFrom: 'events',
        help: 'Мероприятие из журнала: «Название (дд.мм.гггг)».',
      }),
      q('personName', 'ФИО участника', 'text', { required: true }),
      q('orgName', 'Образовательная организация', 'list', { required: true, choicesFrom: 'organizations', help: ORG_HELP }),
      q('role', 'Роль участника', 'radio', { choices: C.PARTICIPANT_ROLES }),
      q('certified', 'Итоговая аттестация пройдена', 'radio', { choices: C.YES_NO, help: 'Для курсов повышения квалификации.' }),
      q('document', 'Документ (удостоверение, сертификат)', 'text'),
    ],
  },
  mentoring: {
    id: 'mentoring',
    title: 'Наставничество',
    description: 'Наставническая пара. Заполняет наставник или координатор ОО.',
    collectsEmail: true,
    register: 'mentoring',
    questions: [
      q('mentorName', 'ФИО наставника', 'text', { required: true }),
      q('mentorOrgName', 'ОО наставника', 'list', { required: true, choicesFrom: 'organizations', help: ORG_HELP }),
      q('menteeName', 'ФИО наставляемого', 'text', { required: true }),
      q('menteeOrgName', 'ОО наставляемого', 'list', { required: true, choicesFrom: 'organizations', help: ORG_HELP }),
      q('form', 'Форма наставничества', 'list', { required: true, choices: C.MENTORING_FORMS }),
      q('menteeYoung', 'Наставляемый — молодой специалист', 'radio', { choices: C.YES_NO }),
      q('start', 'Дата начала', 'date', { required: true, help: DATE_HELP }),
      q('end', 'Дата окончания', 'date', { help: DATE_HELP }),
      q('status', 'Статус пары', 'radio', { choices: C.MENTORING_STATUSES }),
      q('planLink', 'Ссылка на план', 'text'),
    ],
  },
};

export const FORM_IDS = Object.keys(FORMS) as FormId[];
export const TIMESTAMP_TITLE = 'Отметка времени';
export const EMAIL_TITLE = 'Адрес электронной почты';
