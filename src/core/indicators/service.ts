// The indicator use cases over the ports, each in one transaction (script lock → snapshot → work → flush):
// recompute (one read per input sheet, one write per output sheet), loading a preset into «Показатели», and
// the «кто не охвачен» list of one indicator.
import { inTransaction, type IntakeDeps } from '../intake/service';
import { readSettings, SETTING, settingDefaults } from '../settings';
import { sheetSpec } from '../schema/sheets';
import { loadRoadmapDocument } from '../roadmap/load';
import type { Row, Table } from '../table';
import { normalizeName } from '../text';
import type { Workbook } from '../workbook';
import { KpiContext, type KpiRequest } from './compute';
import { planHeader } from './passport';
import { presetOf, PRESETS, type Preset, type PresetRow } from './presets';
import { buildReport, byOrganizationRows, indicatorSheetWrite, type IndicatorSheetWrite, type KpiReport } from './report';
import { uncoveredOf, type UncoveredList } from './uncovered';

/** Writes the computed columns of «Показатели» without touching the passport columns (and the notes). */
export interface KpiOutputPort {
  writeIndicators(write: IndicatorSheetWrite): void;
}

export interface KpiDeps extends IntakeDeps {
  readonly output: KpiOutputPort;
}

/** Where a recompute is: shown by the sidebar while it waits. */
export type KpiProgress = (message: string, done: number, total: number) => void;

const presetIdOf = (workbook: Workbook) => readSettings(workbook.table('settings')).get(SETTING.preset) ?? '';

/**
 * `after` runs in the same transaction on the same snapshot once the results are in it (the dashboard is drawn from
 * them without reading the registers a second time).
 */
export function recomputeKpi(
  deps: KpiDeps,
  request: KpiRequest,
  progress: KpiProgress = () => {},
  after?: (workbook: Workbook, report: KpiReport) => void,
): KpiReport {
  return inTransaction(deps, ({ workbook }) => {
    progress('Чтение реестров', 0, 1);
    const context = new KpiContext(workbook, request, deps.clock.now());
    const passports = context.passports();
    const results = passports.map((passport, i) => {
      progress('Расчёт показателей', i, passports.length);
      return context.evaluate(passport);
    });
    progress('Запись результатов', passports.length, passports.length);
    const now = deps.clock.now();
    const report = buildReport(context, results, presetIdOf(workbook), now);
    deps.output.writeIndicators(indicatorSheetWrite(workbook.table('indicators'), results, report, now));
    const byOrg = workbook.rewrite('indicatorsByOrg');
    for (const row of byOrganizationRows(report, now)) byOrg.append(row);
    after?.(workbook, report);
    return report;
  });
}

/** «Кто не охвачен» of one indicator, optionally of one ОО. Personal data: the caller checks access first. */
export function uncoveredList(deps: IntakeDeps, request: KpiRequest, code: string, org?: string): UncoveredList {
  return inTransaction(deps, ({ workbook }) => uncoveredOf(new KpiContext(workbook, request, deps.clock.now()), code, org));
}

/**
 * keep: rows already there with a preset row's «Код» stay as the methodist edited them; missing rows are added.
 * replace: those rows get the preset's passport back (her «Ответственный» stays).
 */
export type PresetMode = 'keep' | 'replace';

export interface PresetLoad {
  readonly preset: string;
  readonly added: number;
  readonly replaced: number;
  readonly kept: number;
  /** Rows of the previous preset taken off the sheet when switching to another one. */
  readonly removed: number;
  /** Items of the preset's document added to «Дорожная карта» (0 when it has none or all are there). */
  readonly roadmapAdded: number;
}

/** The passport columns of a preset row, by schema key (plans only for the years the sheet has columns for). */
function passportRow(table: Table, row: PresetRow): Row {
  const values: Row = {
    code: row.code,
    title: row.title,
    unit: row.unit,
    measure: row.measure,
    params: row.params,
    period: row.period,
    comparison: row.comparison,
    dataSource: row.source,
    frequency: row.frequency,
  };
  for (const column of sheetSpec('indicators').columns) {
    const year = /^План (\d{4})$/.exec(column.header);
    if (year && table.header.includes(planHeader(Number(year[1])))) values[column.key] = row.plans[Number(year[1])] ?? '';
  }
  return values;
}

const codeOf = (table: Table, i: number) => normalizeName(table.text(i, 'code'));

export function loadPreset(deps: IntakeDeps, id: string, mode: PresetMode): PresetLoad {
  const preset = presetOf(id);
  return inTransaction(deps, (pipeline) => {
    const { workbook } = pipeline;
    const table = workbook.table('indicators');
    const previous = PRESETS.find((p) => p.id === presetIdOf(workbook) && p.id !== preset.id);
    const removed = previous ? dropRowsOf(table, previous) : 0;
    const rowByCode = new Map<string, number>();
    for (let i = 0; i < table.size; i++) if (codeOf(table, i) && !rowByCode.has(codeOf(table, i))) rowByCode.set(codeOf(table, i), i);
    let added = 0;
    let replaced = 0;
    let kept = 0;
    for (const row of preset.rows) {
      const existing = rowByCode.get(normalizeName(row.code));
      if (existing === undefined) {
        table.append(passportRow(table, row));
        added++;
      } else if (mode === 'replace') {
        if (table.update(existing, passportRow(table, row)).length) replaced++;
        else kept++;
      } else kept++;
    }
    setPreset(workbook, preset.id);
    const roadmapAdded = loadRoadmapDocument(workbook.table('roadmap'), preset.id);
    if (roadmapAdded)
      pipeline.audit.record(
        `Загрузка пунктов дорожной карты набора «${preset.id}»: добавлено ${roadmapAdded}`,
        sheetSpec('roadmap').name,
        preset.title,
      );
    pipeline.audit.record(
      `Загрузка набора показателей «${preset.id}»: добавлено ${added}, заменено ${replaced}, оставлено ${kept}, убрано ${removed}`,
      sheetSpec('indicators').name,
      preset.title,
    );
    return { preset: preset.id, added, replaced, kept, removed, roadmapAdded };
  });
}

/** Switching presets: the previous preset's rows leave the sheet (rows the methodist added with other codes stay). */
function dropRowsOf(table: Table, previous: Preset): number {
  const codes = new Set(previous.rows.map((r) => normalizeName(r.code)));
  const before = table.size;
  if (![...Array(before).keys()].some((i) => codes.has(codeOf(table, i)))) return 0;
  table.retain((i) => !codes.has(codeOf(table, i)));
  return before - table.size;
}

function setPreset(workbook: Workbook, id: string): void {
  const settings = workbook.table('settings');
  for (let i = 0; i < settings.size; i++) {
    if (settings.text(i, 'key') === SETTING.preset) {
      settings.update(i, { value: id });
      return;
    }
  }
  const defaults = settingDefaults().find((s) => s.key === SETTING.preset)!;
  settings.append({ key: SETTING.preset, value: id, description: defaults.description });
}
