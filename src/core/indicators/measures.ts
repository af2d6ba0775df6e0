// The measures of SPEC §6, described once: what a measure counts (shares, counts, a ratio, a typed value), its unit
// and the «Параметры» keys it accepts with their allowed values. The parser, the engine and the «Как считается»
// sentences all read this catalogue.
import * as C from '../schema/choices';

export const MEASURE_IDS = [
  'share_diagnosed',
  'count_staff_diagnosed',
  'share_iom_developed',
  'share_iom_implemented',
  'share_dpp',
  'staff_per_methodist',
  'share_young_supported',
  'share_orgs_with_mentoring',
  'share_orgs_management_trained',
  'share_staff_participated',
  'count_staff_participated',
  'share_in_associations',
  'roadmap_completion',
  'share_events_by_organizer',
  'count_events',
  'count_mentors',
  'manual',
] as const;

export type MeasureId = (typeof MEASURE_IDS)[number];

/** share: a percentage 0–100; count: a number of people or events; ratio: people per methodist; manual: typed. */
export type MeasureKind = 'share' | 'count' | 'ratio' | 'manual';

/** SPEC §6: все = S, педагоги = S \\ УК, учителя, управленческие = УК, МС = young specialists at R. */
export const POPULATIONS = ['все', 'педагоги', 'учителя', 'управленческие', 'МС'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Parsed «Параметры» of one row: every key optional, each value canonical (the spelling of the choice list). */
export interface Params {
  readonly diagnosticLevels?: readonly string[];
  readonly population?: Population;
  readonly role?: string;
  readonly mentoringOnly?: boolean;
  readonly forms?: readonly string[];
  readonly topics?: readonly string[];
  readonly kinds?: readonly string[];
  readonly eventLevels?: readonly string[];
  readonly roles?: readonly string[];
  readonly procedures?: readonly string[];
  /** share_orgs_with_mentoring: count the mentor's school as well as the mentee's («стороны=обе»). */
  readonly bothSides?: boolean;
  /** share_iom_developed: only IOMs whose person had a diagnostic (of `procedures`) on or before the IOM's start. */
  readonly basedOnDiagnostic?: boolean;
  readonly associationLevels?: readonly string[];
  readonly orgTypes?: readonly string[];
}

export interface ParamSpec {
  /** The key a methodist types. */
  readonly key: string;
  readonly field: keyof Params;
  /** Allowed values; absent = free text (a word to look for). */
  readonly values?: readonly string[];
  /** Several values joined with «|». */
  readonly multiple: boolean;
}

const p = (key: string, field: keyof Params, values: readonly string[] | undefined, multiple: boolean): ParamSpec => ({
  key,
  field,
  values,
  multiple,
});

const DIAGNOSTIC_LEVELS = p('уровни', 'diagnosticLevels', C.DIAGNOSTIC_LEVELS, true);
const POPULATION = p('население', 'population', POPULATIONS, false);
const ROLE = p('роль', 'role', C.STAFF_ROLES, false);
const MENTORING_ONLY = p('только_наставничество', 'mentoringOnly', ['да', 'нет'], false);
const FORMS = p('формы', 'forms', C.MENTORING_FORMS, true);
const TOPIC = p('тема', 'topics', undefined, true);
const KINDS = p('виды', 'kinds', C.EVENT_KINDS, true);
const EVENT_LEVELS = p('уровни', 'eventLevels', C.EVENT_LEVELS, true);
const PARTICIPANT_ROLES = p('роли', 'roles', C.PARTICIPANT_ROLES, true);
const PROCEDURES = p('процедуры', 'procedures', C.DIAGNOSTIC_PROCEDURES, true);
const SIDES = p('стороны', 'bothSides', ['наставляемого', 'обе'], false);
const BASED_ON_DIAGNOSTIC = p('на_основе_диагностики', 'basedOnDiagnostic', ['да', 'нет'], false);
const ASSOCIATION_LEVELS = p('уровни', 'associationLevels', C.EVENT_LEVELS, true);
const ORG_TYPES = p('типы', 'orgTypes', C.ORG_TYPES, true);

export interface MeasureSpec {
  readonly id: MeasureId;
  readonly kind: MeasureKind;
  /** The «Ед. изм.» a new row gets. */
  readonly unit: string;
  readonly params: readonly ParamSpec[];
}

const m = (id: MeasureId, kind: MeasureKind, unit: string, params: readonly ParamSpec[] = []): MeasureSpec => ({
  id,
  kind,
  unit,
  params,
});

export const MEASURES: Record<MeasureId, MeasureSpec> = {
  share_diagnosed: m('share_diagnosed', 'share', '%', [DIAGNOSTIC_LEVELS, PROCEDURES, POPULATION]),
  count_staff_diagnosed: m('count_staff_diagnosed', 'count', 'чел.', [DIAGNOSTIC_LEVELS, PROCEDURES, POPULATION]),
  share_iom_developed: m('share_iom_developed', 'share', '%', [BASED_ON_DIAGNOSTIC, PROCEDURES, POPULATION]),
  share_iom_implemented: m('share_iom_implemented', 'share', '%', [POPULATION]),
  share_dpp: m('share_dpp', 'share', '%', [POPULATION]),
  staff_per_methodist: m('staff_per_methodist', 'ratio', 'чел.', [ROLE]),
  share_young_supported: m('share_young_supported', 'share', '%', [MENTORING_ONLY]),
  share_orgs_with_mentoring: m('share_orgs_with_mentoring', 'share', '%', [FORMS, SIDES]),
  share_orgs_management_trained: m('share_orgs_management_trained', 'share', '%', [TOPIC]),
  share_staff_participated: m('share_staff_participated', 'share', '%', [KINDS, EVENT_LEVELS, PARTICIPANT_ROLES, POPULATION]),
  count_staff_participated: m('count_staff_participated', 'count', 'чел.', [KINDS, EVENT_LEVELS, PARTICIPANT_ROLES, POPULATION]),
  share_in_associations: m('share_in_associations', 'share', '%', [ASSOCIATION_LEVELS, POPULATION]),
  roadmap_completion: m('roadmap_completion', 'share', '%'),
  share_events_by_organizer: m('share_events_by_organizer', 'share', '%', [ORG_TYPES, KINDS]),
  count_events: m('count_events', 'count', 'ед.', [KINDS, EVENT_LEVELS]),
  count_mentors: m('count_mentors', 'count', 'чел.', [FORMS]),
  manual: m('manual', 'manual', ''),
};

export const isMeasureId = (text: string): text is MeasureId => (MEASURE_IDS as readonly string[]).includes(text);
