// One municipal workbook as the regional roll-up sees it: its «Показатели» read once and parsed by readKpiReport
// (the municipality's own last recompute, no register read), checked against what the region sums — the same
// indicator set, the whole municipality, the region's year — or the reason it is left out, in a methodist's words.
import type { TableData, WorkbookPort } from '../ports';
import { MEASURES } from '../indicators/measures';
import { readPassports, type Passport } from '../indicators/passport';
import { PRESETS, type Preset, type PresetRow } from '../indicators/presets';
import { readKpiReport, type KpiIndicator, type KpiPeriod, type KpiReport } from '../indicators/report';
import type { Day } from '../indicators/period';
import { roadmapStanding } from '../roadmap/register';
import { sheetSpec } from '../schema/sheets';
import { normalizeName } from '../text';
import { Workbook } from '../workbook';

/** Why a listed workbook is not in the roll-up; each reason's text starts with its label (the sheet keeps the text). */
export const REASONS = {
  noAccess: 'Нет доступа',
  notFound: 'Книга не найдена',
  noIndicators: 'Нет показателей',
  otherPreset: 'Другой набор показателей',
  partialScope: 'Расчёт не по всему муниципалитету',
  otherYear: 'Другой год',
  badLink: 'Неверная ссылка',
  duplicate: 'Повтор',
  copy: 'Тот же муниципалитет',
  failed: 'Не удалось прочитать',
} as const;
export type ReasonCode = keyof typeof REASONS;

const reason = (code: ReasonCode, detail: string) => `${REASONS[code]}: ${detail}`;

/** The reason's code, from the text the sheet keeps (null for a text the add-on did not write). */
export function reasonCodeOf(text: string): ReasonCode | null {
  return (Object.keys(REASONS) as ReasonCode[]).find((code) => text.startsWith(`${REASONS[code]}:`)) ?? null;
}

/** What opening a municipal workbook gave (the Apps Script side classifies Google's errors). */
export type SourceRead =
  | {
      readonly ok: true;
      readonly title: string;
      /** null: the workbook has no «Показатели» */
      readonly indicators: TableData | null;
      /** «Дорожная карта» and, when it has rows, the key columns of «Мероприятия»; null: no such sheet. */
      readonly roadmap?: { readonly items: TableData; readonly events: TableData | null } | null;
    }
  | { readonly ok: false; readonly code: 'noAccess' | 'notFound' | 'failed'; readonly message: string };

export interface RegionSourcePort {
  /** Opens the workbook and reads its «Показатели» in one read (and «Дорожная карта», see SourceRead). */
  read(id: string): SourceRead;
}

/** What the region expects of every municipality. */
export interface RegionExpectation {
  readonly preset: Preset;
  /** null: any year (the municipalities' own). */
  readonly year: number | null;
  /** Who reads (the message about access names her). */
  readonly reader: string;
  /** The day overdue roadmap items are counted on. */
  readonly today: Day;
}

/** A municipality's «Дорожная карта» today: its items and those overdue (SPEC §3). */
export interface RoadmapStanding {
  readonly items: number;
  readonly overdue: number;
}

/** What a municipal workbook said, read or not: the columns of «Муниципалитеты» come from here. */
export interface MunicipalOutcome {
  readonly title: string;
  /** null: the municipality is in the roll-up; else why not. */
  readonly reason: string | null;
  /** Its indicator set: a preset id, «свой», or '' when unknown. */
  readonly preset: string;
  readonly computedAt: string | null;
  readonly period: KpiPeriod | null;
  /** The region's indicators (its preset's codes, in its order) as the municipality computed them. */
  readonly indicators: readonly KpiIndicator[];
  /** null: not opened, or no «Дорожная карта» sheet. Counted whether or not its indicators are in the roll-up. */
  readonly roadmap: RoadmapStanding | null;
}

const failure = (text: string, title = '', known: Partial<MunicipalOutcome> = {}): MunicipalOutcome => ({
  title,
  reason: text,
  preset: '',
  computedAt: null,
  period: null,
  indicators: [],
  roadmap: null,
  ...known,
});

/** A port that serves «Показатели» only: readKpiReport's other sheets read as empty, nothing can be written. */
function indicatorsOnly(data: TableData): WorkbookPort {
  const empty = (id: Parameters<WorkbookPort['readTable']>[0]) => ({ header: sheetSpec(id).columns.map((c) => c.header), rows: [] });
  return {
    readTable: (id) => (id === 'indicators' ? data : empty(id)),
    readHeader: (id) => ({ header: empty(id).header, rowCount: 0 }),
    readColumns: (id) => (id === 'indicators' ? data : empty(id)),
    writeTable: () => {
      throw new Error('Книга муниципалитета открыта только для чтения.');
    },
  };
}

/** What one listed workbook gives the roll-up. */
export function municipalOutcome(read: SourceRead, expect: RegionExpectation): MunicipalOutcome {
  if (!read.ok) return failure(readFailure(read, expect.reader));
  const roadmap = read.roadmap ? roadmapStanding(read.roadmap.items, read.roadmap.events, expect.today) : null;
  return { ...indicatorOutcome(read, expect), roadmap };
}

function indicatorOutcome(read: SourceRead & { ok: true }, expect: RegionExpectation): MunicipalOutcome {
  if (!read.indicators) {
    return failure(reason('noIndicators', 'в книге нет листа «Показатели» — это не книга «Маршрута» или она не настроена.'), read.title);
  }
  const workbook = new Workbook(indicatorsOnly(read.indicators));
  const passports = readPassports(workbook.table('indicators'));
  if (!passports.length) {
    return failure(
      reason(
        'noIndicators',
        'набор показателей не загружен (в книге муниципалитета: «Маршрут → Показатели…» → «Загрузить набор на лист»).',
      ),
      read.title,
    );
  }
  const preset = presetOfPassports(passports);
  const report = readKpiReport(workbook);
  if (!report) {
    return failure(
      reason('noIndicators', 'показатели ещё не рассчитаны (в книге муниципалитета: «Маршрут → Показатели…» → «Пересчитать»).'),
      read.title,
      { preset },
    );
  }
  const known = { preset, computedAt: report.computedAt, period: report.period };
  const mismatch = presetMismatch(expect.preset, passports, preset);
  if (mismatch) return failure(reason('otherPreset', mismatch), read.title, known);
  if (report.scope) {
    const org = report.scope.name ? `${report.scope.code} — ${report.scope.name}` : report.scope.code;
    return failure(
      reason('partialScope', `последний пересчёт — только по ОО «${org}». Пересчитайте показатели для всего муниципалитета.`),
      read.title,
      known,
    );
  }
  const year = yearOf(report.period);
  if (expect.year !== null && year !== expect.year) {
    return failure(
      reason(
        'otherYear',
        `показатели рассчитаны за ${year ?? 'неизвестный'} год, а сводка — за ${expect.year}. Пересчитайте их за ${expect.year} год.`,
      ),
      read.title,
      known,
    );
  }
  return { title: read.title, reason: null, ...known, indicators: regionIndicators(expect.preset, report), roadmap: null };
}

function readFailure(read: SourceRead & { ok: false }, reader: string): string {
  if (read.code === 'noAccess') {
    return reason(
      'noAccess',
      `книга не открыта для ${reader || 'вас'}. Попросите её владельца дать этому адресу доступ хотя бы на просмотр.`,
    );
  }
  if (read.code === 'notFound') {
    // Google says the same for a deleted file, a wrong ID and a file one may not see.
    return reason('notFound', 'её удалили, ссылка неверна или у вас нет к ней доступа. Проверьте ссылку в столбце «Книга».');
  }
  return reason('failed', `${read.message.replace(/[.\s]+$/, '')}. Обновите сводку ещё раз позже.`);
}

export const badLinkReason = (text: string): string =>
  reason('badLink', `«${text.length > 80 ? `${text.slice(0, 79)}…` : text}» — не ссылка на Google Таблицу и не её ID.`);

export const duplicateReason = (row: number): string =>
  reason('duplicate', `эта книга уже указана в строке ${row}; в сводку она входит один раз.`);

export const yearOf = (period: KpiPeriod | null): number | null => (period?.to ? Number(period.to.slice(0, 4)) : null);

// -- The indicator set ----------------------------------------------------------------------------------------------

/** A passport row as the roll-up compares it: the same code counting the same thing with the same parameters. */
const signature = (code: string, measure: string, params: string) =>
  `${normalizeName(code)}|${measure.trim().toLowerCase()}|${normalizeName(params).replace(/\s*([=;|])\s*/g, '$1')}`;
const presetSignature = (row: PresetRow) => signature(row.code, row.measure, row.params);

function differing(preset: Preset, passports: readonly Passport[]): PresetRow[] {
  const present = new Set(passports.map((p) => signature(p.code, p.measure, p.params)));
  return preset.rows.filter((row) => !present.has(presetSignature(row)));
}

/** The preset whose every row the sheet holds (as loaded, whatever else the methodist added), or «свой». */
export function presetOfPassports(passports: readonly Passport[]): string {
  return PRESETS.find((preset) => !differing(preset, passports).length)?.id ?? 'свой';
}

function presetMismatch(preset: Preset, passports: readonly Passport[], found: string): string | null {
  const missing = differing(preset, passports);
  if (!missing.length) return null;
  const regional = `регион сводит набор «${preset.id}»`;
  if (found !== 'свой') return `в книге — набор «${found}», а ${regional}.`;
  const codes = missing
    .slice(0, 3)
    .map((row) => `«${row.code}»`)
    .join(', ');
  return `${regional}, а в книге нет его показателей ${codes}${missing.length > 3 ? ' и других' : ''} или они считаются иначе (расчёт, параметры).`;
}

/** The region's rows, in its preset's order; a row the municipality has not computed is «Нет данных». */
function regionIndicators(preset: Preset, report: KpiReport): KpiIndicator[] {
  const byCode = new Map<string, KpiIndicator>();
  for (const indicator of report.indicators) {
    const code = normalizeName(indicator.code);
    if (!byCode.has(code)) byCode.set(code, indicator);
  }
  return preset.rows.map(
    (row) =>
      byCode.get(normalizeName(row.code)) ?? {
        code: row.code,
        name: row.title,
        measure: row.measure,
        parameters: row.params,
        unit: row.unit || MEASURES[row.measure].unit,
        period: null,
        numerator: null,
        denominator: null,
        value: null,
        plan: null,
        comparator: row.comparison,
        status: 'Нет данных',
        deviation: null,
        previous: null,
        change: null,
        history: [],
        explanation: '',
        warnings: [],
      },
  );
}
