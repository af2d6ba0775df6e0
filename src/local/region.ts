// `marshrut region`: the regional roll-up of municipal output folders, through the add-on's own bundle. A regional
// workbook is set up («Настроить региональную книгу»), each folder's workbook.xlsx becomes a municipal spreadsheet
// of the same local runtime, their links are added as the sidebar adds them, and «Обновить сводку» runs as in
// Google (openById, one read of «Показатели» each) until the run is complete. Then DIR/region.xlsx and
// DIR/region.json (the RegionReport the sidebar shows, each municipality with its folder).
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RegionReport } from '../core/region/report';
import { REGION_SETTING } from '../core/region/settings';
import { workbookUrl } from '../core/region/workbookId';
import { SETTING } from '../core/settings';
import { plural } from '../core/text';
import { SHEETS } from '../core/schema/sheets';
import { writeDashboardHtml } from './dashboardOutput';
import { reportedMonthOf, writeLetters } from './digestOutput';
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
  /** «Регион» of the regional «Настройки»: the title of the workbook, its dashboard and the ministry's letter. */
  readonly region?: string;
  /** «Адреса министерства»: the monthly letter of the region is written to DIR/mail for them. */
  readonly ministry?: readonly string[];
}

/** A folder not in the roll-up before any workbook is opened: its workbook.xlsx is missing or unreadable. */
export interface UnreadFolder {
  readonly folder: string;
  readonly reason: string;
}

export interface RegionOutputs {
  readonly report: RegionReport;
  readonly unread: readonly UnreadFolder[];
  readonly xlsx: string;
  readonly json: string;
  readonly dashboard: string;
  /** DIR/mail with the ministry's letter, or null when no ministry address was given. */
  readonly mail: string | null;
}

/**
 * The ministry's letter of the month after the summed period, as the regional workbook's monthly run would send it:
 * the addresses are saved in «Настройки…» as the owner would, then composed by the bundle's own preview.
 */
function ministryLetter(region: LocalWorkbook, options: RegionOptions, report: RegionReport): { dir: string | null; line: string } {
  if (!options.ministry?.length)
    return { dir: null, line: 'Письмо министерству не записано: укажите адреса министерства — --ministry a@minobr.ru,b@minobr.ru' };
  region.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: options.ministry, coordinatorsOff: [] });
  const to = report.indicators.find((i) => i.period)?.period?.to;
  const month = to ? reportedMonthOf(to) : { year: new Date().getFullYear(), month: new Date().getMonth() + 1 };
  return { dir: join(options.out, 'mail'), line: writeLetters(region, options.out, month) };
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

/** A value typed into the regional «Настройки», as a methodist would. */
function typeSetting(region: LocalWorkbook, key: string, value: string): void {
  const sheet = region.spreadsheet.getSheetByName(SHEETS.settings.name)!;
  const keys = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => String(r[0]));
  sheet.getRange(keys.indexOf(key) + 1, 2).setValue(value);
}

export async function runRegion(options: RegionOptions, say: (line: string) => void): Promise<RegionOutputs> {
  if (!options.municipal.length) throw new InputError('Укажите папки муниципалитетов: --municipal DIR1 DIR2 …');
  const { outputs, unread } = await readFolders(options.municipal, say);
  const region = openLocalWorkbook();
  region.spreadsheet.rename(options.region ? `Маршрут — ${options.region}` : 'Маршрут — региональная сводка');
  region.menu('menuSetupRegionalWorkbook');
  if (options.preset) typeSetting(region, SETTING.preset, options.preset);
  if (options.region) typeSetting(region, REGION_SETTING.region, options.region);
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
  writeFileSync(json, JSON.stringify(regionJson(report, folders, unread), null, 2));
  // The regional workbook's own «Дашборд…» dialog: the region's totals and each municipality, aggregates only.
  const dashboard = writeDashboardHtml(options.out, region);
  const mail = ministryLetter(region, options, report);
  say(mail.line);
  return { report, unread, xlsx, json, dashboard, mail: mail.dir };
}

/**
 * Each folder once (the same folder given twice is one workbook, as one link pasted twice is); a folder whose
 * workbook.xlsx is missing or broken is left out with the reason, and the others are summed.
 */
async function readFolders(
  dirs: readonly string[],
  say: (line: string) => void,
): Promise<{ outputs: MunicipalOutput[]; unread: UnreadFolder[] }> {
  const outputs: MunicipalOutput[] = [];
  const unread: UnreadFolder[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const key = existsSync(dir) ? realpathSync(dir) : resolve(dir);
    if (seen.has(key)) {
      say(`Папка ${dir} указана повторно: книга муниципалитета входит в сводку один раз.`);
      continue;
    }
    seen.add(key);
    try {
      outputs.push(await readMunicipalOutput(dir));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unread.push({ folder: key, reason: error.message });
      say(`Не вошла в сводку: ${error.message}`);
    }
  }
  if (!outputs.length) throw new InputError('Ни одна из папок не прочитана — сводить нечего. Причины выше.');
  return { outputs, unread };
}

/** region.json: the RegionReport, each municipality with the folder it came from, and the folders not read. */
export function regionJson(report: RegionReport, folders: ReadonlyMap<string, string>, unread: readonly UnreadFolder[]) {
  return {
    ...report,
    municipalities: report.municipalities.map((m) => ({ ...m, folder: folders.get(m.workbook) ?? null })),
    byMunicipality: report.byMunicipality.map((m) => ({ ...m, folder: folders.get(m.workbook) ?? null })),
    unreadFolders: unread,
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
