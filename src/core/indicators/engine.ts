// The measures of SPEC §6 over the indexed registers. Each measure is a Coverage: the items of its denominator
// (people, schools, events or mentors, within the scope) and those of them that are counted. Populations and
// per-period sets are computed once per engine and shared by the indicators that need them; a period is a range
// of the date-sorted registers, so no indicator scans what it does not count.
import { IOM_FORM_STATUSES } from '../schema/choices';
import { normalizeName } from '../text';
import { upperBound, type Dataset, type EventInfo, type IomInfo, type ParticipationInfo } from './dataset';
import type { MeasureKind, MeasureSpec, Params, Population } from './measures';
import { yearBefore, yearsBack, type Day, type Period } from './period';
import { roadmapCompletion } from '../roadmap/status';
import { mismatched, type HeadcountGap } from './warnings';

export type Unit = 'people' | 'schools' | 'events' | 'mentors' | 'roadmap';

export interface Coverage {
  readonly unit: Unit;
  /** The items of the denominator (for a count: the items counted). */
  readonly population: readonly number[];
  /** The items of the population that are in the numerator. */
  readonly covered: ItemSet;
  /** Normalized ОО code of an item ('' when it has none, e.g. an event without an organizer). */
  readonly orgOf: (item: number) => string;
  /** The denominator is the ОО-1 headcount (where filled) instead of the roster rows: measures over all of S. */
  readonly headcount: boolean;
}

export interface Counts {
  readonly numerator: number;
  readonly denominator: number | null;
}

export interface Tally extends Counts {
  /** By normalized ОО code. */
  readonly byOrg: ReadonlyMap<string, Counts>;
  /** Where the ОО-1 headcount and the roster disagree (a numerator clipped, SPEC §6), by ОО. */
  readonly gaps: readonly HeadcountGap[];
}

const FORM_STATUSES = new Set(IOM_FORM_STATUSES.map(normalizeName));
const FINAL = new Set(['Реализован', 'Не реализован'].map(normalizeName));
const IMPLEMENTED = normalizeName('Реализован');
const COURSES = 'Курсы повышения квалификации';
const ASSOCIATION_MEETING = 'Заседание методического объединения';
const DEFAULT_ROLE = 'Методист';
/** share_events_by_organizer without «типы»: the methodical service's share («на базе ММС», seed 001 L418). */
const METHODICAL_SERVICE = 'Методическая служба';

/** Age under 35 at R, and a career begun less than 3 years before R (dates as yyyymmdd: a birthday on R counts). */
const youngByDates = (birth: Day | null, career: Day | null, r: Day) =>
  birth !== null && career !== null && r < birth + 350000 && career > r - 30000;

/** What a coverage asks of its covered items. */
export interface ItemSet {
  has(item: number): boolean;
}

/** A set of roster rows as a mark per row: adding 100k people to a Set<number> hashes each; -1 (not in «Педагоги») is never in it. */
class PersonMarks implements ItemSet {
  readonly marks: Uint8Array;

  constructor(size: number) {
    this.marks = new Uint8Array(size);
  }

  add(person: number): void {
    if (person >= 0) this.marks[person] = 1;
  }

  has(person: number): boolean {
    return this.marks[person] === 1;
  }
}

const anyOf = (allowed: readonly string[] | undefined, value: string) => !allowed || allowed.includes(value);

export const valueOf = (kind: MeasureKind, counts: Counts): number | null => {
  if (kind === 'count') return counts.numerator;
  if (!counts.denominator) return null;
  return kind === 'share' ? (100 * counts.numerator) / counts.denominator : counts.numerator / counts.denominator;
};

export class Engine {
  private readonly memo = new Map<string, unknown>();

  /** `scope`: a normalized ОО code, or null for the whole municipality. */
  constructor(
    readonly data: Dataset,
    readonly scope: string | null,
  ) {}

  private earliestMemo: number | null | undefined;
  /** The year of the earliest record: how far back a trend reaches. */
  get earliest(): number | null {
    if (this.earliestMemo === undefined) this.earliestMemo = this.data.earliestYear();
    return this.earliestMemo;
  }

  private cached<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  private inScope(org: string): boolean {
    return this.scope === null || org === this.scope;
  }

  private readonly personOrg = (i: number) => this.data.roster.org[i]!;

  /** Roster rows of S in scope, or the part «население» names; УК = management. */
  staff(population: Exclude<Population, 'МС'> | 'УК'): number[] {
    return this.cached(`staff:${population}`, () => {
      const out: number[] = [];
      const { size, org, inS, management, teacher } = this.data.roster;
      for (let i = 0; i < size; i++) {
        if (!inS[i] || !this.inScope(org[i]!)) continue;
        const member =
          population === 'все' ||
          (population === 'педагоги' && !management[i]) ||
          (population === 'учителя' && teacher[i] === 1) ||
          ((population === 'УК' || population === 'управленческие') && management[i] === 1);
        if (member) out.push(i);
      }
      return out;
    });
  }

  /** Young specialists (МС) of S at the reference date R. */
  private young(r: Day): number[] {
    return this.cached(`young:${r}`, () => {
      const { birth, careerStart, youngFlag } = this.data.roster;
      // The flags stand in only for a missing date (0): someone whose dates say otherwise is not МС (SPEC §6).
      return this.staff('все').filter((i) =>
        birth[i] && careerStart[i] ? youngByDates(birth[i]!, careerStart[i]!, r) : youngFlag[i] === 1,
      );
    });
  }

  /** Normalized codes of the schools in scope; a school is an item by its position here. */
  schools(): string[] {
    return this.cached('schools', () => [...this.data.orgs].filter(([org, o]) => o.school && this.inScope(org)).map(([org]) => org));
  }

  /** Roster rows of S in scope by ОО. */
  private roster(): ReadonlyMap<string, number> {
    return this.cached('roster', () => {
      const roster = new Map<string, number>();
      const all = this.staff('все');
      for (let k = 0; k < all.length; k++) {
        const org = this.personOrg(all[k]!);
        roster.set(org, (roster.get(org) ?? 0) + 1);
      }
      return roster;
    });
  }

  /** ОО whose staff the ОО-1 headcount describes: in scope, not a methodical service, with a headcount or staff. */
  headcounts(): ReadonlyMap<string, number> {
    return this.cached('headcounts', () => {
      const roster = this.roster();
      const out = new Map<string, number>();
      for (const [org, o] of this.data.orgs) {
        if (o.methodical || !this.inScope(org)) continue;
        const count = o.headcount ?? roster.get(org) ?? 0;
        if (count || roster.has(org)) out.set(org, count);
      }
      return out;
    });
  }

  /** Events whose start is in P, as an index range of the date-sorted events. */
  eventsIn(period: Period): EventInfo[] {
    return this.cached(`events:${period.from}:${period.to}`, () => {
      const events = this.data.events;
      return events.slice(
        upperBound(events, (e) => e.start, period.from - 1),
        upperBound(events, (e) => e.start, period.to),
      );
    });
  }

  /** People with a counted participation (event in P, not planned/postponed/cancelled) that `accept` takes. */
  private participants(period: Period, accept: (event: EventInfo, p: ParticipationInfo) => boolean, out = this.nobody()): PersonMarks {
    // The period and every year of the trend before it (each row's «Динамика» and «Факт по годам») are linked in one
    // scan of «Участие»; an earlier year's period then lies inside what is linked.
    this.data.linkParticipations({ ...period, from: Math.min(period.from, yearBefore(period, yearsBack(period, this.earliest)).from) });
    for (const event of this.eventsIn(period)) {
      if (!event.counts) continue;
      this.data.addParticipants(event, accept, out);
    }
    return out;
  }

  /** IOMs in P (start ≤ P.to and (no end or end ≥ P.from)) that `accept` takes. */
  private iomsIn(period: Period, accept: (iom: IomInfo) => boolean): IomInfo[] {
    const ioms = this.data.ioms.slice(
      0,
      upperBound(this.data.ioms, (x) => x.start, period.to),
    );
    return ioms.filter((x) => (x.end === null || x.end >= period.from) && accept(x));
  }

  /** No one of the roster yet. */
  private nobody(): PersonMarks {
    return new PersonMarks(this.data.roster.size);
  }

  /** The roster rows among `rows` (-1 is someone not in «Педагоги»). */
  private found(rows: Int32Array): PersonMarks {
    const out = this.nobody();
    for (let i = 0; i < rows.length; i++) out.add(rows[i]!);
    return out;
  }

  /** The roster people of the IOMs in P that `accept` takes. */
  private withIom(period: Period, accept: (iom: IomInfo) => boolean): PersonMarks {
    return this.found(this.data.iomPeople(this.iomsIn(period, accept)));
  }

  /** People with an IOM in P of a form status; with на_основе_диагностики only an IOM begun after a diagnostic. */
  private developed(period: Period, params: Params): PersonMarks {
    const formStatus = (x: IomInfo) => FORM_STATUSES.has(x.statusKey);
    if (!params.basedOnDiagnostic) return this.withIom(period, formStatus);
    const first = this.firstDiagnostic(params.procedures);
    const ioms = this.iomsIn(period, formStatus);
    const people = this.data.iomPeople(ioms);
    const out = this.nobody();
    for (let k = 0; k < ioms.length; k++) {
      const person = people[k]!;
      if (person < 0) continue;
      const diagnosed = first[person]!;
      if (diagnosed !== 0 && diagnosed <= ioms[k]!.start) out.add(person);
    }
    return out;
  }

  /** Each person's earliest diagnostic (of `procedures`), by roster row; 0 = none. */
  private firstDiagnostic(procedures: readonly string[] | undefined): Int32Array {
    return this.cached(`firstDiagnostic:${procedures?.join('|') ?? ''}`, () => {
      const rows = this.data.diagnostics.filter((x) => anyOf(procedures, x.procedure));
      const people = this.data.diagnosticPeople(rows);
      const out = new Int32Array(this.data.roster.size);
      for (let k = 0; k < rows.length; k++) {
        // Date order: the first seen is the earliest.
        if (people[k]! >= 0 && out[people[k]!] === 0) out[people[k]!] = rows[k]!.date;
      }
      return out;
    });
  }

  /** Pairs active in P: start ≤ P.to and (no end or end ≥ P.from), of the given forms. */
  private activePairs(period: Period, forms: readonly string[] | undefined) {
    const pairs = this.data.pairs;
    return pairs
      .slice(
        0,
        upperBound(pairs, (x) => x.start, period.to),
      )
      .filter((pair) => (pair.end === null || pair.end >= period.from) && anyOf(forms, pair.form));
  }

  private people(population: readonly number[], covered: PersonMarks, headcount: boolean): Coverage {
    return { unit: 'people', population, covered, orgOf: this.personOrg, headcount };
  }

  private schoolCoverage(covered: (org: string) => boolean): Coverage {
    const schools = this.schools();
    const hit = new Set<number>();
    schools.forEach((org, i) => covered(org) && hit.add(i));
    return { unit: 'schools', population: schools.map((_, i) => i), covered: hit, orgOf: (i) => schools[i]!, headcount: false };
  }

  /** A count: every item counted is its own population. */
  private counted(unit: Unit, items: readonly number[], orgOf: (item: number) => string): Coverage {
    const inScope = items.filter((i) => this.inScope(orgOf(i)));
    return { unit, population: inScope, covered: new Set(inScope), orgOf, headcount: false };
  }

  /** The people «население» names (МС: young specialists at R). */
  private populationOf(params: Params, period: Period): readonly number[] {
    const population = params.population ?? 'все';
    return population === 'МС' ? this.young(period.to) : this.staff(population);
  }

  /** The population «население» names: all of S counts by ОО-1 (where `headcount`), its parts by roster rows (SPEC §6). */
  private byPopulation(params: Params, covered: PersonMarks, period: Period, headcount = true): Coverage {
    return this.people(this.populationOf(params, period), covered, headcount && (params.population ?? 'все') === 'все');
  }

  coverage(spec: MeasureSpec, params: Params, period: Period): Coverage | null {
    switch (spec.id) {
      case 'share_diagnosed':
      case 'count_staff_diagnosed': {
        const all = this.data.diagnostics;
        const inPeriod = all.slice(
          upperBound(all, (d) => d.date, period.from - 1),
          upperBound(all, (d) => d.date, period.to),
        );
        const counted = inPeriod.filter((d) => anyOf(params.diagnosticLevels, d.level) && anyOf(params.procedures, d.procedure));
        return this.byPopulation(params, this.found(this.data.diagnosticPeople(counted)), period, spec.id === 'share_diagnosed');
      }
      case 'share_iom_developed':
        return this.byPopulation(params, this.developed(period, params), period);
      case 'share_iom_implemented': {
        // Judged only once due by R or final: an IOM still running past R leaves the denominator.
        const judged = this.withIom(
          period,
          (x) => FORM_STATUSES.has(x.statusKey) && ((x.end !== null && x.end <= period.to) || FINAL.has(x.statusKey)),
        );
        const population = this.populationOf(params, period).filter((i) => judged.has(i));
        return this.people(
          population,
          this.withIom(period, (x) => x.statusKey === IMPLEMENTED),
          false,
        );
      }
      case 'share_dpp':
        return this.byPopulation(
          params,
          this.participants(period, (e, p) => e.kind === COURSES && e.dpp && p.certified),
          period,
        );
      case 'share_young_supported': {
        const supported = this.nobody();
        for (const pair of this.activePairs(period, undefined)) supported.add(pair.mentee);
        if (!params.mentoringOnly) this.participants(period, (e) => e.forYoung, supported);
        return this.people(this.young(period.to), supported, false);
      }
      case 'share_orgs_with_mentoring': {
        const pairs = this.activePairs(period, params.forms);
        const mentored = new Set(pairs.map((pair) => pair.menteeOrg));
        // «стороны=обе»: a management pair involves both schools' teams (klin 7, seed 000 L491).
        if (params.bothSides) for (const pair of pairs) mentored.add(this.data.mentors[pair.mentor]!.org);
        return this.schoolCoverage((org) => mentored.has(org));
      }
      case 'share_orgs_management_trained': {
        const topics = params.topics?.map(normalizeName);
        const trained = this.participants(
          period,
          (e, p) => e.kind === COURSES && p.certified && (!topics || topics.some((t) => e.topicText.includes(t))),
        );
        const schools = new Set(
          this.staff('УК')
            .filter((i) => trained.has(i))
            .map(this.personOrg),
        );
        return this.schoolCoverage((org) => schools.has(org));
      }
      case 'share_staff_participated':
      case 'count_staff_participated':
        return this.byPopulation(
          params,
          this.participants(
            period,
            (e, p) => anyOf(params.kinds, e.kind) && anyOf(params.eventLevels, e.level) && anyOf(params.roles, p.role),
          ),
          period,
        );
      case 'share_in_associations': {
        // With уровни only meetings of those levels count: the free-text «Методическое объединение» has no level.
        const levels = params.associationLevels;
        const members = this.participants(period, (e) => e.kind === ASSOCIATION_MEETING && anyOf(levels, e.level));
        const { size, inAssociation } = this.data.roster;
        if (!levels) for (let i = 0; i < size; i++) if (inAssociation[i]) members.add(i);
        return this.byPopulation(params, members, period);
      }
      case 'roadmap_completion': {
        // The municipality's own plan: not split by ОО (an item has a responsible body, not a school).
        const { population, covered } = roadmapCompletion(this.data.roadmap, period.from, period.to);
        return { unit: 'roadmap', population, covered, orgOf: () => '', headcount: false };
      }
      case 'share_events_by_organizer': {
        const types = (params.orgTypes ?? [METHODICAL_SERVICE]).map(normalizeName);
        const events = this.eventsIn(period);
        const population = events.flatMap((e, i) => (e.held && anyOf(params.kinds, e.kind) && this.inScope(e.org) ? [i] : []));
        const typeOf = (i: number) => normalizeName(this.data.orgs.get(events[i]!.org)?.type ?? '');
        return {
          unit: 'events',
          population,
          covered: new Set(population.filter((i) => types.includes(typeOf(i)))),
          orgOf: (i) => events[i]!.org,
          headcount: false,
        };
      }
      case 'count_events': {
        const events = this.eventsIn(period);
        const held = events.flatMap((e, i) => (e.held && anyOf(params.kinds, e.kind) && anyOf(params.eventLevels, e.level) ? [i] : []));
        return this.counted('events', held, (i) => events[i]!.org);
      }
      case 'count_mentors': {
        const mentors = [...new Set(this.activePairs(period, params.forms).map((pair) => pair.mentor))];
        return this.counted('mentors', mentors, (i) => this.data.mentors[i]!.org);
      }
      case 'staff_per_methodist':
      case 'manual':
        return null;
    }
  }

  /**
   * The population's items and covered items by ОО, ОО in the order the population first names them. People (a
   * 100k roster, every indicator and year; their covered set is always marks: `people`) count in arrays by ОО index.
   */
  private countByOrg(coverage: Coverage): { numerator: number; byOrg: Map<string, { numerator: number; denominator: number | null }> } {
    const byOrg = new Map<string, { numerator: number; denominator: number | null }>();
    let numerator = 0;
    const { population, covered } = coverage;
    if (coverage.orgOf === this.personOrg && covered instanceof PersonMarks) {
      const { orgSlot: slots, orgKeys: keys } = this.data.roster;
      const marks = covered.marks;
      const denominators = new Int32Array(keys.length);
      const numerators = new Int32Array(keys.length);
      const order: number[] = [];
      for (let k = 0; k < population.length; k++) {
        const item = population[k]!;
        const slot = slots[item]!;
        if (denominators[slot]!++ === 0) order.push(slot);
        if (marks[item]) {
          numerators[slot]!++;
          numerator++;
        }
      }
      for (const slot of order) byOrg.set(keys[slot]!, { numerator: numerators[slot]!, denominator: denominators[slot]! });
      return { numerator, byOrg };
    }
    for (let k = 0; k < population.length; k++) {
      const item = population[k]!;
      const org = coverage.orgOf(item);
      let entry = byOrg.get(org);
      if (!entry) byOrg.set(org, (entry = { numerator: 0, denominator: 0 }));
      entry.denominator!++;
      if (covered.has(item)) {
        entry.numerator++;
        numerator++;
      }
    }
    return { numerator, byOrg };
  }

  /** Numerator and denominator, in total and by ОО. */
  tally(coverage: Coverage, kind: MeasureKind): Tally {
    const counted = this.countByOrg(coverage);
    const { byOrg } = counted;
    let { numerator } = counted;
    if (kind === 'count') {
      for (const entry of byOrg.values()) entry.denominator = null;
      return { numerator, denominator: null, byOrg, gaps: [] };
    }
    if (!coverage.headcount) return { numerator, denominator: coverage.population.length, byOrg, gaps: [] };
    let denominator = 0;
    const gaps: HeadcountGap[] = [];
    for (const [org, count] of this.headcounts()) {
      const entry = byOrg.get(org) ?? { numerator: 0, denominator: 0 };
      entry.denominator = count;
      // A share never exceeds 100 %: an ОО counts at most its ОО-1 headcount (SPEC §6), and the row says so.
      if (entry.numerator > count) {
        gaps.push({ code: 'headcount_exceeded', org, counted: entry.numerator, headcount: count });
        numerator -= entry.numerator - count;
        entry.numerator = count;
      }
      byOrg.set(org, entry);
      denominator += count;
    }
    return { numerator, denominator, byOrg, gaps };
  }

  /** staff_per_methodist: S by ОО-1 per roster row holding the role (any ОО, the methodical service included). */
  perMethodist(params: Params): Tally {
    const role = normalizeName(params.role ?? DEFAULT_ROLE);
    const holders = new Map<string, number>();
    const { size, roles, org } = this.data.roster;
    for (let i = 0; i < size; i++) {
      if (roles[i]!.length && roles[i]!.includes(role) && this.inScope(org[i]!)) holders.set(org[i]!, (holders.get(org[i]!) ?? 0) + 1);
    }
    const byOrg = new Map<string, Counts>();
    const gaps: HeadcountGap[] = [];
    const roster = this.roster();
    let numerator = 0;
    for (const [org, count] of this.headcounts()) {
      byOrg.set(org, { numerator: count, denominator: holders.get(org) ?? 0 });
      numerator += count;
      // ОО-1 is what counts; a roster far from it means one of the two is wrong (SPEC §6, issue 15).
      const rows = roster.get(org) ?? 0;
      if (this.data.orgs.get(org)?.headcount != null && mismatched(rows, count))
        gaps.push({ code: 'headcount_roster_mismatch', org, counted: rows, headcount: count });
    }
    return { numerator, denominator: [...holders.values()].reduce((a, b) => a + b, 0), byOrg, gaps };
  }
}
