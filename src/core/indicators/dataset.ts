// The registers indexed once for the indicator engine: every sheet of the snapshot is read once, people are
// resolved to roster rows by the intake's own person key (normalized ФИО + ОО), dated records are sorted so a
// period is a range, and participations hang off their event. Each indicator is then a pass over these sets.
import { personKey } from '../intake/directory';
import { eventKey } from '../intake/keyedRegister';
import * as C from '../schema/choices';
import type { Table } from '../table';
import { normalizeName, parseDateText } from '../text';
import type { Workbook } from '../workbook';
import { dayOfCell, type Day } from './period';

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
  readonly roles: ReadonlySet<string>;
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
  readonly status: string;
}

export interface DiagnosticInfo {
  readonly person: number;
  readonly date: Day;
  readonly level: string;
}

const MANAGEMENT = new Set(['Руководитель', 'Заместитель руководителя', 'Руководитель структурного подразделения'].map(normalizeName));
const TEACHER = normalizeName('Учитель');
const YES = normalizeName('Да');
const STATUS_DEFAULT = normalizeName(C.EVENT_STATUS_DEFAULT);
const NOT_COUNTED = new Set(['Запланировано', 'Перенесено', 'Отменено'].map(normalizeName));
const FOR_YOUNG = normalizeName('Молодые педагоги');
const METHODICAL = normalizeName('Методическая служба');
const SCHOOL = normalizeName('Школа');

const byDay = <T extends { readonly start: Day }>(a: T, b: T) => a.start - b.start;

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
  private readonly staffByKey = new Map<string, number>();
  private eventByKey = new Map<string, number>();

  constructor(workbook: Workbook) {
    this.readOrganizations(workbook.table('organizations'));
    this.readStaff(workbook.table('staff'));
    this.readEvents(workbook.table('events'));
    this.readParticipation(workbook.table('participation'));
    this.readMentoring(workbook.table('mentoring'));
    const ioms = workbook.table('iom');
    this.ioms = this.dated(ioms, 'start', (i, person, start) => ({ person, start, end: dayOfCell(ioms.get(i, 'end')), status: ioms.text(i, 'status') }));
    const diagnostics = workbook.table('diagnostics');
    this.diagnostics = this.dated(diagnostics, 'date', (i, person, date) => ({ person, date, level: diagnostics.text(i, 'level') }));
  }

  orgName(org: string): string {
    return this.orgs.get(org)?.name ?? '';
  }

  orgCode(org: string): string {
    return this.orgs.get(org)?.code ?? org;
  }

  private person(t: Table, i: number, prefix: string): number {
    return this.staffByKey.get(personKey(t.text(i, `${prefix}Name`), t.text(i, `${prefix}OrgCode`))) ?? -1;
  }

  private readOrganizations(t: Table): void {
    for (let i = 0; i < t.size; i++) {
      const code = t.text(i, 'code');
      if (!code) continue;
      const type = normalizeName(t.text(i, 'type'));
      const headcount = t.get(i, 'headcount');
      this.orgs.set(normalizeName(code), {
        code,
        name: t.text(i, 'name'),
        type: t.text(i, 'type'),
        headcount: typeof headcount === 'number' && headcount >= 0 ? headcount : null,
        methodical: type === METHODICAL,
        school: type === SCHOOL,
      });
    }
  }

  private readStaff(t: Table): void {
    for (let i = 0; i < t.size; i++) {
      const name = t.text(i, 'name');
      const orgCode = t.text(i, 'orgCode');
      const key = personKey(name, orgCode);
      // A person is counted once, whatever duplicate rows the roster holds.
      if (!name || this.staffByKey.has(key)) continue;
      const org = normalizeName(orgCode);
      if (!this.orgs.has(org)) this.orgs.set(org, { code: orgCode, name: '', type: '', headcount: null, methodical: false, school: false });
      const position = t.text(i, 'position');
      const post = normalizeName(position);
      this.staffByKey.set(key, this.staff.length);
      this.staff.push({
        name,
        org,
        position,
        roles: new Set(t.text(i, 'roles').split(/[;,]/).map(normalizeName).filter(Boolean)),
        inAssociation: t.text(i, 'association') !== '',
        youngFlag: normalizeName(t.text(i, 'youngSpecialist')) === YES,
        birth: dayOfCell(t.get(i, 'birthDate')),
        careerStart: dayOfCell(t.get(i, 'careerStart')),
        inS: !this.orgs.get(org)!.methodical,
        management: MANAGEMENT.has(post),
        teacher: post === TEACHER,
      });
    }
  }

  private readEvents(t: Table): void {
    const rows: (EventInfo & { key: string })[] = [];
    for (let i = 0; i < t.size; i++) {
      const start = dayOfCell(t.get(i, 'start'));
      const title = t.text(i, 'title');
      if (start === null || !title) continue;
      const status = normalizeName(t.text(i, 'status')) || STATUS_DEFAULT;
      rows.push({
        key: eventKey(title, t.get(i, 'start')),
        label: t.text(i, 'label') || title,
        kind: t.text(i, 'kind'),
        level: t.text(i, 'level'),
        start,
        held: status === STATUS_DEFAULT,
        counts: !NOT_COUNTED.has(status),
        dpp: normalizeName(t.text(i, 'dpp')) === YES,
        forYoung: t.text(i, 'audience').split(/;\s*/).some((a) => normalizeName(a) === FOR_YOUNG),
        roadmap: t.text(i, 'roadmapItem') !== '',
        topicText: normalizeName(`${title} ${t.text(i, 'direction')}`),
        org: normalizeName(t.text(i, 'organizerCode')),
        participations: [],
      });
    }
    rows.sort(byDay);
    this.eventByKey = new Map(rows.map((e, i) => [e.key, i]));
    for (const { key: _key, ...event } of rows) this.events.push(event);
  }

  private readParticipation(t: Table): void {
    for (let i = 0; i < t.size; i++) {
      const person = this.person(t, i, 'person');
      const event = this.eventByKey.get(participationEventKey(t, i));
      if (person < 0 || event === undefined) continue;
      this.events[event]!.participations.push(this.participations.length);
      this.participations.push({
        person,
        role: t.text(i, 'role'),
        certified: normalizeName(t.text(i, 'certified')) === YES,
      });
    }
  }

  private readMentoring(t: Table): void {
    const mentorIds = new Map<string, number>();
    for (let i = 0; i < t.size; i++) {
      const start = dayOfCell(t.get(i, 'start'));
      const mentorName = t.text(i, 'mentorName');
      const mentee = this.person(t, i, 'mentee');
      // The mentoring form's «молодой специалист» marks the mentee as such (SPEC §6, МС).
      if (mentee >= 0 && normalizeName(t.text(i, 'menteeYoung')) === YES) this.staff[mentee]!.youngFlag = true;
      if (start === null || !mentorName) continue;
      const mentorKey = personKey(mentorName, t.text(i, 'mentorOrgCode'));
      let mentor = mentorIds.get(mentorKey);
      if (mentor === undefined) {
        mentor = this.mentors.length;
        mentorIds.set(mentorKey, mentor);
        this.mentors.push({ name: mentorName, org: normalizeName(t.text(i, 'mentorOrgCode')) });
      }
      this.pairs.push({
        mentor,
        mentee,
        menteeOrg: normalizeName(t.text(i, 'menteeOrgCode')),
        form: t.text(i, 'form'),
        start,
        end: dayOfCell(t.get(i, 'end')),
      });
    }
    this.pairs.sort(byDay);
  }

  /** Rows of a personal register naming a roster person and carrying a date, in date order. */
  private dated<T>(t: Table, dateKey: string, make: (i: number, person: number, day: Day) => T): T[] {
    const rows: { day: Day; row: T }[] = [];
    for (let i = 0; i < t.size; i++) {
      const person = this.person(t, i, 'person');
      const day = dayOfCell(t.get(i, dateKey));
      if (person >= 0 && day !== null) rows.push({ day, row: make(i, person, day) });
    }
    return rows.sort((a, b) => a.day - b.day).map((r) => r.row);
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

/** The event a participation row names: its title and start, or else its dropdown label «Название (дд.мм.гггг)». */
function participationEventKey(t: Table, i: number): string {
  const title = t.text(i, 'eventTitle');
  const start = t.get(i, 'eventStart');
  if (title && start !== '') return eventKey(title, start);
  const label = /^(.*)\((\d{1,2}\.\d{1,2}\.\d{4})\)\s*$/.exec(t.text(i, 'eventLabel'));
  const day = label && parseDateText(label[2]!);
  return label && day ? eventKey(label[1]!, day) : '';
}
