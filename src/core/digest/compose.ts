// The monthly digest of each recipient, scoped to what she may see (SPEC §7): a methodist the whole municipality
// with names; a coordinator her own schools only — her people by name, the municipality as figures, never another
// school's people; the ministry aggregates only, no name, e-mail or birth date. Indicators come from the last
// recompute as «Показатели» holds it (readKpiReport), never from a new one.
import { isMeasureId, MEASURES } from '../indicators/measures';
import type { KpiIndicator, KpiReport } from '../indicators/report';
import { readKpiReport } from '../indicators/report';
import { shownDay } from '../indicators/period';
import { unitStatusOf } from '../indicators/status';
import { readSettings, SETTING } from '../settings';
import { normalizeName } from '../text';
import type { Workbook } from '../workbook';
import { intakeStoppedIn } from '../workbookHealth';
import { type Block, type Cell, type DigestDocument, renderHtml, renderText } from './document';
import { DigestData, type DigestFacts, type MonthAndYear, type PersonRow } from './facts';
import { dayOfIso, longDay, monthName, sendDay, type DigestMonth } from './month';
import { compareCodes, plural } from '../text';
import { counted, NOUNS } from './plural';
import { digestAudience, type DigestAudience, type DigestOrg, type DigestRecipient } from './recipients';

export interface Digest {
  readonly recipient: DigestRecipient;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A methodist's letter names at most this many overdue IOMs (the rest: «см. лист «ИОМ»»); mail bodies are limited. */
const METHODIST_LIST_LIMIT = 50;
/** A coordinator's lists: a school's staff, cut only for a very large one. */
const SCHOOL_LIST_LIMIT = 300;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** 12,5 · 1 200 · 33,3 — one decimal at most, a decimal comma, digit groups. */
function shownNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  const [whole, fraction] = Math.abs(rounded).toFixed(1).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${rounded < 0 ? '−' : ''}${grouped}${fraction === '0' ? '' : `,${fraction}`}`;
}

export const shownValue = (value: number | string | null, unit: string): string =>
  value === null ? '—' : typeof value === 'number' ? `${shownNumber(value)}${unit === '%' ? '\u00a0%' : ''}` : value;

/** «↑ +2,5 п. п.», «↓ −3», «→ 0» (as the sidebar and the terminal table show it); «—» without a year before. */
export const shownChange = (change: number | null, unit: string): string =>
  change === null
    ? '—'
    : `${change > 0 ? '↑\u00a0+' : change < 0 ? '↓\u00a0−' : '→\u00a0'}${shownNumber(Math.abs(change))}${unit === '%' ? '\u00a0п.\u00a0п.' : ''}`;

export const shownPlan = (i: Pick<KpiIndicator, 'plan' | 'comparator' | 'unit'>): string =>
  i.plan === null ? '—' : typeof i.plan === 'number' ? `${i.comparator}\u00a0${shownValue(i.plan, i.unit)}` : i.plan;

/** Why a school's count shows no status (core/indicators/status.ts unitStatusOf). */
export const UNIT_STATUS_NOTE =
  '«—» в статусе: план количественного показателя установлен на муниципалитет в целом, поэтому для ОО выполнение не определяется.';
const kindOf = (measure: string) => (isMeasureId(measure) ? MEASURES[measure].kind : null);
const unitStatusCell = (status: string | null): Cell => (status === null ? { text: '—', tone: 'muted' } : statusCell(status));

export const statusCell = (status: string): Cell => ({
  text: status,
  tone: status === 'Выполнен' ? 'good' : status === 'Не выполнен' ? 'bad' : 'muted',
});

interface Composer {
  readonly month: DigestMonth;
  readonly municipality: string;
  readonly workbookUrl: string;
  readonly report: KpiReport | null;
  readonly data: DigestData;
  readonly audience: DigestAudience;
  /** The refusal's message while the intake is stopped at Google's cell limit, else null. */
  readonly intakeStopped: string | null;
}

/** The owner (a methodist) learns from the letter too that answers wait, why, and what to do. */
const stoppedBlocks = (c: Composer): Block[] =>
  c.intakeStopped
    ? [
        { kind: 'heading', text: 'Приём ответов остановлен' },
        { kind: 'text', text: c.intakeStopped, tone: 'bad' },
      ]
    : [];

function indicatorBlocks(c: Composer, org: DigestOrg | null, forMinistry: boolean): Block[] {
  const { report } = c;
  if (!report || !report.indicators.length) {
    const hint = forMinistry ? '' : ' Методист пересчитывает их в «Маршрут → Показатели…».';
    return [
      { kind: 'heading', text: 'Показатели' },
      { kind: 'text', text: `Показатели ещё не рассчитаны.${hint}`, tone: 'muted' },
    ];
  }
  if (report.scope) {
    // A school's figures must not be read as the municipality's: a letter's indicators come from a municipality-wide
    // recompute only.
    const org = report.scope.name ? `${report.scope.code} — ${report.scope.name}` : report.scope.code;
    const hint = forMinistry ? '' : ' Пересчитайте их по всему муниципалитету: «Маршрут → Показатели…», «Охват» — весь муниципалитет.';
    return [
      { kind: 'heading', text: 'Показатели' },
      {
        kind: 'text',
        text: `Последний пересчёт показателей — только по ОО «${org}», а не по всему муниципалитету: в этом письме их нет.${hint}`,
        tone: 'muted',
      },
    ];
  }
  const [day = '', time = ''] = report.computedAt.split('T');
  const period = `${shownDay(dayOfIso(report.period.from))}–${shownDay(dayOfIso(report.period.to))}`;
  const about: Block = {
    kind: 'text',
    text: `Набор «${report.preset}», период ${period}, расчёт по муниципалитету от ${shownDay(dayOfIso(day))} ${time.slice(0, 5)}.`,
    tone: 'muted',
  };
  if (!org) {
    return [
      { kind: 'heading', text: 'Показатели' },
      about,
      {
        kind: 'table',
        columns: ['Код', 'Показатель', 'Факт', 'План', 'Статус'],
        numeric: [false, false, true, true, false],
        rows: report.indicators.map((i) => [i.code, i.name, shownValue(i.value, i.unit), shownPlan(i), statusCell(i.status)]),
      },
    ];
  }
  // A school's own figures from «Показатели по ОО», against the municipality's plan; the municipality's fact beside.
  const own = report.byOrganization.find((o) => normalizeName(o.code) === normalizeName(org.code));
  const valueOf = (code: string) => own?.indicators.find((i) => i.code === code)?.value ?? null;
  return [
    { kind: 'heading', text: `Показатели: ${org.name || org.code}` },
    about,
    {
      kind: 'table',
      columns: ['Код', 'Показатель', 'Ваша ОО', 'Муниципалитет', 'План', 'Статус ОО'],
      numeric: [false, false, true, true, true, false],
      rows: report.indicators.map((i) => {
        const value = i.measure === 'manual' ? null : valueOf(i.code);
        return [
          i.code,
          i.name,
          shownValue(value, i.unit),
          shownValue(i.value, i.unit),
          shownPlan(i),
          unitStatusCell(unitStatusOf(kindOf(i.measure), value, i.plan, i.comparator)),
        ];
      }),
    },
    ...(report.indicators.some((i) => kindOf(i.measure) === 'count')
      ? [{ kind: 'text' as const, text: UNIT_STATUS_NOTE, tone: 'muted' as const }]
      : []),
  ];
}

function activityBlocks(c: Composer, facts: DigestFacts, school: boolean): Block[] {
  const row = (what: string, counts: MonthAndYear) => [what, String(counts.month), String(counts.year)];
  return [
    { kind: 'heading', text: 'За месяц и с начала года' },
    {
      kind: 'table',
      columns: ['', capitalized(monthName(c.month)), `С начала ${c.month.year} года`],
      numeric: [false, true, true],
      rows: [
        row('ИОМ разработано', facts.developed),
        row('ИОМ реализовано', facts.implemented),
        row(school ? 'Мероприятий, проведённых ОО' : 'Мероприятий проведено', facts.eventsHeld),
        row('Новых наставнических пар', facts.newPairs),
      ],
    },
    {
      kind: 'text',
      text: facts.quarantineWaiting
        ? `В карантине ${plural(facts.quarantineWaiting, ['ждёт', 'ждут', 'ждут'])} разбора ${counted(facts.quarantineWaiting, NOUNS.answer)}` +
          (school ? ', где указана ваша ОО. Карантин разбирает методист.' : '.')
        : 'В карантине нет ответов, ждущих разбора.',
    },
  ];
}

const OVERDUE_NOTE = 'срок окончания прошёл, а статус не «Реализован» и не «Не реализован»';

function cut<T>(rows: readonly T[], limit: number, rest: string): { rows: readonly T[]; more: Block[] } {
  return rows.length > limit
    ? { rows: rows.slice(0, limit), more: [{ kind: 'text', text: `…и ещё ${rows.length - limit} — ${rest}.`, tone: 'muted' }] }
    : { rows, more: [] };
}

/** Overdue roadmap items (only when there are some: a workbook without a roadmap says nothing about it). */
function roadmapBlocks(overdue: readonly { item: string; action: string; deadline: number }[]): Block[] {
  if (!overdue.length) return [];
  const shown = cut(overdue, METHODIST_LIST_LIMIT, 'см. лист «Дорожная карта»');
  return [
    { kind: 'heading', text: 'Просроченные пункты дорожной карты' },
    {
      kind: 'text',
      text: `Срок прошёл, а пункт не отмечен выполненным: ${overdue.length}. Отметьте выполненные на листе «Дорожная карта».`,
    },
    {
      kind: 'table',
      columns: ['Пункт', 'Мероприятие', 'Срок'],
      numeric: [false, false, false],
      rows: shown.rows.map((r) => [r.item, r.action, shownDay(r.deadline)]),
    },
    ...shown.more,
  ];
}

function overdueBlocks(facts: DigestFacts, limit: number, withOrg: boolean): Block[] {
  if (!facts.overdue.length)
    return [
      { kind: 'heading', text: 'Просроченные ИОМ' },
      { kind: 'text', text: 'Просроченных ИОМ нет.' },
    ];
  const shown = cut(facts.overdue, limit, 'см. лист «ИОМ»');
  return [
    { kind: 'heading', text: 'Просроченные ИОМ' },
    { kind: 'text', text: `${counted(facts.overdue.length, NOUNS.iom)}: ${OVERDUE_NOTE}.` },
    {
      kind: 'table',
      columns: ['ФИО', ...(withOrg ? ['ОО'] : []), 'Окончание', 'Статус'],
      numeric: [false, ...(withOrg ? [false] : []), false, false],
      rows: shown.rows.map((r) => [r.name, ...(withOrg ? [r.orgCode] : []), shownDay(r.end), r.status]),
    },
    ...shown.more,
  ];
}

const periodText = (c: Composer) => `${shownDay(c.data.withoutIomPeriod.from)}–${shownDay(c.data.withoutIomPeriod.to)}`;

function withoutIomBlocks(c: Composer, people: readonly PersonRow[]): Block[] {
  const heading: Block = { kind: 'heading', text: 'Педагоги без ИОМ' };
  if (!people.length) return [heading, { kind: 'text', text: `У всех педагогов ОО есть ИОМ за период ${periodText(c)}.` }];
  const shown = cut(people, SCHOOL_LIST_LIMIT, 'полный список у методиста');
  return [
    heading,
    { kind: 'text', text: `Нет ИОМ за период ${periodText(c)}: ${counted(people.length, NOUNS.teacher)} (по листу «Педагоги»).` },
    { kind: 'table', columns: ['ФИО', 'Должность'], numeric: [false, false], rows: shown.rows.map((p) => [p.name, p.position]) },
    ...shown.more,
  ];
}

/** The methodist's table of ОО: who is behind, where to call first. */
function byOrgBlocks(c: Composer, facts: DigestFacts): Block[] {
  const orgs = new Map<string, { name: string; withoutIom: number; overdue: number }>();
  const entry = (p: PersonRow) => {
    const known = orgs.get(p.orgCode) ?? { name: p.orgName, withoutIom: 0, overdue: 0 };
    orgs.set(p.orgCode, known);
    return known;
  };
  for (const p of facts.withoutIom) entry(p).withoutIom++;
  for (const p of facts.overdue) entry(p).overdue++;
  if (!orgs.size) return [];
  // A large municipality (1,800 ОО) would pass Google's 200 KB per letter: past the limit, the ОО furthest behind
  // first, where to call first; the whole list is «Показатели по ОО» of the workbook.
  const all = [...orgs].sort(([a], [b]) => compareCodes(a, b));
  const behind = ([, o]: (typeof all)[number]) => o.withoutIom + o.overdue;
  const ranked = all.length > METHODIST_LIST_LIMIT ? [...all].sort((a, b) => behind(b) - behind(a)) : all;
  const shown = cut(ranked, METHODIST_LIST_LIMIT, 'см. лист «Показатели по ОО»');
  return [
    { kind: 'heading', text: 'По ОО' },
    {
      kind: 'text',
      text:
        `Без ИОМ — педагоги без ИОМ за период ${periodText(c)}; просрочено — ИОМ, у которых ${OVERDUE_NOTE}.` +
        (shown.more.length ? ` Показаны ${METHODIST_LIST_LIMIT} ОО, где таких больше всего.` : ''),
      tone: 'muted',
    },
    {
      kind: 'table',
      columns: ['ОО', 'Наименование', 'Без ИОМ', 'Просрочено ИОМ'],
      numeric: [false, false, true, true],
      rows: shown.rows.map(([code, o]) => [code, o.name, String(o.withoutIom), String(o.overdue)]),
    },
    ...shown.more,
  ];
}

export const FOOTER =
  'Письмо отправлено «Маршрутом» автоматически, 1-го числа каждого месяца. Получателей настраивает владелец книги в «Маршрут → Настройки…».';

function documentOf(c: Composer, recipient: DigestRecipient): DigestDocument {
  const title = `Сводка «Маршрута» за ${monthName(c.month)}`;
  const asOf = `Данные на ${longDay(sendDay(c.month))}.`;
  const place = c.municipality ? `${c.municipality}: ` : '';
  const link: Block[] = c.workbookUrl ? [{ kind: 'link', label: 'Открыть книгу «Маршрута»', url: c.workbookUrl }] : [];
  switch (recipient.role) {
    case 'methodist': {
      const facts = c.data.facts(null);
      const problems: Block[] = c.audience.problems.length
        ? [
            { kind: 'heading', text: 'Замечания к рассылке' },
            { kind: 'list', items: c.audience.problems },
          ]
        : [];
      return {
        title,
        subtitle: `${place}весь муниципалитет. ${asOf}`,
        blocks: [
          ...indicatorBlocks(c, null, false),
          ...activityBlocks(c, facts, false),
          ...byOrgBlocks(c, facts),
          ...overdueBlocks(facts, METHODIST_LIST_LIMIT, true),
          ...stoppedBlocks(c),
          ...roadmapBlocks(c.data.overdueRoadmap()),
          ...problems,
          ...link,
        ],
        footer: FOOTER,
      };
    }
    case 'coordinator': {
      const facts = c.data.facts(new Set(recipient.orgs.map((o) => normalizeName(o.code))));
      const names = recipient.orgs.map((o) => o.name || o.code).join(', ');
      return {
        title,
        subtitle: `${names}. ${asOf}`,
        blocks: [
          ...recipient.orgs.flatMap((org) => indicatorBlocks(c, org, false)),
          ...activityBlocks(c, facts, true),
          ...withoutIomBlocks(c, facts.withoutIom),
          ...overdueBlocks(facts, SCHOOL_LIST_LIMIT, recipient.orgs.length > 1),
          ...link,
        ],
        footer: `Вы получаете письмо как координатор: ${recipient.orgs.map((o) => o.code).join(', ')}. ${FOOTER}`,
      };
    }
    case 'ministry': {
      const facts = c.data.facts(null);
      return {
        title,
        subtitle: `${place}сводные данные муниципалитета, без персональных данных. ${asOf}`,
        blocks: [
          ...indicatorBlocks(c, null, true),
          ...activityBlocks(c, facts, false),
          { kind: 'heading', text: 'ИОМ' },
          { kind: 'text', text: `Просрочено: ${counted(facts.overdue.length, NOUNS.iom)} (${OVERDUE_NOTE}).` },
          { kind: 'text', text: `Без ИОМ за период ${periodText(c)}: ${counted(facts.withoutIom.length, NOUNS.teacher)}.` },
        ],
        footer: FOOTER,
      };
    }
  }
}

function subjectOf(c: Composer, recipient: DigestRecipient): string {
  const about =
    recipient.role === 'coordinator'
      ? recipient.orgs.map((o) => o.name || o.code).join(', ')
      : `${c.municipality || 'муниципалитет'}${recipient.role === 'ministry' ? ' (сводные данные)' : ''}`;
  // A header: no line breaks, whatever a name holds.
  return `Маршрут: сводка за ${monthName(c.month)} — ${about}`.replace(/[\r\n]+/g, ' ');
}

/** «Муниципалитет» of «Настройки», else the first one named in «Организации». */
function municipalityOf(workbook: Workbook): string {
  const typed = readSettings(workbook.table('settings')).get(SETTING.municipality)?.trim();
  if (typed) return typed;
  const organizations = workbook.table('organizations');
  const named = organizations.texts('municipality');
  for (let i = 0; i < organizations.size; i++) if (named(i)) return named(i);
  return '';
}

/**
 * The digests for `month` of every recipient `wanted` accepts (default: all), over one snapshot (each sheet read
 * once; the registers only when some digest is wanted).
 */
export function composeDigests(
  workbook: Workbook,
  month: DigestMonth,
  workbookUrl: string,
  wanted: (recipient: DigestRecipient) => boolean = () => true,
): { digests: Digest[]; audience: DigestAudience } {
  const audience = digestAudience(workbook);
  const recipients = audience.recipients.filter(wanted);
  if (!recipients.length) return { digests: [], audience };
  const report = readKpiReport(workbook);
  const composer: Composer = {
    month,
    municipality: municipalityOf(workbook),
    workbookUrl,
    report,
    data: new DigestData(workbook, month, report),
    audience,
    intakeStopped: intakeStoppedIn(readSettings(workbook.table('settings')).get(SETTING.cells) ?? ''),
  };
  const digests = recipients.map((recipient) => {
    const doc = documentOf(composer, recipient);
    return { recipient, subject: subjectOf(composer, recipient), html: renderHtml(doc), text: renderText(doc) };
  });
  return { digests, audience };
}
