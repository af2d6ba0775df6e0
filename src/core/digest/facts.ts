// What a digest counts, for the whole municipality or for a coordinator's schools (SPEC §7): IOMs developed and
// implemented, events held and new mentoring pairs in the month and the year to date, quarantined answers waiting,
// overdue IOMs, and the teachers without an IOM. The registers are indexed once per run (the indicators' Dataset);
// each recipient's scope is a filter over that index, so a hundred coordinators cost one read of each sheet.
import { Dataset } from '../indicators/dataset';
import { overdueItems } from '../roadmap/status';
import { Engine } from '../indicators/engine';
import { MEASURES } from '../indicators/measures';
import { periodOf, type Day } from '../indicators/period';
import type { KpiReport } from '../indicators/report';
import { Quarantine, QUARANTINE_WAITING } from '../intake/quarantine';
import { IOM_FORM_STATUSES } from '../schema/choices';
import { compareCodes, compareRu, normalizeName } from '../text';
import type { Workbook } from '../workbook';
import type { Clock } from '../ports';
import { dayOfIso, monthSpan, sendDay, yearToDate, type DigestMonth } from './month';

/** Normalized ОО codes a digest may show people of; null = the whole municipality. */
export type Scope = ReadonlySet<string> | null;

export interface MonthAndYear {
  readonly month: number;
  readonly year: number;
}

export interface PersonRow {
  readonly name: string;
  readonly position: string;
  readonly orgCode: string;
  readonly orgName: string;
}

export interface OverdueIom extends PersonRow {
  readonly end: Day;
  readonly status: string;
}

export interface DigestFacts {
  readonly developed: MonthAndYear;
  readonly implemented: MonthAndYear;
  readonly eventsHeld: MonthAndYear;
  readonly newPairs: MonthAndYear;
  readonly quarantineWaiting: number;
  /** End date passed (before the 1st of the next month), status neither «Реализован» nor «Не реализован». */
  readonly overdue: readonly OverdueIom[];
  /** Staff of S with no IOM in `withoutIomPeriod` (share_iom_developed's own definition). */
  readonly withoutIom: readonly PersonRow[];
}

const FORM_STATUSES = new Set(IOM_FORM_STATUSES.map(normalizeName));
const IMPLEMENTED = normalizeName('Реализован');
const FINAL = new Set(['Реализован', 'Не реализован'].map(normalizeName));

const byOrgAndName = (a: PersonRow, b: PersonRow) => compareCodes(a.orgCode, b.orgCode) || compareRu(a.name, b.name);

/** The quarantine is only read here: a clock that would be asked only by a write, and says so if it ever is. */
const READ_ONLY: Clock = {
  now: () => {
    throw new Error('DigestData reads «Карантин» only: no write needs the time');
  },
};

export class DigestData {
  readonly dataset: Dataset;
  /** The period «без ИОМ» is counted for: the IOM indicator's last recompute, else the year to date. */
  readonly withoutIomPeriod: { readonly from: Day; readonly to: Day };
  private readonly month: { from: Day; to: Day };
  private readonly year: { from: Day; to: Day };
  /** The 1st of the next month: an IOM that ended before it and is not finished is overdue. */
  private readonly due: Day;
  private readonly uncoveredStaff: readonly number[];
  /** For each waiting quarantined answer, the normalized codes of the ОО it names. */
  private readonly waiting: readonly ReadonlySet<string>[];

  constructor(workbook: Workbook, month: DigestMonth, report: KpiReport | null) {
    this.dataset = new Dataset(workbook);
    this.month = monthSpan(month);
    this.year = yearToDate(month);
    this.due = sendDay(month);
    const iomIndicator = report?.indicators.find((i) => i.measure === 'share_iom_developed' && i.period);
    this.withoutIomPeriod = iomIndicator?.period
      ? { from: dayOfIso(iomIndicator.period.from), to: dayOfIso(iomIndicator.period.to) }
      : this.year;
    this.uncoveredStaff = this.staffWithoutIom();
    this.waiting = this.waitingAnswers(workbook);
  }

  /** «Дорожная карта» items whose deadline passed before the letter's day undone (SPEC §7). */
  overdueRoadmap(): { item: string; action: string; deadline: Day }[] {
    return overdueItems(this.dataset.roadmap, this.due).map(({ item, deadline }) => ({ item: item.item, action: item.action, deadline }));
  }

  private staffWithoutIom(): number[] {
    const { from, to } = this.withoutIomPeriod;
    const period = periodOf({ kind: 'explicit', from, to }, Math.floor(to / 10000));
    if (!period.ok) return [];
    const coverage = new Engine(this.dataset, null).coverage(MEASURES.share_iom_developed, {}, period.period)!;
    return coverage.population.filter((i) => !coverage.covered.has(i));
  }

  /** Waiting answers name their ОО by name or code in some answer («Образовательная организация», «ОО наставника»…). */
  private waitingAnswers(workbook: Workbook): ReadonlySet<string>[] {
    const orgByText = new Map<string, string>();
    for (const [org, info] of this.dataset.orgs) {
      orgByText.set(org, org);
      if (info.name) orgByText.set(normalizeName(info.name), org);
    }
    return new Quarantine(workbook, READ_ONLY)
      .entries()
      .filter((e) => e.status === QUARANTINE_WAITING)
      .map((e) => new Set(Object.values(e.answers).flatMap((answer) => orgByText.get(normalizeName(answer)) ?? [])));
  }

  private person(i: number): PersonRow {
    const m = this.dataset.staff[i]!;
    return { name: m.name, position: m.position, orgCode: this.dataset.orgCode(m.org), orgName: this.dataset.orgName(m.org) };
  }

  private monthAndYear(days: Iterable<Day>): MonthAndYear {
    const counts = { month: 0, year: 0 };
    for (const day of days) {
      if (day >= this.month.from && day <= this.month.to) counts.month++;
      if (day >= this.year.from && day <= this.year.to) counts.year++;
    }
    return counts;
  }

  private municipality?: DigestFacts;
  /** The registers' rows by ОО, built once: each ОО's letter reads its own rows, not every row (1,800 letters). */
  private byOrg?: OrgRows;
  /** The roster row of each of `dataset.ioms`, resolved once for every scope. */
  private iomPeople?: Int32Array;

  /** The figures of `scope`; the whole municipality's are computed once (the methodists' and ministry's letters). */
  facts(scope: Scope): DigestFacts {
    if (scope === null) return (this.municipality ??= this.count(null));
    return this.count(scope);
  }

  private rowsByOrg(): OrgRows {
    if (this.byOrg) return this.byOrg;
    const { dataset } = this;
    const people = (this.iomPeople ??= dataset.iomPeople(dataset.ioms));
    const rows: OrgRows = { ioms: new Map(), pairs: new Map(), events: new Map(), withoutIom: new Map() };
    dataset.ioms.forEach((_, i) => {
      const person = people[i]!;
      if (person >= 0) push(rows.ioms, dataset.staff[person]!.org, i);
    });
    dataset.pairs.forEach((p, i) => {
      push(rows.pairs, p.menteeOrg, i);
      const mentorOrg = dataset.mentors[p.mentor]!.org;
      if (mentorOrg !== p.menteeOrg) push(rows.pairs, mentorOrg, i);
    });
    dataset.events.forEach((e, i) => push(rows.events, e.org, i));
    this.uncoveredStaff.forEach((person, i) => push(rows.withoutIom, dataset.staff[person]!.org, i));
    return (this.byOrg = rows);
  }

  private count(scope: Scope): DigestFacts {
    const { dataset } = this;
    const within = (org: string) => scope === null || scope.has(org);
    const people = (this.iomPeople ??= dataset.iomPeople(dataset.ioms));
    // The rows of the scope's ОО, in register order (as a pass over every row would take them).
    const pick = <T>(all: readonly T[], byOrg: ReadonlyMap<string, number[]>): T[] =>
      scope === null ? [...all] : inOrder(scope, byOrg).map((i) => all[i]!);
    const byOrg = scope === null ? null : this.rowsByOrg();
    const iomRows = byOrg ? inOrder(scope!, byOrg.ioms) : dataset.ioms.flatMap((_, i) => (people[i]! >= 0 ? [i] : []));
    const ioms = iomRows.map((i) => ({ ...dataset.ioms[i]!, person: people[i]! }));
    const pairs = byOrg ? pick(dataset.pairs, byOrg.pairs) : dataset.pairs;
    const events = byOrg ? pick(dataset.events, byOrg.events) : dataset.events;
    const withoutIom = byOrg ? pick(this.uncoveredStaff, byOrg.withoutIom) : this.uncoveredStaff;
    return {
      developed: this.monthAndYear(ioms.filter((x) => FORM_STATUSES.has(x.statusKey)).map((x) => x.start)),
      implemented: this.monthAndYear(ioms.flatMap((x) => (x.statusKey === IMPLEMENTED && x.end !== null ? [x.end] : []))),
      eventsHeld: this.monthAndYear(events.filter((e) => e.held).map((e) => e.start)),
      newPairs: this.monthAndYear(pairs.map((p) => p.start)),
      quarantineWaiting: scope === null ? this.waiting.length : this.waiting.filter((orgs) => [...orgs].some(within)).length,
      overdue: ioms
        .filter((x) => x.end !== null && x.end < this.due && !FINAL.has(x.statusKey))
        .map((x) => ({ ...this.person(x.person), end: x.end!, status: x.status }))
        .sort((a, b) => byOrgAndName(a, b) || a.end - b.end),
      withoutIom: withoutIom.map((i) => this.person(i)).sort(byOrgAndName),
    };
  }
}

interface OrgRows {
  /** Indexes into `dataset.ioms` (of people in «Педагоги»), `pairs` (by the mentee's and the mentor's ОО), `events`
   * (by organizer) and the staff without an IOM, by normalized ОО code. */
  readonly ioms: Map<string, number[]>;
  readonly pairs: Map<string, number[]>;
  readonly events: Map<string, number[]>;
  readonly withoutIom: Map<string, number[]>;
}

const push = (map: Map<string, number[]>, org: string, i: number) => {
  const list = map.get(org);
  if (list) list.push(i);
  else map.set(org, [i]);
};

/** The indexes of the scope's ОО, each once, ascending. */
function inOrder(scope: ReadonlySet<string>, byOrg: ReadonlyMap<string, number[]>): number[] {
  const lists = [...scope].flatMap((org) => byOrg.get(org) ?? []);
  return scope.size > 1 ? [...new Set(lists)].sort((a, b) => a - b) : lists;
}
