// «Настройки»: key–value rows a methodist edits in the sheet. Defaults are added by set-up, never overwritten.
import { FORMS, FORM_IDS, type FormId } from './schema/forms';
import type { Table } from './table';

export interface SettingDefault {
  readonly key: string;
  readonly value: string;
  readonly description: string;
}

export const SETTING = {
  municipality: 'Муниципалитет',
  preset: 'Набор показателей',
  period: 'Отчётный период',
  year: 'Отчётный год',
  methodists: 'Адреса методистов',
  ministry: 'Адреса министерства',
  access: 'Список доступа',
  digest: 'Ежемесячная рассылка',
  digestOff: 'Координаторы без рассылки',
  cells: 'Ячеек в книге',
  drainBatch: 'Ответов за один проход разбора',
  auditArchive: 'Архив журнала изменений',
  responseArchive: 'Архив ответов форм',
} as const;

export const formIdSetting = (form: FormId) => `ID формы «${FORMS[form].title}»`;
export const formSheetSetting = (form: FormId) => `Лист ответов «${FORMS[form].title}»`;
export const formUrlSetting = (form: FormId) => `Ссылка на форму «${FORMS[form].title}»`;

export function settingDefaults(): SettingDefault[] {
  return [
    { key: SETTING.municipality, value: '', description: 'Название муниципалитета: в заголовках сводок и рассылок.' },
    { key: SETTING.preset, value: 'klin', description: 'Набор показателей: klin, seversk, mo-r503, saratov или yartsevo.' },
    { key: SETTING.period, value: 'Календарный год', description: 'Календарный год | Учебный год | Нарастающим итогом с дд.мм.гггг.' },
    {
      key: SETTING.year,
      value: '',
      description: 'Год, за который считаются показатели. Пусто — год последних данных в реестрах (если их нет — текущий год).',
    },
    { key: SETTING.methodists, value: '', description: 'E-mail методистов через запятую: сводка по всему муниципалитету.' },
    { key: SETTING.ministry, value: '', description: 'E-mail сотрудников министерства через запятую: только агрегаты.' },
    {
      key: SETTING.access,
      value: '',
      description:
        'Кто, кроме владельца книги, работает с «Маршрутом»: карантин, ИОМ, импорт, показатели и списки «кто не охвачен», ' +
        'дашборд, пересборка реестров, формы, получатели рассылки. Здесь только отображается; меняет владелец книги ' +
        'в «Маршрут → Настройки…».',
    },
    {
      key: SETTING.digest,
      value: 'Да',
      description:
        'Да — 1-го числа каждого месяца рассылать сводки, Нет — не рассылать. Расписание включает владелец книги ' +
        'в «Маршрут → Настройки…».',
    },
    {
      key: SETTING.digestOff,
      value: '',
      description:
        'E-mail координаторов через запятую, которым сводка по ОО не отправляется (координаторы — «Email координатора» ' +
        'на листе «Организации»). Удобнее менять в «Маршрут → Настройки…».',
    },
    {
      key: SETTING.cells,
      value: '',
      description:
        'Сколько ячеек занимают листы книги; Google Таблицы вмещают не больше 10 млн. Обновляется «Маршрутом». ' +
        'Замер: около 100 ячеек на педагога (с его ИОМ, участиями и ответами форм), в одну книгу помещается около 100 тыс. педагогов.',
    },
    {
      key: SETTING.drainBatch,
      value: '10000',
      description:
        'Сколько ответов форм «Маршрут» разбирает за один проход. Уменьшите, если в журнале выполнения Google ' +
        'разбор останавливается по 6-минутному пределу: он и так продолжается сам, но меньшими шагами надёжнее.',
    },
    {
      key: SETTING.auditArchive,
      value: '',
      description: 'Ссылки на таблицы, куда перенесены старые записи «Журнала изменений». Заполняется «Маршрутом».',
    },
    {
      key: SETTING.responseArchive,
      value: '',
      description:
        'Таблица, куда «Маршрут → Перенести обработанные ответы в архив…» переносит разобранные ответы форм; ' +
        'пересборка реестров читает и её. Заполняется «Маршрутом»; таблицу не удаляйте.',
    },
    ...FORM_IDS.flatMap((form) => [
      { key: formUrlSetting(form), value: '', description: 'Ссылка для педагогов; заполняется командой «Маршрут → Создать формы».' },
      { key: formIdSetting(form), value: '', description: 'Заполняется командой «Маршрут → Создать формы».' },
      { key: formSheetSetting(form), value: '', description: 'Скрытый лист с ответами формы (его не редактируйте).' },
    ]),
  ];
}

/** Sets one setting in the snapshot's «Настройки», adding its row when missing. */
export function setSetting(table: Table, key: string, value: string): void {
  for (let i = 0; i < table.size; i++) {
    if (table.text(i, 'key') === key) {
      table.update(i, { value });
      return;
    }
  }
  table.append({ key, value });
}

/** Settings as a map (key → value) read from the snapshot. */
export function readSettings(table: Table): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < table.size; i++) out.set(table.text(i, 'key'), table.text(i, 'value'));
  return out;
}

export const splitEmails = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[,;\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.includes('@'));
