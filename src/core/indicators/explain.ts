// «Как считается»: one plain-Russian sentence per passport row, generated from its measure, parameters, period and
// scope, so what a methodist reads is exactly what the engine computed (shown in the sidebar and as a note).
import type { MeasureSpec, Params, Population } from './measures';
import { describePeriod, shownDay, type Period } from './period';

const q = (s: string) => `«${s}»`;
/** «а», «б» или «в». */
const alternatives = (values: readonly string[]) =>
  values.length === 1 ? q(values[0]!) : `${values.slice(0, -1).map(q).join(', ')} или ${q(values[values.length - 1]!)}`;
const filter = (prefix: string, values: readonly string[] | undefined) => (values?.length ? ` ${prefix} ${alternatives(values)}` : '');

const STAFF = 'педагогических и руководящих работников (без методической службы)';
const POPULATION_WORDS: Record<Population, string> = {
  все: STAFF,
  педагоги: 'педагогических работников (без руководителей, их заместителей и методической службы)',
  учителя: 'учителей (без методической службы)',
  управленческие: 'руководителей и их заместителей (без методической службы)',
  МС: 'молодых специалистов (без методической службы)',
};
const BY_HEADCOUNT = 'от их общей численности (по форме ОО-1, где она указана, иначе по списку «Педагоги»)';
const BY_ROSTER = 'от их числа в списке «Педагоги»';
const NOT_HELD = 'запланированные, перенесённые и отменённые мероприятия не учитываются';

const populationOf = (params: Params): Population => params.population ?? 'все';
const denominatorOf = (params: Params) => (populationOf(params) === 'все' ? BY_HEADCOUNT : BY_ROSTER);

function sentence(spec: MeasureSpec, params: Params, period: Period): string {
  const when = describePeriod(period);
  const who = POPULATION_WORDS[populationOf(params)];
  const levels = `${filter('с уровнем', params.diagnosticLevels)}${filter('процедуры', params.procedures)}`;
  const events = `${filter('вида', params.kinds)}${filter('уровня', params.eventLevels)}${filter('в роли', params.roles)}`;
  const forms = filter('с формой', params.forms);
  switch (spec.id) {
    case 'share_diagnosed':
      return `Доля ${who}, прошедших диагностику профессиональных дефицитов${levels} ${when}, ${denominatorOf(params)}.`;
    case 'count_staff_diagnosed':
      return `Число ${who} из списка «Педагоги», прошедших диагностику профессиональных дефицитов${levels} ${when}.`;
    case 'share_iom_developed':
      return (
        `Доля ${who}, у которых есть ИОМ (разработан, реализуется, реализован или не реализован), действующий ${when}` +
        `${params.basedOnDiagnostic ? `, разработанный на основе диагностики (диагностика${filter('—', params.procedures)} не позже начала ИОМ)` : ''}, ${denominatorOf(params)}.`
      );
    case 'share_iom_implemented':
      return (
        `Доля ${who} с ИОМ в статусе «Реализован» среди тех, чей ИОМ, действующий ${when}, уже завершён: срок окончания ` +
        `не позже ${shownDay(period.to)} или статус «Реализован» / «Не реализован».`
      );
    case 'share_dpp':
      return (
        `Доля ${who}, успешно прошедших итоговую аттестацию на курсах повышения квалификации по программам из ФР ДПП ` +
        `(курсы, начавшиеся ${when}), ${denominatorOf(params)}.`
      );
    case 'staff_per_methodist':
      return (
        `Число ${STAFF} (по форме ОО-1, где она указана, иначе по списку «Педагоги») на одного работника с ролью ` +
        `${q(params.role ?? 'Методист')} в списке «Педагоги» (роль — точное совпадение: «Методист» не то же, что «Региональный методист»).`
      );
    case 'share_young_supported':
      return (
        `Доля молодых специалистов (моложе 35 лет на ${shownDay(period.to)} и со стажем меньше 3 лет; отметка «молодой ` +
        `специалист» в списке «Педагоги» или в форме наставничества — только если в списке нет даты рождения или начала работы), у которых есть наставник в паре, действующей ${when}` +
        `${params.mentoringOnly ? '' : `, или которые участвовали в мероприятиях для молодых педагогов ${when}`}, ` +
        `от всех молодых специалистов (без методической службы).`
      );
    case 'share_orgs_with_mentoring':
      return `Доля школ, в которых есть ${params.bothSides ? 'наставники или наставляемые' : 'наставляемые'} в парах наставничества${forms}, действующих ${when}, от всех школ.`;
    case 'share_orgs_management_trained':
      return (
        `Доля школ, руководитель или заместитель руководителя которых прошёл итоговую аттестацию на курсах повышения квалификации` +
        `${params.topics?.length ? `, в названии или направлении которых есть ${alternatives(params.topics)}` : ''} ` +
        `(курсы, начавшиеся ${when}), от всех школ.`
      );
    case 'share_staff_participated':
      return `Доля ${who}, участвовавших в мероприятиях${events} ${when}, ${denominatorOf(params)}; ${NOT_HELD}.`;
    case 'count_staff_participated':
      return `Число ${who} из списка «Педагоги», участвовавших в мероприятиях${events} ${when}; ${NOT_HELD}.`;
    case 'share_in_associations':
      return (
        (params.associationLevels
          ? `Доля ${who}, участвовавших в заседаниях методических объединений${filter('уровня', params.associationLevels)} ${when}`
          : `Доля ${who}, состоящих в методическом объединении (столбец «Методическое объединение» листа «Педагоги») ` +
            `или участвовавших в заседаниях методических объединений ${when}`) + `, ${denominatorOf(params)}.`
      );
    case 'share_events_by_organizer':
      return (
        `Доля проведённых мероприятий${filter('вида', params.kinds)}, начавшихся ${when}, организатор которых — ОО типа ` +
        `${alternatives(params.orgTypes ?? ['Методическая служба'])}, от всех проведённых мероприятий.`
      );
    case 'roadmap_completion':
      return (
        `Доля пунктов листа «Дорожная карта», выполненных к сроку, среди пунктов со сроком ${when}; пункт выполнен — ` +
        'отметка «Выполнено» с датой или проведённое мероприятие с этим «Пунктом дорожной карты».'
      );
    case 'count_events':
      return `Число проведённых мероприятий${filter('вида', params.kinds)}${filter('уровня', params.eventLevels)}, начавшихся ${when}.`;
    case 'count_mentors':
      return `Число наставников (каждый считается один раз) в парах наставничества${forms}, действующих ${when}.`;
    case 'manual':
      return 'Значение вносит методист в столбец «Факт»; при пересчёте оно не меняется.';
  }
}

/** The whole «Как считается» text of a row; `scopeName` when only one ОО is counted. */
export function explain(spec: MeasureSpec, params: Params, period: Period, scopeName?: string): string {
  const text = sentence(spec, params, period);
  return scopeName && spec.id !== 'manual' ? `${text} Только ОО ${q(scopeName)}.` : text;
}
