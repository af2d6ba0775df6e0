// `marshrut region`: the regional roll-up of municipal output folders, through the add-on's own bundle. A regional
// workbook is set up («Настроить региональную книгу»), each folder's workbook.xlsx becomes a municipal spreadsheet
// of the same local runtime, their links are added as the sidebar adds them, and «Обновить сводку» runs as in
// Google (openById, one read of «Показатели» each) until the run is complete. Then DIR/region.xlsx and
// DIR/region.json (the RegionReport the sidebar shows, each municipality with its folder).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionReport } from '../core/region/report';
import { workbookUrl } from '../core/region/workbookId';
import { SETTING } from '../core/settings';
import { plural } from '../core/text';
import { SHEETS } from '../core/schema/sheets';
import { writeDashboardHtml } from './dashboardOutput';
import { InputError } from './importFolder';
import { indicatorTable } from './kpiOutput';
import { openLocalWorkbook, type LocalWorkbook } from './localWorkbook';
import { municipalSpreadsheet, readMunicipalOutput, type MunicipalOutput } from './regionInput';
import { exportWorkbookXlsx } from './xlsx';

export interface RegionOptions {
  readonly municipal: readonly string[];
  readonly out: string;
  /** The preset the region sums (default: «Набор показателей» of the regional «Настройки», klin). */
  readonly preset?: string;
}

export interface RegionOutputs {
  readonly report: RegionReport;
  readonly xlsx: string;
  readonly json: string;
  readonly dashboard: string;
}

interface RefreshReply {
  readonly refresh: { readonly complete: boolean; readonly busy: boolean; readonly checked: number; readonly total: number };
  readonly report: RegionReport;
}

/** Refreshes until the run is complete (each call one execution, as the sidebar's «продолжаю» does). */
function refreshAll(region: LocalWorkbook, say: (line: string) => void): RegionReport {
  for (;;) {
    const reply = region.rpc<RefreshReply>('rpcRegionRefresh');
    say(`  проверено ${reply.refresh.checked} из ${reply.refresh.total}`);
    if (reply.refresh.complete || reply.refresh.busy) return reply.report;
  }
}

/** «Набор показателей» typed into the regional «Настройки», as a methodist would. */
function choosePreset(region: LocalWorkbook, preset: string): void {
  const sheet = region.spreadsheet.getSheetByName(SHEETS.settings.name)!;
  const keys = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
  sheet.getRange(keys.indexOf(SETTING.preset) + 1, 2).setValue(preset);
}

export async function runRegion(options: RegionOptions, say: (line: string) => void): Promise<RegionOutputs> {
  if (!options.municipal.length) throw new InputError('Укажите папки муниципалитетов: --municipal DIR1 DIR2 …');
  const outputs: MunicipalOutput[] = [];
  for (const dir of options.municipal) outputs.push(await readMunicipalOutput(dir));
  const region = openLocalWorkbook();
  region.spreadsheet.rename('Маршрут — региональная книга');
  region.menu('menuSetupRegionalWorkbook');
  if (options.preset) choosePreset(region, options.preset);
  const folders = new Map<string, string>();
  for (const output of outputs) folders.set(municipalSpreadsheet(region.runtime, output).getId(), output.dir);
  region.rpc('rpcRegionAdd', { lines: [...folders.keys()].map(workbookUrl) });
  say(`Региональная сводка: ${outputs.length} ${plural(outputs.length, ['книга', 'книги', 'книг'])} муниципалитетов`);
  const report = refreshAll(region, say);
  regionSummary(report).forEach((line) => say(line));

  mkdirSync(options.out, { recursive: true });
  const xlsx = join(options.out, 'region.xlsx');
  await exportWorkbookXlsx(region.spreadsheet, xlsx);
  const json = join(options.out, 'region.json');
  writeFileSync(json, JSON.stringify(regionJson(report, folders), null, 2));
  // The regional workbook's own «Дашборд…» dialog: the region's totals and each municipality, aggregates only.
  const dashboard = writeDashboardHtml(options.out, region);
  return { report, xlsx, json, dashboard };
}

/** region.json: the RegionReport, each municipality with the folder it came from. */
export function regionJson(report: RegionReport, folders: ReadonlyMap<string, string>) {
  return {
    ...report,
    municipalities: report.municipalities.map((m) => ({ ...m, folder: folders.get(m.workbook) ?? null })),
    byMunicipality: report.byMunicipality.map((m) => ({ ...m, folder: folders.get(m.workbook) ?? null })),
  };
}

/** What the terminal shows: each municipality's verdict, then the region's totals. */
export function regionSummary(report: RegionReport): string[] {
  const included = report.municipalities.filter((m) => m.status === 'read').length;
  return [
    `В сводке ${included} из ${report.municipalities.length} (набор «${report.preset}»${report.year ? `, ${report.year} год` : ''}):`,
    ...report.municipalities.map((m) => `  ${m.name || m.workbook}: ${m.status === 'read' ? 'в сводке' : m.reason}`),
    'Итого по региону:',
    ...indicatorTable(report.indicators),
  ];
}
