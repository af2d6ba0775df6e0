// The five indicator sets of the source documents (SPEC §6 «Presets»). «Код» is the row number in the document,
// and «Источник данных» cites the document and the line (`seed NNN LNNN`, the files in shared/seeds) it comes from.
import { MEASURES, type MeasureId } from './measures';
import type { Comparator } from './passport';
import { PERIOD_TEXT } from './period';

export interface PresetRow {
  readonly code: string;
  readonly title: string;
  readonly unit: string;
  readonly measure: MeasureId;
  readonly params: string;
  readonly period: string;
  /** Plan by year; a year without a plan is absent. */
  readonly plans: Readonly<Record<number, number | string>>;
  readonly comparison: Comparator;
  readonly source: string;
  readonly frequency: string;
}

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly PresetRow[];
}

type RowSpec = [code: string, title: string, measure: MeasureId, params: string, plans: Record<number, number | string>, source: string];

function preset(id: string, title: string, document: string, period: string, rows: readonly RowSpec[], comparisons: Record<string, Exclude<Comparator, '≥'>> = {}): Preset {
  return {
    id,
    title,
    rows: rows.map(([code, rowTitle, measure, params, plans, source]) => ({
      code,
      title: rowTitle,
      unit: MEASURES[measure].unit || 'да/нет',
      measure,
      params,
      period,
      plans,
      comparison: comparisons[code] ?? '≥',
      source: `${document} (${source})`,
      frequency: 'Ежегодно',
    })),
  };
}

const every = (value: number | string, ...years: number[]) => Object.fromEntries(years.map((y) => [y, value]));
const KLIN_YEARS = [2023, 2024, 2025];

export const PRESETS: readonly Preset[] = [
  preset('klin', 'Клин (Московская обл.): программа методического сопровождения 2023–2025', 'Клин, программа 2023–2025', PERIOD_TEXT.calendar, [
    ['1', 'Разработана и реализуется вариативная система мониторинга эффективности МС НМС', 'manual', '', every('Да', ...KLIN_YEARS), 'seed 000 L483'],
    ['2', 'Доля педагогических работников и управленческих кадров, прошедших диагностику профессиональных дефицитов', 'share_diagnosed', '', every(60, ...KLIN_YEARS), 'seed 000 L484'],
    ['3', 'Доля педагогических работников, освоивших программы ДПО из федерального реестра ДПП (от общего числа учителей)', 'share_dpp', 'население=учителя', every(30, ...KLIN_YEARS), 'seed 000 L485'],
    ['4', 'Количество педагогических работников, закреплённых за одним методистом', 'staff_per_methodist', '', every(70, 2024, 2025), 'seed 000 L486–488'],
    ['5', 'Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и сопровождения в первые 3 года работы', 'share_young_supported', '', every(70, ...KLIN_YEARS), 'seed 000 L489'],
    ['6', 'Доля школ, реализующих целевую модель наставничества педагогических работников', 'share_orgs_with_mentoring', '', every(100, ...KLIN_YEARS), 'seed 000 L490'],
    ['7', 'Доля школ, управленческие команды которых вовлечены в систему менторства', 'share_orgs_with_mentoring', 'формы=Руководитель — руководитель', every(10, ...KLIN_YEARS), 'seed 000 L491'],
    ['8.1', 'Доля педагогических работников и управленческих кадров, для которых разработаны ИОМ', 'share_iom_developed', '', every(60, ...KLIN_YEARS), 'seed 000 L492'],
    ['8.2', 'Доля педагогов, успешно реализовавших ИОМ', 'share_iom_implemented', '', every(80, ...KLIN_YEARS), 'seed 000 L492'],
    ['9', 'Количество педагогических работников, участвующих в конкурсах профессионального мастерства', 'count_staff_participated', 'виды=Конкурс профессионального мастерства', every(1, ...KLIN_YEARS), 'seed 000 L493'],
    ['10', 'Доля педагогических работников и управленческих кадров, включённых в деятельность методических объединений и профессиональных сообществ', 'share_in_associations', '', every(80, ...KLIN_YEARS), 'seed 000 L494'],
  ], { '4': '≤' }),
  preset('seversk', 'ЗАТО Северск: приказ № 693 от 30.12.2022', 'ЗАТО Северск, приказ № 693', PERIOD_TEXT.calendar, [
    ['1', 'Доля педагогических работников и управленческих кадров, прошедших диагностику профессиональных дефицитов в ЦНППМ', 'share_diagnosed', '', { 2023: 10, 2024: 10 }, 'seed 002 L238'],
    ['2', 'Доля педагогических работников и управленческих кадров, для которых разработаны ИОМ на основе диагностики профессиональных дефицитов', 'share_iom_developed', '', { 2023: 10, 2024: 10 }, 'seed 002 L244–245'],
    ['3', 'Доля педагогических работников, освоивших программы ДПО из ФР ДПП с учётом диагностики профессиональных дефицитов', 'share_dpp', 'население=педагоги', { 2023: 7, 2024: 10 }, 'seed 002 L251–252'],
    ['4', 'Доля управленческих команд образовательных организаций, повысивших квалификацию по вопросам эффективности управления качеством образования', 'share_orgs_management_trained', 'тема=качеств', { 2023: 10, 2024: 10 }, 'seed 002 L258–260'],
    ['5', 'Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и сопровождения в первые 3 года работы', 'share_young_supported', '', { 2023: 30, 2024: 50 }, 'seed 002 L266'],
  ]),
  preset('mo-r503', 'Минобразования Московской обл.: распоряжение Р-503 от 23.05.2023', 'Минобразования МО, Р-503', `${PERIOD_TEXT.cumulative} 01.09.2022`, [
    ['1', 'Разработан и реализуется комплекс мер («дорожная карта») по функционированию системы научно-методического сопровождения', 'roadmap_completion', '', { 2024: 100 }, 'seed 003 L275'],
    ['2', 'Разработана и реализуется вариативная система мониторинга эффективности системы научно-методического сопровождения', 'manual', '', { 2024: 'Да' }, 'seed 003 L276'],
    ['3', 'Доля педагогических работников, освоивших программы ДПО из ФР ДПП (от общего числа учителей, нарастающим итогом)', 'share_dpp', 'население=учителя', { 2024: 12 }, 'seed 003 L281'],
    ['4', 'Доля управленческих команд, принявших участие в программах повышения квалификации (нарастающим итогом)', 'share_orgs_management_trained', '', { 2024: 40 }, 'seed 003 L282'],
    ['5', 'Количество педагогических работников, закреплённых за одним региональным методистом', 'staff_per_methodist', 'роль=Региональный методист', { 2024: 250 }, 'seed 003 L284'],
    ['6', 'Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и сопровождения в первые три года работы', 'share_young_supported', '', { 2024: 70 }, 'seed 003 L285'],
  ], { '5': '≤' }),
  preset('saratov', 'Саратов: отчёт за 2023 год (факты без плановых значений)', 'Саратов, отчёт 2023', PERIOD_TEXT.calendar, [
    ['С1', 'Количество педагогов, прошедших диагностику профессиональных компетенций', 'count_staff_diagnosed', '', {}, 'seed 004 L23–25'],
    ['С2', 'Доля педагогов, получивших адресную методическую помощь в рамках обучающих семинаров', 'share_staff_participated', 'виды=Семинар', {}, 'seed 004 L65'],
    ['С3', 'Доля педагогов, получивших адресную методическую помощь в рамках консультаций', 'share_staff_participated', 'виды=Консультация', {}, 'seed 004 L86'],
    ['С4', 'Доля молодых педагогов, имеющих наставников', 'share_young_supported', 'только_наставничество=да', {}, 'seed 004 L120'],
    ['С5', 'Количество наставников', 'count_mentors', '', {}, 'seed 004 L121'],
    ['С6', 'Количество проведённых форумов (городской августовский форум)', 'count_events', 'виды=Форум', {}, 'seed 004 L135'],
  ]),
  preset('yartsevo', 'Ярцевский район: программа развития ММС 2021–2025 (факты без плановых значений)', 'Ярцевский район, программа ММС', PERIOD_TEXT.calendar, [
    ['Я1', 'Количество проведённых муниципальных методических мероприятий', 'count_events', 'уровни=Муниципальный', {}, 'seed 001 L295'],
    ['Я2', 'Количество проведённых школьных методических мероприятий', 'count_events', 'уровни=Школьный', {}, 'seed 001 L333–335'],
    ['Я3', 'Количество педагогов, принимающих участие в мероприятиях и конкурсах профессионального мастерства', 'count_staff_participated', '', {}, 'seed 001 L337'],
    ['Я4', 'Доля педагогов, включённых в работу методических объединений', 'share_in_associations', '', {}, 'seed 001 L444'],
    ['Я5', 'Доля молодых педагогов, получающих методическое сопровождение и поддержку наставников', 'share_young_supported', '', {}, 'seed 001 L208'],
  ], { Я3: 'рост' }),
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

export function presetOf(id: string): Preset {
  const found = PRESETS.find((p) => p.id === id.trim().toLowerCase());
  if (!found) throw new Error(`Набора показателей «${id}» нет. Доступны: ${PRESET_IDS.join(', ')}.`);
  return found;
}
