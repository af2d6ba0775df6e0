// The indicators step of `marshrut run`: the preset is loaded and recomputed through the bundle's own sidebar RPCs
// (rpcKpiLoadPreset, rpcKpiRecompute — what «Показатели» calls in Google), then DIR/kpi.json is written in the shape
// of issue 7 and the table printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_IDS } from '../core/indicators/presets';
import { parseDayNumber } from '../core/indicators/period';
import type { KpiIndicator, KpiReport } from '../core/indicators/report';
import type { LocalWorkbook } from './localWorkbook';
import { InputError } from './importFolder';

export interface KpiOptions {
  readonly preset?: string;
  readonly year?: number;
  readonly from?: string;
  readonly to?: string;
  readonly scope?: string;
}

/** `--preset --year --from --to --scope`, checked before anything is read (a mistake is a usage error). */
export function parseKpiOptions(values: Record<string, unknown>): KpiOptions {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
  const [preset, year, from, to, scope] = ['preset', 'year', 'from', 'to', 'scope'].map(text);
  if (preset !== undefined && !PRESET_IDS.includes(preset))
    throw new Error(`Неизвестный набор показателей «${preset}». Доступны: ${PRESET_IDS.join(', ')}.`);
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new Error(`--year: «${year}» — не год (ожидается ГГГГ).`);
  if ((from === undefined) !== (to === undefined)) throw new Error('Укажите обе границы периода: --from и --to.');
  if (year !== undefined && from !== undefined) throw new Error('Укажите либо --year, либо --from и --to.');
  for (const [flag, value] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (value !== undefined && parseDayNumber(value) === null)
      throw new Error(`${flag}: «${value}» — не дата (дд.мм.гггг или гггг-мм-дд).`);
  }
  if (from !== undefined && parseDayNumber(from)! > parseDayNumber(to!)!) throw new Error('--from позже, чем --to.');
  return { preset, year: year === undefined ? undefined : Number(year), from, to, scope };
}

/** The preset on the sheet (loaded if missing, edits kept), then the recompute — the sidebar's own calls. */
export function recomputeIndicators(workbook: LocalWorkbook, options: KpiOptions): KpiReport {
  try {
    const preset = options.preset ?? workbook.rpc<{ preset: string }>('rpcKpiState').preset;
    workbook.rpc('rpcKpiLoadPreset', { preset: preset || 'klin', mode: 'keep' });
    const request = { year: options.year, from: options.from, to: options.to, scope: options.scope };
    return workbook.rpc<KpiReport>('rpcKpiRecompute', JSON.parse(JSON.stringify(request)));
  } catch (error) {
    throw new InputError(error instanceof Error || (error && typeof error === 'object') ? String((error as Error).message) : String(error));
  }
}

/** kpi.json exactly as issue 7 point 7 specifies. */
export function kpiJson(report: KpiReport) {
  return {
    preset: report.preset,
    period: { from: report.period.from, to: report.period.to },
    indicators: report.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      measure: i.measure,
      parameters: i.parameters,
      numerator: i.numerator,
      denominator: i.denominator,
      value: i.value,
      plan: i.plan,
      comparator: i.comparator,
      status: i.status,
      previous: i.previous,
      change: i.change,
      history: i.history,
      explanation: i.explanation,
      warnings: i.warnings.map(({ code, organization, counted, headcount, text }) => ({ code, organization, counted, headcount, text })),
    })),
    byOrganization: report.byOrganization.map((o) => ({
      code: o.code,
      name: o.name,
      indicators: o.indicators.map((i) => ({ code: i.code, numerator: i.numerator, denominator: i.denominator, value: i.value })),
    })),
  };
}

export function writeKpiJson(out: string, report: KpiReport): string {
  mkdirSync(out, { recursive: true });
  const path = join(out, 'kpi.json');
  writeFileSync(path, JSON.stringify(kpiJson(report), null, 2));
  return path;
}

const NAME_WIDTH = 44;
const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const shown = (v: number | string | null, unit = ''): string =>
  v === null ? '—' : typeof v === 'number' ? `${number.format(v)}${unit === '%' ? ' %' : ''}` : v;
const shownDay = (iso: string) => iso.split('-').reverse().join('.');

/**
 * A name in lines of at most `width` characters, broken between words (a word longer than the line is split): the
 * regulation's names share long beginnings («Доля педагогических работников и управленческих кадров, …»), so a name
 * cut to one line would make several indicators read the same.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** The table as the terminal shows it: code, name, numerator, denominator, fact, plan, status. */
export function kpiTable(report: KpiReport): string[] {
  const scope = report.scope ? `ОО ${report.scope.code} — ${report.scope.name}` : 'весь муниципалитет';
  return [
    `Показатели набора «${report.preset}», ${shownDay(report.period.from)}–${shownDay(report.period.to)}, ${scope}:`,
    ...indicatorTable(report.indicators),
    ...report.indicators.flatMap((i) => i.warnings.map((w) => `  Внимание, ${i.code}: ${w.text}`)),
    ...report.problems.map((p) => `  ! ${p}`),
  ];
}

/** What a line of the terminal table shows of an indicator (a municipality's, or a region's total). */
export type TableIndicator = Pick<
  KpiIndicator,
  'code' | 'name' | 'numerator' | 'denominator' | 'value' | 'unit' | 'plan' | 'comparator' | 'status'
> &
  Partial<Pick<KpiIndicator, 'previous' | 'change'>>;

/** «↑ +2,5 п. п.», «↓ −3», «→ 0» (the sidebar's shownChange); «—» without a year before. */
const shownChange = (change: number | null | undefined, unit: string): string =>
  typeof change !== 'number'
    ? '—'
    : `${change > 0 ? '↑ +' : change < 0 ? '↓ −' : '→ '}${number.format(Math.abs(change))}${unit === '%' ? ' п. п.' : ''}`;

/**
 * The header and aligned lines per indicator (its name wrapped under itself); «Год назад» and «Динамика» where the
 * indicators carry them.
 */
export function indicatorTable(indicators: readonly TableIndicator[]): string[] {
  const yearBefore = indicators.some((i) => 'previous' in i);
  const names = indicators.map((i) => wrapWords(i.name, NAME_WIDTH));
  const rows = indicators.map((i, n) => [
    i.code,
    names[n]![0]!,
    shown(i.numerator),
    shown(i.denominator),
    shown(i.value, i.unit),
    ...(yearBefore ? [shown(i.previous?.value ?? null, i.unit), shownChange(i.change, i.unit)] : []),
    i.comparator === 'рост'
      ? 'рост'
      : i.plan === null
        ? '—'
        : typeof i.plan === 'number'
          ? `${i.comparator} ${shown(i.plan, i.unit)}`
          : i.plan,
    i.status,
  ]);
  const header = ['Код', 'Показатель', 'Числ.', 'Знам.', 'Факт', ...(yearBefore ? ['Год назад', 'Динамика'] : []), 'План', 'Статус'];
  const widths = header.map((h, c) => Math.max(h.length, ...(c === 1 ? names.flat() : rows.map((r) => r[c]!)).map((cell) => cell.length)));
  const right = new Set(header.map((_, c) => c).slice(2, -1));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd();
  return [
    line(header),
    ...rows.flatMap((row, n) => [line(row), ...names[n]!.slice(1).map((rest) => line(row.map((_, c) => (c === 1 ? rest : ''))))]),
  ];
}
