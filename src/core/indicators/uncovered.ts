// «Кто не охвачен»: for a share indicator, the people (or schools, or roadmap events) in its denominator but not in
// its numerator, by ОО — the list a methodist acts on («у кого нет ИОМ», «какие школы без наставничества»).
// Pure over the snapshot; it holds personal data, so the adapters show it only after the access check.
import { byCode, compareCodes, compareRu, normalizeName } from '../text';
import type { KpiContext } from './compute';
import type { Unit } from './engine';
import { shownDay } from './period';

export interface UncoveredRow {
  /** ФИО, the school's name, or the event's label. */
  readonly name: string;
  readonly orgCode: string;
  readonly orgName: string;
  /** Должность of a person, the start date of an event. */
  readonly detail: string;
}

export interface UncoveredList {
  readonly code: string;
  readonly title: string;
  readonly unit: Unit | null;
  /** Every uncovered item of the indicator, by ОО (for the filter). */
  readonly byOrg: readonly { readonly code: string; readonly name: string; readonly count: number }[];
  /** Those of `org` (or all), ordered by ОО and name. */
  readonly rows: readonly UncoveredRow[];
  /** Why there is no list (a count, a typed value, a passport mistake), or a caveat about the list. */
  readonly note: string;
}

const HEADCOUNT_NOTE =
  'Список составлен по листу «Педагоги»; где заполнена численность ОО-1, в знаменателе могут быть и люди, которых нет в списке.';

export function uncoveredOf(context: KpiContext, code: string, org?: string): UncoveredList {
  const passport = context.passports().find((p) => normalizeName(p.code) === normalizeName(code));
  if (!passport) throw new Error(`Показателя с кодом «${code}» нет на листе «Показатели».`);
  const empty = (note: string): UncoveredList => ({ code: passport.code, title: passport.title, unit: null, byOrg: [], rows: [], note });
  const row = context.resolve(passport);
  if (!row.ok) return empty(row.message);
  if (row.spec.kind !== 'share') return empty('Список «кто не охвачен» составляется только для показателей-долей.');
  const coverage = context.coverage(row);
  if (!coverage) return empty('Для этого показателя список не составляется.');

  const { dataset } = context;
  const only = org ? normalizeName(org) : null;
  const describe = (item: number): UncoveredRow => {
    const itemOrg = coverage.orgOf(item);
    const where = { orgCode: dataset.orgCode(itemOrg), orgName: dataset.orgName(itemOrg) };
    switch (coverage.unit) {
      case 'people': {
        const m = dataset.staff[item]!;
        return { name: m.name, ...where, detail: m.position };
      }
      case 'schools':
        return { name: where.orgName || where.orgCode, ...where, detail: '' };
      case 'roadmap': {
        const entry = dataset.roadmap[item]!;
        return { name: `Пункт ${entry.item}: ${entry.action}`, ...where, detail: `Срок: ${entry.deadline}` };
      }
      default: {
        const event = context.engine.eventsIn(row.period)[item]!;
        return { name: event.label, ...where, detail: shownDay(event.start) };
      }
    }
  };
  const counts = new Map<string, number>();
  const rows: UncoveredRow[] = [];
  for (const item of coverage.population) {
    if (coverage.covered.has(item)) continue;
    const itemOrg = coverage.orgOf(item);
    counts.set(itemOrg, (counts.get(itemOrg) ?? 0) + 1);
    if (only === null || itemOrg === only) rows.push(describe(item));
  }
  const byName = (a: UncoveredRow, b: UncoveredRow) => compareCodes(a.orgCode, b.orgCode) || compareRu(a.name, b.name);
  return {
    code: passport.code,
    title: passport.title,
    unit: coverage.unit,
    byOrg: [...counts].map(([o, count]) => ({ code: dataset.orgCode(o), name: dataset.orgName(o), count })).sort(byCode),
    rows: rows.sort(byName),
    note: coverage.headcount ? HEADCOUNT_NOTE : '',
  };
}
