// The indicator engine's Sheets side: the computed columns of «Показатели» written by header (one setValues and
// one setNumberFormats per contiguous run — one of each in the normal layout — so a passport column, even one
// holding a formula, is never rewritten), «Как считается» as notes on «Факт» (one setNotes), the status colours as
// conditional formatting, the recompute's progress for the sidebar, and a «кто не охвачен» list on a new sheet.
import type { Cell } from '../core/ports';
import type { KpiOutputPort, KpiProgress } from '../core/indicators/service';
import type { IndicatorSheetWrite } from '../core/indicators/report';
import type { MeasureKind } from '../core/indicators/measures';
import type { UncoveredList } from '../core/indicators/uncovered';
import { SHEETS, sheetSpec } from '../core/schema/sheets';
import { toSheetValue } from './sheetValues';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const TEXT = '@';
const FACT_FORMAT = (kind: MeasureKind | null) => (kind === 'share' || kind === 'ratio' ? '0.0' : kind === 'count' ? '0' : TEXT);
const FORMATS: Record<string, (kind: MeasureKind | null) => string> = {
  numerator: () => '0',
  denominator: () => '0',
  fact: (kind) => FACT_FORMAT(kind),
  previousFact: (kind) => FACT_FORMAT(kind),
  deviation: () => '0.0',
  previousNumerator: () => '0',
  previousDenominator: () => '0',
  change: () => '0.0',
  computedAt: () => 'dd.mm.yyyy hh:mm',
};

const STATUS_COLOURS: readonly [status: string, background: string, font: string][] = [
  ['Выполнен', '#e6f4ea', '#0d652d'],
  ['Не выполнен', '#fce8e6', '#a50e0e'],
  ['Нет данных', '#f1f3f4', '#5f6368'],
  ['Нет плана', '#fef7e0', '#7a4f01'],
];

function sheetOf(spreadsheet: Spreadsheet, name: string): Sheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`Лист «${name}» не найден. Выполните «Маршрут → Настроить книгу».`);
  return sheet;
}

/** 1-based sheet columns of `keys`, grouped into runs of adjacent columns. */
function runsOf(header: readonly string[], keys: readonly string[]): { column: number; at: number[] }[] {
  const spec = sheetSpec('indicators');
  const placed = keys
    .map((key, at) => ({ at, column: header.indexOf(spec.columns.find((c) => c.key === key)!.header) + 1 }))
    .filter((c) => c.column > 0)
    .sort((a, b) => a.column - b.column);
  const runs: { column: number; at: number[] }[] = [];
  for (const c of placed) {
    const last = runs[runs.length - 1];
    if (last && last.column + last.at.length === c.column) last.at.push(c.at);
    else runs.push({ column: c.column, at: [c.at] });
  }
  return runs;
}

export class SheetsKpiOutput implements KpiOutputPort {
  constructor(private readonly spreadsheet: Spreadsheet) {}

  writeIndicators(write: IndicatorSheetWrite): void {
    const sheet = sheetOf(this.spreadsheet, SHEETS.indicators.name);
    const count = write.rows.length;
    const runs = runsOf(write.header, write.keys);
    if (count) {
      for (const run of runs) {
        const range = sheet.getRange(2, run.column, count, run.at.length);
        // Computed by the add-on: numbers stay numbers, words are kept as text.
        range.setValues(write.rows.map((row) => run.at.map((at) => toSheetValue(row[at] as Cell, true))));
        range.setNumberFormats(write.kinds.map((kind) => run.at.map((at) => (FORMATS[write.keys[at]!] ?? (() => TEXT))(kind))));
      }
    }
    const fact = write.header.indexOf(SHEETS.indicators.columns.find((c) => c.key === 'fact')!.header) + 1;
    const rows = sheet.getMaxRows() - 1;
    // Notes cover the whole column, so a row a preset switch moved up keeps no stale explanation.
    if (fact > 0 && rows > 0) sheet.getRange(2, fact, rows, 1).setNotes(Array.from({ length: rows }, (_, i) => [write.notes[i] ?? '']));
    const status = write.header.indexOf(SHEETS.indicators.columns.find((c) => c.key === 'status')!.header) + 1;
    if (status > 0) ensureStatusColours(sheet, status);
  }
}

/** Status colours by conditional formatting (a methodist's own rules stay); added once, they follow the column. */
function ensureStatusColours(sheet: Sheet, column: number): void {
  const rules = sheet.getConditionalFormatRules();
  if (rules.some((rule) => rule.getRanges().some((range) => range.getColumn() === column))) return;
  const range = sheet.getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1);
  const ours = STATUS_COLOURS.map(([text, background, font]) =>
    SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(text).setBackground(background).setFontColor(font).setRanges([range]).build(),
  );
  sheet.setConditionalFormatRules([...rules, ...ours]);
}

const PROGRESS_KEY = 'marshrut.kpi.progress';

const PROGRESS_EVERY_MS = 1000;

/**
 * Progress of the caller's recompute (or, under another key, another long call), in the user cache: the sidebar polls
 * it while its call is running. A cache write is a service call, so after the first one at most one a second.
 */
export function cacheProgress(key = PROGRESS_KEY): KpiProgress {
  const cache = CacheService.getUserCache();
  let last = -Infinity;
  return (message, done, total) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    cache.put(key, JSON.stringify({ message, done, total }), 600);
  };
}

export function readProgress(key = PROGRESS_KEY): { message: string; done: number; total: number } | null {
  const text = CacheService.getUserCache().get(key);
  return text ? (JSON.parse(text) as { message: string; done: number; total: number }) : null;
}

const HEADERS: Record<NonNullable<UncoveredList['unit']>, string[]> = {
  people: ['ФИО', 'Код ОО', 'ОО', 'Должность'],
  schools: ['Школа', 'Код ОО', 'ОО', ''],
  events: ['Мероприятие', 'Код ОО организатора', 'Организатор', 'Дата начала'],
  mentors: ['Наставник', 'Код ОО', 'ОО', ''],
  roadmap: ['Пункт дорожной карты', '', '', 'Срок'],
};

/** Writes a «кто не охвачен» list on its own sheet (made anew each time), in one call; returns the sheet's name. */
export function exportUncovered(spreadsheet: Spreadsheet, list: UncoveredList, org: string): string {
  const name = `Не охвачены ${list.code}${org ? ` ${org}` : ''}`.replace(/[[\]*?/\\:]/g, ' ').slice(0, 90);
  const old = spreadsheet.getSheetByName(name);
  if (old) spreadsheet.deleteSheet(old);
  const sheet = spreadsheet.insertSheet(name);
  const values = [
    HEADERS[list.unit ?? 'people'],
    ...list.rows.map((r) => [r.name, r.orgCode, r.orgName, r.detail].map((v) => toSheetValue(v))),
  ];
  if (values.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
  sheet.getRange(1, 1, values.length, 4).setValues(values);
  sheet.getRange(1, 1, 1, 4).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return name;
}
