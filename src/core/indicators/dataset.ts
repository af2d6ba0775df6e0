// The registers indexed once for the indicator engine: every sheet of the snapshot is read once, people are
// resolved to roster rows by the intake's own person key (normalized ФИО + ОО), dated records are sorted so a
// period is a range, and participations hang off their event. Each indicator is then a pass over these sets.
import { personKey } from '../intake/directory';
import * as C from '../schema/choices';
import type { Table } from '../table';
import { normalizeName } from '../text';
import { parseEventLabel } from '../intake/mappers';
import type { Workbook } from '../workbook';
import { dayNumber, dayOfCell, type Day } from './period';

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
  readonly roadmap: boolean;
  /** Normalized title and direction, where a «тема» is looked for. */
  readonly topicText: string;
  readonly org: string;
  /** Indexes into `Dataset.participations`. */
  readonly participations: number[];
}

export interface ParticipationInfo {
  /** Index into `Dataset.staff`. */
  readonly person: number;
  readonly role: string;
  readonly certified: boolean;
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

export interface IomInfo {
  readonly person: number;
  readonly start: Day;
  readonly end: Day | null;
  /** As written, for people to read. */
  readonly status: string;
  /** Normalized once here: the measures and digests compare it for every IOM. */
  readonly statusKey: string;
}

export interface DiagnosticInfo {
  readonly person: number;
  readonly date: Day;
  readonly level: string;
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

const byDay = <T extends { readonly start: Day }>(a: T, b: T) => a.start - b.start;
const texts = (t: Table, ...keys: string[]) => keys.map((key) => t.texts(key));

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
 * normalized name by name on every recompute.
 */
class NameIndex<Code extends string | number> {
  private readonly exact = new Map<Code, Map<string, number>>();
  private normalized?: Map<string, number>;

  constructor(private readonly keyOf: (name: string, code: Code) => string) {}

  add(name: string, code: Code, value: number): boolean {
    let byName = this.exact.get(code);
    if (!byName) this.exact.set(code, (byName = new Map()));
    if (byName.has(name)) return false;
    byName.set(name, value);
    const key = this.normalized && this.keyOf(name, code);
    if (key && !this.normalized!.has(key)) this.normalized!.set(key, value);
    return true;
  }

  find(name: string, code: Code): number | undefined {
    const hit = this.exact.get(code)?.get(name);
    if (hit !== undefined || !name) return hit;
    if (!this.normalized) {
      this.normalized = new Map();
      for (const [c, byName] of this.exact) {
        for (const [n, v] of byName) if (!this.normalized.has(this.keyOf(n, c))) this.normalized.set(this.keyOf(n, c), v);
      }
    }
    return this.normalized.get(this.keyOf(name, code));
  }
}

const eventKeyOf = (title: string, day: Day) => `${normalizeName(title)}|${day}`;
const NO_ROLES: readonly string[] = [];

export class Dataset {
  /** By normalized code. */
  readonly orgs = new Map<string, OrgInfo>();
  readonly staff: StaffMember[] = [];
  /** Distinct mentors: their ОО (normalized code). */
  readonly mentors: { readonly name: string; readonly org: string }[] = [];
  readonly events: EventInfo[] = [];
  readonly participations: ParticipationInfo[] = [];
  readonly pairs: PairInfo[] = [];
  readonly ioms: readonly IomInfo[];
  readonly diagnostics: readonly DiagnosticInfo[];
  /** Roster rows by ФИО and ОО code. */
  private readonly people = new NameIndex<string>(personKey);
  /** Events by title and start day. */
  private readonly eventIndex = new NameIndex<Day>(eventKeyOf);

  constructor(workbook: Workbook) {
    this.readOrganizations(workbook.table('organizations'));
    this.readStaff(workbook.table('staff'));
    this.readEvents(workbook.table('events'));
    this.readParticipation(workbook.table('participation'));
    this.readMentoring(workbook.table('mentoring'));
    const ioms = workbook.table('iom');
    const [end, status] = [ioms.cells('end'), ioms.texts('status')];
    const iom = (i: number, person: number, start: Day): IomInfo => {
      const text = status(i);
      return { person, start, end: dayOfCell(end(i)), status: text, statusKey: normalizeName(text) };
    };
    this.ioms = this.dated(ioms, 'start', iom, (x) => x.start);
    const diagnostics = workbook.table('diagnostics');
    const level = diagnostics.texts('level');
    this.diagnostics = this.dated(diagnostics, 'date', (i, person, date) => ({ person, date, level: level(i) }), (x) => x.date);
  }

  orgName(org: string): string {
    return this.orgs.get(org)?.name ?? '';
  }

  orgCode(org: string): string {
    return this.orgs.get(org)?.code ?? org;
  }

  /** The roster row a register row names through its `prefix`Name and `prefix`OrgCode columns, or -1. */
  private personReader(t: Table, prefix: string): (i: number) => number {
    const [name, code] = [t.texts(`${prefix}Name`), t.texts(`${prefix}OrgCode`)];
    return (i) => this.people.find(name(i), code(i)) ?? -1;
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

  private readStaff(t: Table): void {
    const [nameOf, codeOf, positionOf, rolesOf] = texts(t, 'name', 'orgCode', 'position', 'roles');
    const [association, young] = texts(t, 'association', 'youngSpecialist');
    const [birth, career] = [t.cells('birthDate'), t.cells('careerStart')];
    for (let i = 0; i < t.size; i++) {
      const name = nameOf(i);
      const orgCode = codeOf(i);
      // A person is counted once, whatever duplicate rows the roster holds.
      if (!name || !this.people.add(name, orgCode, this.staff.length)) continue;
      const org = normalizeName(orgCode);
      if (!this.orgs.has(org)) this.orgs.set(org, { code: orgCode, name: '', type: '', headcount: null, methodical: false, school: false });
      const position = positionOf(i);
      const post = normalizeName(position);
      const roles = rolesOf(i);
      this.staff.push({
        name,
        org,
        position,
        roles: roles ? roles.split(/[;,]/).map(normalizeName).filter(Boolean) : NO_ROLES,
        inAssociation: association(i) !== '',
        youngFlag: isYes(young(i)),
        birth: dayOfCell(birth(i)),
        careerStart: dayOfCell(career(i)),
        inS: !this.orgs.get(org)!.methodical,
        management: MANAGEMENT.has(post),
        teacher: post === TEACHER,
      });
    }
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
        forYoung: audience(i).split(/;\s*/).some((a) => normalizeName(a) === FOR_YOUNG),
        roadmap: roadmap(i) !== '',
        topicText: normalizeName(`${title} ${direction(i)}`),
        org: normalizeName(organizer(i)),
        participations: [],
      });
    }
    rows.sort(byDay);
    for (const { title, ...event } of rows) {
      this.eventIndex.add(title, event.start, this.events.length);
      this.events.push(event);
    }
  }

  private readParticipation(t: Table): void {
    const person = this.personReader(t, 'person');
    const [title, label, role, certified] = texts(t, 'eventTitle', 'eventLabel', 'role', 'certified');
    const start = t.cells('eventStart');
    for (let i = 0; i < t.size; i++) {
      const who = person(i);
      if (who < 0) continue;
      const day = dayOfCell(start(i));
      const event = day !== null && title(i) ? this.eventIndex.find(title(i), day) : this.eventOfLabel(label(i));
      if (event === undefined) continue;
      this.events[event]!.participations.push(this.participations.length);
      this.participations.push({ person: who, role: role(i), certified: isYes(certified(i)) });
    }
  }

  private readMentoring(t: Table): void {
    const mentee = this.personReader(t, 'mentee');
    const [startOf, endOf] = [t.cells('start'), t.cells('end')];
    const [mentorName, mentorCode, menteeCode, menteeYoung, form] = texts(t, 'mentorName', 'mentorOrgCode', 'menteeOrgCode', 'menteeYoung', 'form');
    const mentors = new Map<string, number>();
    for (let i = 0; i < t.size; i++) {
      const start = dayOfCell(startOf(i));
      const who = mentee(i);
      // The mentoring form's «молодой специалист» marks the mentee as such (SPEC §6, МС).
      if (who >= 0 && isYes(menteeYoung(i))) this.staff[who]!.youngFlag = true;
      if (start === null || !mentorName(i)) continue;
      const key = personKey(mentorName(i), mentorCode(i));
      let mentor = mentors.get(key);
      if (mentor === undefined) {
        mentor = this.mentors.length;
        mentors.set(key, mentor);
        this.mentors.push({ name: mentorName(i), org: normalizeName(mentorCode(i)) });
      }
      this.pairs.push({ mentor, mentee: who, menteeOrg: normalizeName(menteeCode(i)), form: form(i), start, end: dayOfCell(endOf(i)) });
    }
    this.pairs.sort(byDay);
  }

  /** The event of a participation row that has only the dropdown label «Название (дд.мм.гггг)». */
  private eventOfLabel(label: string): number | undefined {
    const event = parseEventLabel(label);
    return event ? this.eventIndex.find(event.title, dayNumber(event.start)) : undefined;
  }

  /** Rows of a personal register naming a roster person and carrying a date, in date order. */
  private dated<T>(t: Table, dateKey: string, make: (i: number, person: number, day: Day) => T, dayOf: (row: T) => Day): T[] {
    const person = this.personReader(t, 'person');
    const dateOf = t.cells(dateKey);
    const rows: T[] = [];
    for (let i = 0; i < t.size; i++) {
      const who = person(i);
      const day = dayOfCell(dateOf(i));
      if (who >= 0 && day !== null) rows.push(make(i, who, day));
    }
    return rows.sort((a, b) => dayOf(a) - dayOf(b));
  }

  /** The year of the latest dated record (a held event, an IOM, a diagnostic, a pair), or null for no data. */
  latestYear(): number | null {
    const last = Math.max(
      this.events.filter((e) => e.held).at(-1)?.start ?? 0,
      this.ioms.at(-1)?.start ?? 0,
      this.diagnostics.at(-1)?.date ?? 0,
      this.pairs.at(-1)?.start ?? 0,
    );
    return last ? Math.floor(last / 10000) : null;
  }
}

