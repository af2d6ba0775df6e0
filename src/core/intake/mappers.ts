// From validated answers to register rows, one mapper per form. Matching (ОО, person, event) happens here, over
// the snapshot; a mapper throws a Rejection when an answer names something the workbook does not know.
import { DIAGNOSTIC_SOURCE_IOM_FORM, EVENT_STATUS_DEFAULT } from '../schema/choices';
import type { FormId } from '../schema/forms';
import { MULTI_SEPARATOR, type RegisterId } from '../schema/sheets';
import type { Row } from '../table';
import { formatDay, isDate, normalizeName, parseDay } from '../text';
import type { Answer, Answers } from './answers';
import type { Directory, Org } from './directory';
import { eventKey } from './keyedRegister';

/**
 * An answer that names something the workbook does not know. `waitsFor` says exactly what (an event's natural key,
 * an ОО's name): when it is accepted later, the quarantined answer is re-processed by itself (SPEC §5).
 */
export class Rejection extends Error {
  constructor(
    message: string,
    readonly waitsFor = '',
  ) {
    super(message);
  }
}

export const waitsForOrg = (name: string): string => `ОО: ${normalizeName(name)}`;
export const waitsForEvent = (key: string): string => `Мероприятие: ${key}`;
export const WAITS_FOR_ORG_PREFIX = waitsForOrg('');

export interface Mapped {
  readonly register: RegisterId;
  readonly row: Row;
  /** Rows of other registers the same submission feeds (the IOM form's diagnostic). */
  readonly also: readonly { register: RegisterId; row: Row }[];
}

export interface MapContext {
  readonly directory: Directory;
  /** The event of «Мероприятия» whose dropdown label is `label`, or null. */
  readonly findEvent: (label: string) => { title: string; start: Date | string } | null;
  /** Who filled the form in (the e-mail Google collected): not necessarily the person in the answer. */
  readonly respondent: string;
  readonly editUrl: string;
}

const text = (a: Answer | undefined): string => (typeof a === 'string' ? a : '');
const multi = (a: Answer | undefined): string => (Array.isArray(a) ? a.join(MULTI_SEPARATOR) : text(a));
const date = (a: Answer | undefined): Date | '' => (isDate(a) ? a : '');

export const eventLabel = (title: string, start: Date | string): string => `${title} (${isDate(start) ? formatDay(start) : start})`;

/** The event a dropdown label `Название (дд.мм.гггг)` names, or null when the label is not one. */
export function parseEventLabel(label: string): { title: string; start: Date } | null {
  const match = /^(.*)\((\d{1,2}\.\d{1,2}\.\d{4})\)\s*$/.exec(label.trim());
  const start = match && parseDay(match[2]);
  return match && start ? { title: match[1].trim(), start } : null;
}

function org(ctx: MapContext, answer: Answer | undefined, question: string): Org {
  const name = text(answer);
  const found = ctx.directory.findOrg(name);
  if (!found) {
    const similar = ctx.directory.similarOrgs(name);
    const hint = similar.length ? ` Возможно, ${similar.map((n) => `«${n}»`).join(' или ')}: выберите её в карантине.` : '';
    throw new Rejection(`Организация «${name}» (вопрос «${question}») не найдена в листе «Организации».${hint}`, waitsForOrg(name));
  }
  return found;
}

function iom(a: Answers, ctx: MapContext): Mapped {
  const school = org(ctx, a.orgName, 'Образовательная организация');
  const person = ctx.directory.matchOrAddPerson(text(a.personName), school, ctx.respondent, {
    position: text(a.position),
    subject: text(a.subject),
  });
  const identity = { personName: person.name, personOrgCode: school.code, email: person.email, respondent: ctx.respondent };
  // Object.assign, not `{ ...identity, … }`: V8 (Node 20) defines each property after a spread in a literal through
  // the runtime, ~1 µs apiece — in the profile, 15 µs of every IOM answer for this row alone.
  const row: Row = Object.assign({}, identity, {
    personOrgName: school.name,
    position: text(a.position),
    subject: text(a.subject),
    diagnosticDate: date(a.diagnosticDate),
    procedure: text(a.procedure),
    level: text(a.level),
    deficits: multi(a.deficits),
    activities: multi(a.activities),
    start: date(a.start),
    end: date(a.end),
    curator: text(a.curator),
    status: text(a.status),
    link: text(a.link),
    editUrl: ctx.editUrl,
  });
  // SPEC §5: the IOM form's diagnostic answers also create/update a «Диагностика» row.
  const also =
    isDate(a.diagnosticDate) && text(a.procedure)
      ? [
          {
            register: 'diagnostics' as const,
            row: Object.assign({}, identity, {
              date: a.diagnosticDate,
              procedure: text(a.procedure),
              level: text(a.level),
              deficits: multi(a.deficits),
              source: DIAGNOSTIC_SOURCE_IOM_FORM,
            }),
          },
        ]
      : [];
  return { register: 'iom', row, also };
}

function events(a: Answers, ctx: MapContext): Mapped {
  const organizer = text(a.organizer) ? org(ctx, a.organizer, 'Организатор') : null;
  const participantsText = text(a.participants).replace(/\s/g, '');
  if (participantsText && !/^\d+$/.test(participantsText))
    throw new Rejection(`«Количество участников»: «${text(a.participants)}» — не целое число.`);
  const start = date(a.start);
  return {
    register: 'events',
    row: {
      title: text(a.title),
      kind: text(a.kind),
      level: text(a.level),
      start,
      end: date(a.end),
      format: text(a.format),
      organizerCode: organizer?.code ?? '',
      organizer: organizer?.name ?? '',
      direction: text(a.direction),
      audience: multi(a.audience),
      dpp: text(a.dpp),
      roadmapItem: text(a.roadmapItem),
      status: text(a.status) || EVENT_STATUS_DEFAULT,
      participants: participantsText ? Number(participantsText) : '',
      resultLink: text(a.resultLink),
      label: eventLabel(text(a.title), start),
    },
    also: [],
  };
}

function participation(a: Answers, ctx: MapContext): Mapped {
  const label = text(a.eventLabel);
  const event = ctx.findEvent(label);
  if (!event) {
    const parsed = parseEventLabel(label);
    throw new Rejection(
      `Мероприятие «${label}» не найдено в листе «Мероприятия».`,
      parsed ? waitsForEvent(eventKey(parsed.title, parsed.start)) : '',
    );
  }
  const school = org(ctx, a.orgName, 'Образовательная организация');
  const person = ctx.directory.matchOrAddPerson(text(a.personName), school, ctx.respondent);
  return {
    register: 'participation',
    row: {
      eventLabel: eventLabel(event.title, event.start),
      eventTitle: event.title,
      eventStart: event.start,
      personName: person.name,
      personOrgCode: school.code,
      personOrgName: school.name,
      email: person.email,
      respondent: ctx.respondent,
      role: text(a.role),
      certified: text(a.certified),
      document: text(a.document),
    },
    also: [],
  };
}

function mentoring(a: Answers, ctx: MapContext): Mapped {
  const mentorOrg = org(ctx, a.mentorOrgName, 'ОО наставника');
  const menteeOrg = org(ctx, a.menteeOrgName, 'ОО наставляемого');
  const mentor = ctx.directory.matchOrAddPerson(text(a.mentorName), mentorOrg, ctx.respondent, { roles: 'Наставник' });
  const mentee = ctx.directory.matchOrAddPerson(
    text(a.menteeName),
    menteeOrg,
    '',
    text(a.menteeYoung) === 'Да' ? { youngSpecialist: 'Да' } : {},
  );
  return {
    register: 'mentoring',
    row: {
      mentorName: mentor.name,
      mentorOrgCode: mentorOrg.code,
      mentorOrgName: mentorOrg.name,
      menteeName: mentee.name,
      menteeOrgCode: menteeOrg.code,
      menteeOrgName: menteeOrg.name,
      form: text(a.form),
      menteeYoung: text(a.menteeYoung),
      start: date(a.start),
      end: date(a.end),
      status: text(a.status),
      planLink: text(a.planLink),
      respondent: ctx.respondent,
    },
    also: [],
  };
}

export const MAPPERS: Record<FormId, (answers: Answers, ctx: MapContext) => Mapped> = {
  iom,
  events,
  participation,
  mentoring,
};

/** A short human description of a register row for the audit log and messages. */
export function describeRow(register: RegisterId, row: Row): string {
  const d = (v: unknown) => (isDate(v) ? formatDay(v) : String(v ?? ''));
  switch (register) {
    case 'iom':
      return `${d(row.personName)} (${d(row.personOrgCode)}), ИОМ с ${d(row.start)}`;
    case 'diagnostics':
      return `${d(row.personName)} (${d(row.personOrgCode)}), диагностика ${d(row.date)}, ${d(row.procedure)}`;
    case 'events':
      return d(row.label);
    case 'participation':
      return `${d(row.personName)} (${d(row.personOrgCode)}) — ${d(row.eventLabel)}`;
    case 'mentoring':
      return `${d(row.mentorName)} → ${d(row.menteeName)}, ${d(row.form)}`;
    case 'roadmap':
      return `Пункт ${d(row.item)}: ${d(row.action)}`;
  }
}
