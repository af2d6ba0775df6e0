// A regional workbook and municipal workbooks in one local runtime, all driven through the built bundle: each
// municipal workbook is set up, loaded and recomputed by the add-on itself (active in turn, as it would be open in
// its own browser tab), and the regional one reads them with SpreadsheetApp.openById.
import type { Cell } from '../../src/core/ports';
import { SHEETS, type SheetId } from '../../src/core/schema/sheets';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { openBuiltWorkbook, ORGS_CSV, STAFF_CSV } from './e2eBuild';
import { withoutNotice } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REGION_YEAR = 2025;

/** «Настроить региональную книгу» on a new spreadsheet, by its owner. */
export function openRegionalWorkbook(options: { user?: string; now?: () => Date } = {}): LocalWorkbook {
  const region = openBuiltWorkbook(options);
  region.spreadsheet.rename('Регион');
  region.menu('menuSetupRegionalWorkbook');
  return region;
}

export interface MunicipalSetup {
  readonly orgs?: string;
  readonly staff?: string;
  /** null: the preset is not loaded. */
  readonly preset?: string | null;
  readonly recompute?: boolean;
  readonly scope?: string;
}

/**
 * The roster of a municipal workbook in the region: Орлова is also a «Региональный методист», so klin 4 (seed 000
 * L486, «за 1 региональным методистом») has a denominator to sum.
 */
export const REGION_STAFF_CSV = STAFF_CSV.replace('orlova@klin.example,Методист,', 'orlova@klin.example,Методист; Региональный методист,');

/** A municipal workbook made by the add-on in the region's runtime; the region stays the active workbook. */
export function addMunicipality(region: LocalWorkbook, name: string, setup: MunicipalSetup = {}): Spreadsheet {
  const rt = region.runtime;
  const spreadsheet = rt.spreadsheets.create(name);
  rt.spreadsheets.setActive(spreadsheet);
  try {
    region.menu('menuSetupWorkbook');
    region.rpc('rpcImportReference', { sheet: 'organizations', csvText: setup.orgs ?? ORGS_CSV });
    region.rpc('rpcImportReference', { sheet: 'staff', csvText: setup.staff ?? REGION_STAFF_CSV });
    const preset = setup.preset === undefined ? 'klin' : setup.preset;
    if (preset !== null) region.rpc('rpcKpiLoadPreset', { preset, mode: 'keep' });
    if (preset !== null && setup.recompute !== false)
      region.rpc('rpcKpiRecompute', { year: REGION_YEAR, ...(setup.scope ? { scope: setup.scope } : {}) });
  } finally {
    rt.spreadsheets.setActive(region.spreadsheet);
  }
  return spreadsheet;
}

/** A sheet of any spreadsheet as objects keyed by header (set-up's notice dropped). */
export function recordsOf(spreadsheet: Spreadsheet, id: SheetId): Record<string, Cell>[] {
  const sheet = spreadsheet.getSheetByName(SHEETS[id].name);
  if (!sheet) throw new Error(`Нет листа «${SHEETS[id].name}»`);
  const [header = [], ...rows] = withoutNotice(sheet.getDataRange().getValues()) as Cell[][];
  return rows.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]!])));
}

/** Links (or anything) typed into «Муниципалитеты» under what is there, as a methodist pastes them. */
export function pasteLinks(region: LocalWorkbook, links: readonly string[]): void {
  const sheet = region.spreadsheet.getSheetByName(SHEETS.municipalities.name)!;
  const first = recordsOf(region.spreadsheet, 'municipalities').length + 2;
  sheet.getRange(first, 1, links.length, 1).setValues(links.map((l) => [l]));
}
