// The registers indexed once for the indicator engine: every sheet of the snapshot is read once, dated records are
// sorted so a period is a range, and each indicator is then a pass over these sets. Register rows are resolved to
// roster people (by the intake's own person key, normalized ФИО + ОО) and participations to their event only when
// a period reaches them, once each: a recompute for one year does not pay for the registers' whole history.
import { personKey } from '../intake/directory';
import * as C from '../schema/choices';
import type { Table } from '../table';
import { normalizeName } from '../text';
import { parseEventLabel } from '../intake/mappers';
import type { Workbook } from '../workbook';
import { readRoadmap, type RoadmapItemState } from '../roadmap/status';
import { dayNumber, dayOfCell, type Day, type Period } from './period';

export interface OrgInfo {
  /** The code as written in «Организации» (or in «Педагоги» for an ОО missing there). */
  readonly code: string;
  readonly name: string;
  readonly type: string;
  /** «Численность работников (ОО-1)», when filled. */
  readonly headcount: number | null;
  readonly methodical: boolean;
  readonly school: boolean;
}

export interface StaffMember {
  readonly name: string;
  /** Normalized ОО code: the key of `Dataset.orgs`. */
  readonly org: string;
  readonly position: string;
  /** «Роли» as exact tokens (normalized): «Методист» is not «Региональный методист». */
  readonly roles: readonly string[];
  readonly inAssociation: boolean;
  /** «Молодой специалист» = Да in the roster, or a mentoring answer said so. */
  youngFlag: boolean;
  readonly birth: Day | null;
  readonly careerStart: Day | null;
  /** In S: the ОО is not a methodical service. */
  readonly inS: boolean;
  readonly management: boolean;
  readonly teacher: boolean;
}

/**
 * The roster (`Dataset.staff` deduplicated), field by field: one array per column indexed by roster row, not an object
 * per person — the engine passes over 100k people for every population, indicator and year.
 */
export interface Roster {
  readonly size: number;
  readonly name: readonly string[];
  /** Normalized ОО code: the key of `Dataset.orgs`. */
  readonly org: readonly string[];
  /** Each person's ОО as an index into `orgKeys` (ОО numbered in roster order): counted by ОО in arrays. */
  readonly orgSlot: Int32Array;
  readonly orgKeys: readonly string[];
  readonly position: readonly string[];
  readonly roles: readonly (readonly string[])[];
  /** 1 = yes (Uint8Array flags). */
  readonly inAssociation: Uint8Array;
  readonly youngFlag: Uint8Array;
  readonly inS: Uint8Array;
  readonly management: Uint8Array;
  readonly teacher: Uint8Array;
  /** yyyymmdd; 0 when not a date. */
  readonly birth: Int32Array;
  readonly careerStart: Int32Array;
}

export interface EventInfo {
  readonly label: string;
  readonly kind: string;
  readonly level: string;
  readonly start: Day;
  /** Status Проведено (empty counts as Проведено). */
  readonly held: boolean;
  /** Not Запланировано, Перенесено or Отменено: its participations count. */
  readonly counts: boolean;
  readonly dpp: boolean;
  readonly forYoung: boolean;
  /** «Пункт дорожной карты» as typed ('' = none). */
  readonly roadmapItem: string;
  /** Normalized title and direction, where a «тема» is looked for. */
  readonly topicText: string;
  readonly org: string;
}

/** What an indicator's filter sees of a participation (its person is looked up only for the rows a filter takes). */
export interface ParticipationInfo {
  readonly role: string;
  readonly certified: boolean;
}

/**
 * One view of «Участие» moved from row to row (a filter reads it, never keeps it): no object per participation, and
 * a filter that rejects on the event alone reads none of the row's cells.
 */
class ParticipationView implements ParticipationInfo {
  row = 0;

  constructor(
    private readonly roleOf: (i: number) => string,
    private readonly certifiedOf: (i: number) => string,
  ) {}

  get role(): string {
    return this.roleOf(this.row);
  }

  get certified(): boolean {
    return isYes(this.certifiedOf(this.row));
  }
}

export interface PairInfo {
  /** Index into `Dataset.mentors`. */
  readonly mentor: number;
  /** Index into `Dataset.staff`, -1 when the mentee is not in «Педагоги». */
  readonly mentee: number;
  readonly menteeOrg: string;
  readonly form: string;
  readonly start: Day;
  readonly end: Day | null;
}

/** A dated row of a personal register; its person is resolved on demand (`Dataset.iomPeople`, `diagnosticPeople`). */
interface DatedRow {
  readonly row: number;
}

export interface IomInfo extends DatedRow {
  readonly start: Day;
  readonly end: Day | null;
  /** As written, for people to read. */
  readonly status: string;
  /** Normalized once here: the measures and digests compare it for every IOM. */
  readonly statusKey: string;
}

export interface DiagnosticInfo extends DatedRow {
  readonly date: Day;
  readonly level: string;
  /** «Процедура» as written (the choice list's spelling). */
  readonly procedure: string;
}

const MANAGEMENT = new Set(['Руководитель', 'Заместитель руководителя', 'Руководитель структурного подразделения'].map(normalizeName));
const TEACHER = normalizeName('Учитель');
const YES = normalizeName('Да');
/** «Да» as the forms and the CLI write it is recognised without normalizing (hundreds of thousands of cells). */
const isYes = (value: string) => value === 'Да' || (value !== 'Нет' && value !== '' && normalizeName(value) === YES);
const STATUS_DEFAULT = normalizeName(C.EVENT_STATUS_DEFAULT);
const NOT_COUNTED = new Set(['Запланировано', 'Перенесено', 'Отменено'].map(normalizeName));
const FOR_YOUNG = normalizeName('Молодые педагоги');
const METHODICAL = normalizeName('Методическая служба');
const SCHOOL = normalizeName('Школа');

const texts = (t: Table, ...keys: string[]) => keys.map((key) => t.texts(key));

/**
 * The columns the engine reads of each large register (`Workbook.columns`): only their span is read, so a register's
 * trailing columns (who answered, the answer's id and times — two dates a row) are never read by a recompute.
 */
const READS = {
  staff: ['name', 'orgCode', 'position', 'roles', 'association', 'youngSpecialist', 'birthDate', 'careerStart'],
  participation: ['eventTitle', 'eventLabel', 'eventStart', 'personName', 'personOrgCode', 'role', 'certified'],
  mentoring: ['mentorName', 'mentorOrgCode', 'menteeName', 'menteeOrgCode', 'menteeYoung', 'form', 'start', 'end'],
  iom: ['personName', 'personOrgCode', 'start', 'end', 'status'],
  diagnostics: ['personName', 'personOrgCode', 'date', 'level', 'procedure'],
} as const;

/** The first index whose key is greater than `day` in an array sorted by `key`. */
export function upperBound<T>(items: readonly T[], key: (item: T) => Day, day: Day): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Look-up of what registers name by (name, code): the spelling the intake wrote (the roster's own) first, then the
 * intake's equality (normalized, SPEC §5) — built only if some row is spelled otherwise, so a 100k roster is not
 * normalized name by name on every recompute. Names are nearly unique across ОО: one Map by name (one hash of each
 * register cell) with the code compared, and a Map by code only for a name already taken in another ОО.
 */
class NameIndex {
  /** The first entry of each name: its slot in `codes`/`values`. */
  private readonly byName = new Map<string, number>();
  /** Every entry in the order added. */
  private readonly names: string[] = [];
  private readonly codes: string[] = [];
  private readonly values: number[] = [];
  /** Entries whose name an earlier entry of another code holds. */
  private readonly others = new Map<string, Map<string, number>>();
  private normalized?: Map<string, number>;

  add(name: string, code: string, value: number): boolean {
    const first = this.byName.get(name);
    if (first === undefined) this.byName.set(name, this.names.length);
    else {
      if (this.codes[first] === code) return false;
      let byName = this.others.get(code);
      if (!byName) this.others.set(code, (byName = new Map()));
      if (byName.has(name)) return false;
      byName.set(name, value);
    }
    this.names.push(name);
    this.codes.push(code);
    this.values.push(value);
    const key = this.normalized && personKey(name, code);
    if (key && !this.normalized!.has(key)) this.normalized!.set(key, value);
    return true;
  }

  find(name: string, code: string): number | undefined {
    const first = this.byName.get(name);
    if (first !== undefined) {
      if (this.codes[first] === code) return this.values[first];
      const hit = this.others.get(code)?.get(name);
      if (hit !== undefined) return hit;
    }
    if (!name) return undefined;
    return (this.normalized ??= this.normalize()).get(personKey(name, code));
  }

  /** The first entry of each key, entries taken code by code (in the order each code first came) as they were added. */
  private normalize(): Map<string, number> {
    const byCode = new Map<string, number[]>();
    for (let k = 0; k < this.codes.length; k++) {
      const list = byCode.get(this.codes[k]!);
      if (list) list.push(k);
      else byCode.set(this.codes[k]!, [k]);
    }
    const normalized = new Map<string, number>();
    for (const [code, entries] of byCode) {
      for (const k of entries) {
        const key = personKey(this.names[k]!, code);
        if (!normalized.has(key)) normalized.set(key, this.values[k]!);
      }
    }
    return normalized;
  }
}

const NO_ROLES: readonly string[] = [];
const UNRESOLVED = -2;

/** The roster row each row of a register names (by its `prefix`Name and `prefix`OrgCode), or -1: looked up once, when asked. */
class PersonColumn {
  private readonly resolved: Int32Array;
  private readonly name: (i: number) => string;
  private readonly code: (i: number) => string;

  constructor(
    private readonly people: NameIndex,
    t: Table,
    prefix: string,
  ) {
    this.resolved = new Int32Array(t.size).fill(UNRESOLVED);
    [this.name, this.code] = texts(t, `${prefix}Name`, `${prefix}OrgCode`);
  }

  of(row: number): number {
    let person = this.resolved[row]!;
    if (person === UNRESOLVED) person = this.resolved[row] = this.people.find(this.name(row), this.code(row)) ?? -1;
    return person;
  }

  /**
   * `of` each of `rows`, looked up in sheet order (a pass in date order would jump around the sheet): the rows not yet
   * looked up are marked, then the marks read in one pass — no sort. Rows all looked up already (an earlier year's
   * IOMs are among a later year's) cost one pass over `rows`.
   */
  ofRows(rows: Int32Array): Int32Array {
    const people = new Int32Array(rows.length);
    let pending: Uint8Array | undefined;
    for (let k = 0; k < rows.length; k++) {
      if ((people[k] = this.resolved[rows[k]!]!) === UNRESOLVED) (pending ??= new Uint8Array(this.resolved.length))[rows[k]!] = 1;
    }
    if (!pending) return people;
    for (let row = 0; row < pending.length; row++) if (pending[row]) this.of(row);
    for (let k = 0; k < rows.length; k++) people[k] = this.resolved[rows[k]!]!;
    return people;
  }
}

/**
 * «Участие» rows by the start day of the event they name. Rows are linked to their event (and person) when a period
 * first reaches their day, in one pass in sheet order: reading the rows event by event would jump around memory.
 */
class ParticipationRows {
  /** The start day of the event each row names; 0 when it names none. */
  private readonly days: Int32Array;
  /** Titles of the rows that name their event only by the dropdown label «Название (дд.мм.гггг)». */
  private readonly labelTitles = new Map<number, string>();
  /** By index into `Dataset.events`: an array slot, not a Map lookup per linked row. */
  private readonly byEvent: number[][] = [];
  /** The day ranges already linked. */
  private readonly linked: [from: Day, to: Day][] = [];
  private readonly person: PersonColumn;
  private readonly title: (i: number) => string;
  private readonly view: ParticipationView;

  constructor(
    people: NameIndex,
    t: Table,
    /** The index into `events` of the event a row names by title and start day. */
    private readonly eventOf: (title: string, day: Day) => number | undefined,
    private readonly events: readonly EventInfo[],
  ) {
    this.person = new PersonColumn(people, t, 'person');
    let label: (i: number) => string;
    const [role, certified] = texts(t, 'role', 'certified');
    this.view = new ParticipationView(role, certified);
    [this.title, label] = texts(t, 'eventTitle', 'eventLabel');
    const start = t.cells('eventStart');
    this.days = new Int32Array(t.size);
    for (let i = 0; i < t.size; i++) {
      let day = dayOfCell(start(i));
      if (day === null || !this.title(i)) {
        const event = parseEventLabel(label(i));
        if (!event) continue;
        day = dayNumber(event.start);
        this.labelTitles.set(i, event.title);
      }
      this.days[i] = day;
    }
  }

  private isLinked(from: Day, to: Day): boolean {
    return this.linked.some(([a, b]) => a <= from && to <= b);
  }

  /** Links the rows of counted events starting within from…to to their event. */
  link(from: Day, to: Day): void {
    if (this.isLinked(from, to)) return;
    const anyLinked = this.linked.length > 0;
    const anyLabel = this.labelTitles.size > 0;
    for (let i = 0; i < this.days.length; i++) {
      const day = this.days[i]!;
      if (day < from || day > to || (anyLinked && this.isLinked(day, day))) continue;
      const index = this.eventOf((anyLabel ? this.labelTitles.get(i) : undefined) ?? this.title(i), day);
      // A planned, postponed or cancelled event's participations count for nothing.
      if (index === undefined || !this.events[index]!.counts) continue;
      const list = this.byEvent[index];
      if (list) list.push(i);
      else this.byEvent[index] = [i];
    }
    this.linked.push([from, to]);
  }

  /**
   * Adds to `out` the people in «Педагоги» of the rows of `event` (at `index` in `events`) that `accept` takes. A
   * row's person is looked up (once) only when taken: most rows fail an indicator's filter on kind, level or role,
   * and the look-up by ФИО and ОО is the costly part of a recompute.
   */
  addPeople(
    event: EventInfo,
    index: number,
    accept: (event: EventInfo, p: ParticipationInfo) => boolean,
    out: { add(person: number): void },
  ): void {
    this.link(event.start, event.start);
    const rows = this.byEvent[index];
    if (!rows) return;
    const view = this.view;
    for (let k = 0; k < rows.length; k++) {
      view.row = rows[k]!;
      if (!accept(event, view)) continue;
      const person = this.person.of(view.row);
      if (person >= 0) out.add(person);
    }
  }
}

export class Dataset {
  /** By normalized code. */
  readonly orgs = new Map<string, OrgInfo>();
  /** The roster the engine reads; `staff` has the same people as objects, made when first asked (digests, lists). */
  readonly roster: Roster;
  /** Distinct mentors: their ОО (normalized code). */
  readonly mentors: { readonly name: string; readonly org: string }[] = [];
  readonly events: EventInfo[] = [];
  /** «Дорожная карта», with the held events that mark its items. */
  readonly roadmap: RoadmapItemState[];
  /** In start order. */
  readonly pairs: readonly PairInfo[];
  /** Every IOM with a start, in date order, whoever it names (`iomPeople`). */
  readonly ioms: readonly IomInfo[];
  /** Every dated diagnostic, in date order, whoever it names (`diagnosticPeople`). */
  readonly diagnostics: readonly DiagnosticInfo[];
  /** Roster rows by ФИО and ОО code. */
  private readonly people = new NameIndex();
  /** Each event's title as written, by index in `events` (an EventInfo keeps its label). */
  private readonly eventTitles: string[] = [];
  /** The index in `events` (sorted by start) of each start day's first event. */
  private readonly firstOfDay = new Map<Day, number>();
  /** Each event's index in `events` (rows are linked by index: one Map lookup per event, not per participation). */
  private readonly eventPosition = new Map<EventInfo, number>();
  private readonly participation: ParticipationRows;
  private readonly iomPeopleColumn: PersonColumn;
  private readonly diagnosticPeopleColumn: PersonColumn;

  constructor(workbook: Workbook) {
    this.readOrganizations(workbook.table('organizations'));
    this.roster = this.readStaff(workbook.columns('staff', READS.staff));
    this.readEvents(workbook.table('events'));
    this.roadmap = readRoadmap(
      workbook.table('roadmap'),
      this.events.flatMap((e) => (e.held && e.roadmapItem ? [{ item: e.roadmapItem, day: e.start }] : [])),
    );
    this.participation = new ParticipationRows(
      this.people,
      workbook.columns('participation', READS.participation),
      (title, day) => this.eventAt(title, day),
      this.events,
    );
    this.pairs = this.readMentoring(workbook.columns('mentoring', READS.mentoring));
    const ioms = workbook.columns('iom', READS.iom);
    this.iomPeopleColumn = new PersonColumn(this.people, ioms, 'person');
    const [end, status] = [ioms.cells('end'), ioms.texts('status')];
    const iom = (row: number, start: Day): IomInfo => {
      const text = status(row);
      return { row, start, end: dayOfCell(end(row)), status: text, statusKey: normalizeName(text) };
    };
    this.ioms = dated(ioms, 'start', iom);
    const diagnostics = workbook.columns('diagnostics', READS.diagnostics);
    this.diagnosticPeopleColumn = new PersonColumn(this.people, diagnostics, 'person');
    const [level, procedure] = texts(diagnostics, 'level', 'procedure');
    this.diagnostics = dated(diagnostics, 'date', (row, date) => ({ row, date, level: level(row), procedure: procedure(row) }));
  }

  private staffMembers?: StaffMember[];
  /** The roster as one object per person (the mentoring form's «молодой специалист» applied). */
  get staff(): readonly StaffMember[] {
    if (this.staffMembers) return this.staffMembers;
    const r = this.roster;
    const day = (value: number) => (value === 0 ? null : value);
    return (this.staffMembers = Array.from({ length: r.size }, (_, i) => ({
      name: r.name[i]!,
      org: r.org[i]!,
      position: r.position[i]!,
      roles: r.roles[i]!,
      inAssociation: r.inAssociation[i] === 1,
      youngFlag: r.youngFlag[i] === 1,
      birth: day(r.birth[i]!),
      careerStart: day(r.careerStart[i]!),
      inS: r.inS[i] === 1,
      management: r.management[i] === 1,
      teacher: r.teacher[i] === 1,
    })));
  }

  orgName(org: string): string {
    return this.orgs.get(org)?.name ?? '';
  }

  orgCode(org: string): string {
    return this.orgs.get(org)?.code ?? org;
  }

  /** The roster row of each IOM (-1: not in «Педагоги»). */
  iomPeople(ioms: readonly IomInfo[]): Int32Array {
    return this.iomPeopleColumn.ofRows(rowsOf(ioms));
  }

  /** The roster row of each diagnostic (-1: not in «Педагоги»). */
  diagnosticPeople(diagnostics: readonly DiagnosticInfo[]): Int32Array {
    return this.diagnosticPeopleColumn.ofRows(rowsOf(diagnostics));
  }

  /** Links the participations of every event of `period` at once (`addParticipants` would link day by day). */
  linkParticipations(period: Period): void {
    this.participation.link(period.from, period.to);
  }

  /**
   * Adds to `out` the people in «Педагоги» whose participation in `event` `accept` takes (a pure filter: it may be
   * asked before the person is known); none for an event that does not count (`counts`).
   */
  addParticipants(event: EventInfo, accept: (event: EventInfo, p: ParticipationInfo) => boolean, out: { add(person: number): void }): void {
    this.participation.addPeople(event, this.eventPosition.get(event)!, accept, out);
  }

  /**
   * The first event of `day` titled `title` as written, else as the intake compares titles (normalized): a day holds a
   * few events, so a participation is linked by its day (a number) and a title compared among those few, not by a
   * string hashed in a Map of every event.
   */
  private eventAt(title: string, day: Day): number | undefined {
    const first = this.firstOfDay.get(day);
    if (first === undefined || !title) return undefined;
    const { events, eventTitles } = this;
    let end = first;
    while (end < events.length && events[end]!.start === day) if (eventTitles[end++] === title) return end - 1;
    const key = normalizeName(title);
    for (let k = first; k < end; k++) if (normalizeName(eventTitles[k]!) === key) return k;
    return undefined;
  }

  private readOrganizations(t: Table): void {
    const [code, name, type] = texts(t, 'code', 'name', 'type');
    const headcount = t.cells('headcount');
    for (let i = 0; i < t.size; i++) {
      if (!code(i)) continue;
      const kind = normalizeName(type(i));
      const count = headcount(i);
      this.orgs.set(normalizeName(code(i)), {
        code: code(i),
        name: name(i),
        type: type(i),
        headcount: typeof count === 'number' && count >= 0 ? count : null,
        methodical: kind === METHODICAL,
        school: kind === SCHOOL,
      });
    }
  }

  private readStaff(t: Table): Roster {
    const [nameOf, codeOf, positionOf, rolesOf] = texts(t, 'name', 'orgCode', 'position', 'roles');
    const [association, young] = texts(t, 'association', 'youngSpecialist');
    const [birthOf, careerOf] = [t.cells('birthDate'), t.cells('careerStart')];
    const rows = t.size;
    const [name, org, position]: string[][] = [[], [], []];
    const roles: (readonly string[])[] = [];
    const orgKeys: string[] = [];
    // A column of few distinct values is looked up as written, one Map each: the ОО slot by the code, and what a
    // position is (1 management, 2 teacher, 0 other) by its text; each distinct spelling normalized once.
    const slotOfKey = new Map<string, number>();
    const slotOfCode = new Map<string, number>();
    const postKind = new Map<string, number>();
    /** By ОО slot: its staff are in S (not a methodical service). */
    const slotInS: number[] = [];
    const [orgSlot, birth, careerStart] = [new Int32Array(rows), new Int32Array(rows), new Int32Array(rows)];
    const [inAssociation, youngFlag, inS, management, teacher] = Array.from({ length: 5 }, () => new Uint8Array(rows));
    let size = 0;
    for (let i = 0; i < rows; i++) {
      const person = nameOf(i);
      const orgCode = codeOf(i);
      // A person is counted once, whatever duplicate rows the roster holds.
      if (!person || !this.people.add(person, orgCode, size)) continue;
      let slot = slotOfCode.get(orgCode);
      if (slot === undefined) {
        const key = normalizeName(orgCode);
        slot = slotOfKey.get(key);
        if (slot === undefined) {
          slotOfKey.set(key, (slot = orgKeys.push(key) - 1));
          let info = this.orgs.get(key);
          if (!info) this.orgs.set(key, (info = { code: orgCode, name: '', type: '', headcount: null, methodical: false, school: false }));
          slotInS.push(info.methodical ? 0 : 1);
        }
        slotOfCode.set(orgCode, slot);
      }
      const text = positionOf(i);
      let kind = postKind.get(text);
      if (kind === undefined) {
        const post = normalizeName(text);
        postKind.set(text, (kind = MANAGEMENT.has(post) ? 1 : post === TEACHER ? 2 : 0));
      }
      const roleText = rolesOf(i);
      name.push(person);
      org.push(orgKeys[slot]!);
      position.push(text);
      roles.push(roleText ? roleText.split(/[;,]/).map(normalizeName).filter(Boolean) : NO_ROLES);
      orgSlot[size] = slot;
      inAssociation[size] = association(i) !== '' ? 1 : 0;
      youngFlag[size] = isYes(young(i)) ? 1 : 0;
      birth[size] = dayOfCell(birthOf(i)) ?? 0;
      careerStart[size] = dayOfCell(careerOf(i)) ?? 0;
      inS[size] = slotInS[slot]!;
      management[size] = kind === 1 ? 1 : 0;
      teacher[size] = kind === 2 ? 1 : 0;
      size++;
    }
    return { size, name, org, orgSlot, orgKeys, position, roles, inAssociation, youngFlag, inS, management, teacher, birth, careerStart };
  }

  private readEvents(t: Table): void {
    const [titleOf, statusOf, labelOf, kind, level] = texts(t, 'title', 'status', 'label', 'kind', 'level');
    const [dpp, audience, roadmap, direction, organizer] = texts(t, 'dpp', 'audience', 'roadmapItem', 'direction', 'organizerCode');
    const startOf = t.cells('start');
    const rows: (EventInfo & { title: string })[] = [];
    for (let i = 0; i < t.size; i++) {
      const start = dayOfCell(startOf(i));
      const title = titleOf(i);
      if (start === null || !title) continue;
      const status = normalizeName(statusOf(i)) || STATUS_DEFAULT;
      rows.push({
        title,
        label: labelOf(i) || title,
        kind: kind(i),
        level: level(i),
        start,
        held: status === STATUS_DEFAULT,
        counts: !NOT_COUNTED.has(status),
        dpp: isYes(dpp(i)),
        forYoung: audience(i)
          .split(/;\s*/)
          .some((a) => normalizeName(a) === FOR_YOUNG),
        roadmapItem: roadmap(i),
        topicText: normalizeName(`${title} ${direction(i)}`),
        org: normalizeName(organizer(i)),
      });
    }
    for (const { title, ...event } of byStart(rows)) {
      if (!this.firstOfDay.has(event.start)) this.firstOfDay.set(event.start, this.events.length);
      this.eventTitles.push(title);
      this.eventPosition.set(event, this.events.length);
      this.events.push(event);
    }
  }

  private readMentoring(t: Table): PairInfo[] {
    const mentees = new PersonColumn(this.people, t, 'mentee');
    const [startOf, endOf] = [t.cells('start'), t.cells('end')];
    const [mentorName, mentorCode, menteeCode, menteeYoung, form] = texts(
      t,
      'mentorName',
      'mentorOrgCode',
      'menteeOrgCode',
      'menteeYoung',
      'form',
    );
    const mentors = new Map<string, number>();
    const pairs: PairInfo[] = [];
    for (let i = 0; i < t.size; i++) {
      const start = dayOfCell(startOf(i));
      const who = mentees.of(i);
      // The mentoring form's «молодой специалист» marks the mentee as such (SPEC §6, МС).
      if (who >= 0 && isYes(menteeYoung(i))) this.roster.youngFlag[who] = 1;
      if (start === null || !mentorName(i)) continue;
      const key = personKey(mentorName(i), mentorCode(i));
      let mentor = mentors.get(key);
      if (mentor === undefined) {
        mentor = this.mentors.length;
        mentors.set(key, mentor);
        this.mentors.push({ name: mentorName(i), org: normalizeName(mentorCode(i)) });
      }
      pairs.push({ mentor, mentee: who, menteeOrg: normalizeName(menteeCode(i)), form: form(i), start, end: dayOfCell(endOf(i)) });
    }
    return byStart(pairs);
  }

  /** The year of the earliest dated record (as `latestYear` counts them), or null for no data: where trends begin. */
  earliestYear(): number | null {
    const firstOf = <T>(rows: readonly T[], counts: (row: T) => boolean) => rows.find(counts);
    const days = [
      firstOf(this.events, (e) => e.held)?.start,
      firstOf(this.ioms, (x) => this.iomPeopleColumn.of(x.row) >= 0)?.start,
      firstOf(this.diagnostics, (x) => this.diagnosticPeopleColumn.of(x.row) >= 0)?.date,
      this.pairs[0]?.start,
    ].filter((d): d is number => d !== undefined);
    return days.length ? Math.floor(Math.min(...days) / 10000) : null;
  }

  /** The year of the latest dated record (a held event, an IOM, a diagnostic, a pair), or null for no data. */
  latestYear(): number | null {
    const lastOf = <T>(rows: readonly T[], counts: (row: T) => boolean) => {
      for (let i = rows.length - 1; i >= 0; i--) if (counts(rows[i]!)) return rows[i];
      return undefined;
    };
    const last = Math.max(
      lastOf(this.events, (e) => e.held)?.start ?? 0,
      lastOf(this.ioms, (x) => this.iomPeopleColumn.of(x.row) >= 0)?.start ?? 0,
      lastOf(this.diagnostics, (x) => this.diagnosticPeopleColumn.of(x.row) >= 0)?.date ?? 0,
      this.pairs[this.pairs.length - 1]?.start ?? 0,
    );
    return last ? Math.floor(last / 10000) : null;
  }
}

/** Row numbers fit below this factor (a sheet holds at most 10 million cells), so `day * ROWS + row` sorts by day, then by row, as one number. */
const ROWS = 2 ** 24;

/** The rows of a register that carry a date, in date order (ties in sheet order). */
function dated<T>(t: Table, dateKey: string, make: (row: number, day: Day) => T): T[] {
  const dateOf = t.cells(dateKey);
  // Records are made in sheet order (reading the rows in date order would jump around memory), then sorted by
  // `day * ROWS + index` in a typed array: numbers sort natively, with no comparator call per comparison.
  const records: T[] = [];
  const days: number[] = [];
  for (let i = 0; i < t.size; i++) {
    const day = dayOfCell(dateOf(i));
    if (day === null) continue;
    days.push(day);
    records.push(make(i, day));
  }
  return inDayOrder(records, days);
}

/** `records` sorted by their `days` (ties in the records' order), as `day * ROWS + index` keys in a typed array. */
function inDayOrder<T>(records: readonly T[], days: readonly Day[]): T[] {
  // A loop, not Float64Array.from(days, fn): that iterates `days` through an iterator, an object per record.
  const sorted = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) sorted[i] = days[i]! * ROWS + i;
  sorted.sort();
  const rows: T[] = new Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) rows[k] = records[sorted[k]! % ROWS]!;
  return rows;
}

const byStart = <T extends { readonly start: Day }>(records: readonly T[]): T[] =>
  inDayOrder(
    records,
    records.map((r) => r.start),
  );

const rowsOf = (records: readonly DatedRow[]): Int32Array => {
  const rows = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) rows[i] = records[i]!.row;
  return rows;
};
