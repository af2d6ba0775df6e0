// Matching people and organizations against the reference sheets (SPEC §5): an ОО by code or normalized name;
// a person by normalized ФИО + ОО, or by the e-mail the form collected when it is hers (the same ФИО: a
// coordinator fills forms for her colleagues, a mentor for her mentee). Unknown people join «Педагоги».
import { STAFF_SOURCE_FORM } from '../schema/choices';
import type { Row, Table } from '../table';
import type { Workbook } from '../workbook';
import { nearestNames, normalizeEmail, normalizeName, normalizePersonName, normalizeTitle } from '../text';

export interface Org {
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

export interface Person {
  /** Stable identity for natural keys: normalized ФИО + ОО code of the roster row. */
  readonly key: string;
  readonly name: string;
  readonly orgCode: string;
  readonly email: string;
  readonly created: boolean;
}

export const personKey = (name: string, orgCode: string): string => `${normalizePersonName(name)}|${normalizeName(orgCode)}`;

export class Directory {
  private orgIndex?: Map<string, Org>;
  private staffByName?: Map<string, number>;
  private staffByEmail?: Map<string, number>;
  private readonly coordinatorEmails = new Set<string>();
  private orgNames?: string[];
  private readonly similarByAnswer = new Map<string, string[]>();
  private readonly orgByAnswer = new Map<string, Org | null>();
  /** Per roster row: its person key and normalized ФИО, computed once (each match of that person reads them). */
  private readonly staffKeys: string[] = [];
  private readonly staffNames: string[] = [];
  private readonly matched: Person[] = [];

  constructor(private readonly workbook: Workbook) {}

  /** The roster for matching and adding people: its ФИО, ОО and e-mail columns are all a look-up needs. */
  private get staff(): Table {
    return this.workbook.lookup('staff', ['name', 'orgCode', 'email']);
  }

  findOrg(answer: string): Org | null {
    if (!this.orgIndex) {
      this.orgIndex = new Map();
      const orgs = this.workbook.table('organizations');
      for (let i = 0; i < orgs.size; i++) {
        const org = { code: orgs.text(i, 'code'), name: orgs.text(i, 'name'), type: orgs.text(i, 'type') };
        if (!org.code && !org.name) continue;
        if (org.name) this.orgIndex.set(`n:${normalizeName(org.name)}`, org);
        // An old form's export may quote differently («…» / "…") or punctuate: a looser key as the last resort.
        if (org.name && !this.orgIndex.has(`t:${normalizeTitle(org.name)}`)) this.orgIndex.set(`t:${normalizeTitle(org.name)}`, org);
        if (org.code) this.orgIndex.set(`c:${normalizeName(org.code)}`, org);
      }
    }
    // Per distinct answer, like the index (the organizations do not change during the directory's life).
    let found = this.orgByAnswer.get(answer);
    if (found === undefined) {
      const key = normalizeName(answer);
      found = this.orgIndex.get(`c:${key}`) ?? this.orgIndex.get(`n:${key}`) ?? this.orgIndex.get(`t:${normalizeTitle(answer)}`) ?? null;
      this.orgByAnswer.set(answer, found);
    }
    return found;
  }

  /** The known ОО names nearest to an answer that names none exactly (`nearestNames`), to offer in «Карантин». */
  similarOrgs(answer: string): string[] {
    // Per distinct answer: a drain quarantines the same misspelt ОО many times, and each look scores every ОО name
    // (the organizations, like the index above, do not change during the directory's life).
    let similar = this.similarByAnswer.get(answer);
    if (!similar) {
      this.orgNames ??= this.readOrgNames();
      similar = nearestNames(answer, this.orgNames);
      this.similarByAnswer.set(answer, similar);
    }
    return [...similar];
  }

  private readOrgNames(): string[] {
    const orgs = this.workbook.table('organizations');
    return Array.from({ length: orgs.size }, (_, i) => orgs.text(i, 'name')).filter(Boolean);
  }

  private buildStaffIndex(): void {
    this.staffByName = new Map();
    this.staffByEmail = new Map();
    for (let i = 0; i < this.staff.size; i++) this.indexStaffRow(i);
    const orgs = this.workbook.table('organizations');
    for (let i = 0; i < orgs.size; i++) {
      const email = normalizeEmail(orgs.text(i, 'coordinatorEmail'));
      if (email) this.coordinatorEmails.add(email);
    }
  }

  private indexStaffRow(i: number): void {
    const name = this.staff.text(i, 'name');
    const key = personKey(name, this.staff.text(i, 'orgCode'));
    this.staffKeys[i] = key;
    this.staffNames[i] = normalizePersonName(name);
    if (!this.staffByName!.has(key)) this.staffByName!.set(key, i);
    const email = normalizeEmail(this.staff.text(i, 'email'));
    if (email && !this.staffByEmail!.has(email)) this.staffByEmail!.set(email, i);
  }

  private person(i: number, created: boolean): Person {
    // A matched person read once per roster row (like her key: the directory only appends to the roster).
    if (!created && this.matched[i]) return this.matched[i]!;
    const name = this.staff.text(i, 'name');
    const orgCode = this.staff.text(i, 'orgCode');
    const person = { key: this.staffKeys[i]!, name, orgCode, email: this.staff.text(i, 'email'), created };
    if (!created) this.matched[i] = person;
    return person;
  }

  /**
   * Finds the roster row of a person named in a form. The respondent's e-mail is who filled the form in: it points
   * at the person in the answer only when that roster row has the answer's ФИО (then she is found even if her ОО
   * in the roster differs); otherwise ФИО + ОО decides.
   */
  matchPerson(name: string, org: Org, respondentEmail: string): Person | null {
    if (!this.staffByName) this.buildStaffIndex();
    const byEmail = respondentEmail ? this.staffByEmail!.get(normalizeEmail(respondentEmail)) : undefined;
    if (byEmail !== undefined && this.staffNames[byEmail] === normalizePersonName(name)) return this.person(byEmail, false);
    const byName = this.staffByName!.get(personKey(name, org.code));
    return byName === undefined ? null : this.person(byName, false);
  }

  /**
   * Matches or adds the person to «Педагоги» with Источник = «Добавлен из формы» (nothing is dropped). A person
   * added from a form gets the respondent's e-mail only when no one in «Педагоги» has it and it is no ОО's
   * coordinator address: a coordinator answering for colleagues never lends them hers.
   */
  matchOrAddPerson(name: string, org: Org, respondentEmail: string, extra: Row = {}): Person {
    const found = this.matchPerson(name, org, respondentEmail);
    if (found) return found;
    const email = normalizeEmail(respondentEmail);
    const lends = email !== '' && !this.staffByEmail!.has(email) && !this.coordinatorEmails.has(email);
    const index = this.staff.append({
      name: name.replace(/\s+/g, ' ').trim(),
      orgCode: org.code,
      email: lends ? respondentEmail.trim() : '',
      ...extra,
      source: STAFF_SOURCE_FORM,
    });
    this.indexStaffRow(index);
    return this.person(index, true);
  }
}
