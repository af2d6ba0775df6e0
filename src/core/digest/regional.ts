// The ministry's monthly letter from the regional workbook (SPEC §1, §7; issue 18 point 1): aggregates only — the
// region's indicators with plan, fact and status, per indicator the municipalities that meet it and those furthest
// behind (by municipality, never a person), and the municipalities the last refresh left out and why. It is composed
// from the last refresh as the regional workbook holds it (readRegionReport): nothing is opened or recomputed. The
// recipients are «Адреса министерства» of the regional «Настройки»; a municipal workbook's own ministry addresses
// keep working, but this one letter replaces the ~60 of them.
import { MEASURES, type MeasureId } from '../indicators/measures';
import { presetOf, PRESET_IDS } from '../indicators/presets';
import { readRegionReport, yearBeforeOf, type RegionIndicator, type RegionReport } from '../region/report';
import { readSettings, SETTING } from '../settings';
import type { Workbook } from '../workbook';
import type { Block, DigestDocument } from './document';
import { renderHtml, renderText } from './document';
import { FOOTER, shownChange, shownPlan, shownValue, statusCell, type Digest } from './compose';
import { changeOf } from '../indicators/status';
import { longDay, monthName, sendDay, type DigestMonth } from './month';
import { settingAddresses, type DigestAudience, type DigestRecipient } from './recipients';

/** Municipalities named as furthest behind, per indicator. */
const BEHIND_LIMIT = 3;

export function regionalAudience(workbook: Workbook): DigestAudience {
  const problems: string[] = [];
  const ministry = settingAddresses(readSettings(workbook.table('settings')), SETTING.ministry, problems);
  return {
    settings: { methodists: [], ministry, off: [] },
    coordinators: [],
    withoutCoordinator: [],
    recipients: ministry.map((email): DigestRecipient => ({ email, role: 'ministry', orgs: [] })),
    problems,
  };
}

interface Standing {
  readonly name: string;
  readonly status: string;
  /** How far behind the plan (in the indicator's unit), for shares and ratios with a numeric plan; null otherwise. */
  readonly gap: number | null;
}

function standings(report: RegionReport, total: RegionIndicator, measures: ReadonlyMap<string, MeasureId>): Standing[] {
  const measure = measures.get(total.code);
  const kind = measure ? MEASURES[measure].kind : null;
  const comparable = (kind === 'share' || kind === 'ratio') && typeof total.plan === 'number';
  return report.byMunicipality.flatMap((m) => {
    const own = m.indicators.find((i) => i.code === total.code);
    if (!own) return [];
    const gap =
      comparable && typeof own.value === 'number'
        ? total.comparator === '≤'
          ? own.value - (total.plan as number)
          : (total.plan as number) - own.value
        : null;
    return [{ name: m.name || m.workbook, status: own.status, gap }];
  });
}

/** A share's gap is in percentage points, a ratio's in its own unit. */
const gapText = (i: RegionIndicator, gap: number) => (i.unit === '%' ? `${shownValue(gap, '')}\u00a0п.\u00a0п.` : shownValue(gap, i.unit));

function comparisonBlocks(report: RegionReport): Block[] {
  const measures = new Map(PRESET_IDS.includes(report.preset) ? presetOf(report.preset).rows.map((r) => [r.code, r.measure]) : []);
  const lines = report.indicators.flatMap((total) => {
    const all = standings(report, total, measures);
    if (!all.length || total.plan === null) return [];
    const meeting = all.filter((s) => s.status === 'Выполнен').map((s) => s.name);
    const behind = all
      .filter((s) => s.status === 'Не выполнен' && s.gap !== null && s.gap > 0)
      .sort((a, b) => b.gap! - a.gap! || a.name.localeCompare(b.name, 'ru'))
      .slice(0, BEHIND_LIMIT)
      .map((s) => `${s.name} (на ${gapText(total, s.gap!)} ${total.comparator === '≤' ? 'выше' : 'ниже'} плана)`);
    const met = meeting.length
      ? `выполняют ${meeting.length} из ${all.length}: ${meeting.join(', ')}`
      : `не выполняет ни один из ${all.length}`;
    return [`${total.code}. ${met}${behind.length ? `; дальше всех от плана — ${behind.join(', ')}` : ''}.`];
  });
  return lines.length
    ? [
        { kind: 'heading', text: 'Муниципалитеты по показателям' },
        { kind: 'list', items: lines },
      ]
    : [];
}

/**
 * Overdue roadmap items per municipality (SPEC §3, §7), as each municipal workbook had them at the last refresh —
 * counts only, most overdue first; nothing when no municipality keeps a roadmap.
 */
function roadmapBlocks(report: RegionReport): Block[] {
  const withRoadmap = report.municipalities.flatMap((m) =>
    m.roadmap && m.roadmap.items ? [{ name: m.name || m.workbook, ...m.roadmap }] : [],
  );
  if (!withRoadmap.length) return [];
  const behind = withRoadmap.filter((m) => m.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'ru'));
  const onTime = withRoadmap.length - behind.length;
  return [
    { kind: 'heading', text: 'Просроченные пункты дорожных карт' },
    behind.length
      ? {
          kind: 'table',
          columns: ['Муниципалитет', 'Просрочено', 'Всего пунктов'],
          numeric: [false, true, true],
          rows: behind.map((m) => [m.name, String(m.overdue), String(m.items)]),
        }
      : { kind: 'text', text: 'Просроченных пунктов нет.', tone: 'muted' },
    ...(behind.length && onTime
      ? [
          {
            kind: 'text' as const,
            text: `Без просроченных пунктов: ${onTime} из ${withRoadmap.length} муниципалитетов с дорожной картой.`,
            tone: 'muted' as const,
          },
        ]
      : []),
  ];
}

function leftOutBlocks(report: RegionReport): Block[] {
  const out = report.municipalities.filter((m) => m.status !== 'read');
  if (!out.length) return [];
  return [
    { kind: 'heading', text: 'Не вошли в сводку' },
    {
      kind: 'list',
      items: out.map(
        (m) => `${m.name || m.workbook}: ${m.status === 'pending' ? 'ещё не проверена в последнем обновлении сводки.' : m.reason}`,
      ),
    },
  ];
}

function regionalDocument(report: RegionReport, month: DigestMonth, workbookUrl: string): DigestDocument {
  const read = report.municipalities.filter((m) => m.status === 'read').length;
  const updated = report.updatedAt
    ? `сводка обновлена ${report.updatedAt.slice(8, 10)}.${report.updatedAt.slice(5, 7)}.${report.updatedAt.slice(0, 4)}`
    : 'сводка ещё не обновлялась';
  const indicators: Block[] = report.indicators.length
    ? [
        {
          kind: 'table',
          columns: ['Код', 'Показатель', 'Факт', 'План', 'Статус', 'За год'],
          numeric: [false, false, true, true, false, true],
          rows: report.indicators.map((i) => [
            i.code,
            i.name,
            shownValue(i.value, i.unit),
            shownPlan(i),
            statusCell(i.status),
            shownChange(changeOf(i.value, yearBeforeOf(i)), i.unit),
          ]),
        },
        {
          kind: 'text',
          text: '«За год» — изменение к тому же периоду годом раньше, по тем же муниципалитетам (годы, которые хранит сводка); «—» — за прошлый год данных нет.',
          tone: 'muted',
        },
      ]
    : [{ kind: 'text', text: 'Сводка по региону ещё не собрана: «Маршрут → Обновить сводку…» в региональной книге.', tone: 'muted' }];
  return {
    title: `Сводка «Маршрута» за ${monthName(month)}`,
    subtitle: `${report.region || 'Регион'}: сводные данные муниципалитетов, без персональных данных. Данные на ${longDay(sendDay(month))}.`,
    blocks: [
      { kind: 'heading', text: 'Показатели региона' },
      {
        kind: 'text',
        text: `Набор «${report.preset}»${report.year ? `, ${report.year} год` : ''}; ${updated}; в сводке ${read} из ${report.municipalities.length} муниципалитетов.`,
        tone: 'muted',
      },
      ...indicators,
      ...comparisonBlocks(report),
      ...roadmapBlocks(report),
      ...leftOutBlocks(report),
      ...(workbookUrl ? [{ kind: 'link' as const, label: 'Открыть региональную книгу «Маршрута»', url: workbookUrl }] : []),
    ],
    footer: FOOTER,
  };
}

/** The regional workbook's letters of `month`: one per ministry address (the same letter to each). */
export function composeRegionalDigests(
  workbook: Workbook,
  month: DigestMonth,
  workbookUrl: string,
  wanted: (recipient: DigestRecipient) => boolean = () => true,
): { digests: Digest[]; audience: DigestAudience } {
  const audience = regionalAudience(workbook);
  const recipients = audience.recipients.filter(wanted);
  if (!recipients.length) return { digests: [], audience };
  const report = readRegionReport(workbook);
  const doc = regionalDocument(report, month, workbookUrl);
  const [html, text] = [renderHtml(doc), renderText(doc)];
  const subject = `Маршрут: сводка за ${monthName(month)} — ${report.region || 'регион'} (сводные данные региона)`.replace(/[\r\n]+/g, ' ');
  return { digests: recipients.map((recipient) => ({ recipient, subject, html, text })), audience };
}
