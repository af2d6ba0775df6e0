import ExcelJS from 'exceljs';
import { isDate } from './fakes/realm';
import { colToLetters } from './fakes/spreadsheet/a1';
import type { FakeRange } from './fakes/spreadsheet/range';
import type { FakeSheet } from './fakes/spreadsheet/sheet';
import type { FakeSpreadsheet } from './fakes/spreadsheet/spreadsheet';
import { validationData } from './fakes/spreadsheet/validation';
import { unwrap } from './fakes/strict';
import { formatDate } from './fakes/utilities';

/** Excel's inline list (`"a,b,c"`) is limited to 255 characters; longer lists go to a hidden sheet. */
const INLINE_LIST_LIMIT = 255;
const LISTS_SHEET = '_lists';

/**
 * Writes the fake spreadsheet as an .xlsx: values (dates as dates, formulas as formulas), hidden sheets,
 * frozen rows, column widths, list dropdowns, bold cells and notes; a titled table in the place of each chart.
 */
export async function exportWorkbookXlsx(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, path: string): Promise<void> {
  const wb = await buildWorkbook(spreadsheet);
  await wb.xlsx.writeFile(path);
}

export async function buildWorkbook(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Promise<ExcelJS.Workbook> {
  const ss = unwrap<FakeSpreadsheet>(spreadsheet);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Маршрут';
  const tz = ss.timeZone;
  const names = new Map<FakeSheet, string>();
  for (const s of ss.sheets) names.set(s, excelSheetName(s.name, [...names.values()]));

  let lists: ExcelJS.Worksheet | null = null;
  let listCol = 0;
  const listCache = new Map<string, string>();
  const listRef = (values: string[]): string => {
    const key = JSON.stringify(values);
    let ref = listCache.get(key);
    if (!ref) {
      lists ??= wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      listCol += 1;
      values.forEach((v, i) => { lists!.getCell(i + 1, listCol).value = v; });
      const L = colToLetters(listCol);
      ref = `${LISTS_SHEET}!$${L}$1:$${L}$${Math.max(1, values.length)}`;
      listCache.set(key, ref);
    }
    return ref;
  };

  // Create all worksheets first so the lazily added `_lists` sheet ends up last.
  const sheets = ss.sheets.map((sheet) => ({ sheet, ws: wb.addWorksheet(names.get(sheet)!, {
    state: sheet.hidden ? 'hidden' : 'visible',
    views: sheet.frozenRows || sheet.frozenCols
      ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols }]
      : [],
  }) }));
  for (const { sheet, ws } of sheets) {
    for (const [col, px] of sheet.columnWidths) ws.getColumn(col).width = Math.round((px / 7) * 100) / 100;

    sheet.rows.forEach((line, r) => {
      line?.forEach((c, ci) => {
        if (!c) return;
        const cell = ws.getCell(r + 1, ci + 1);
        if (c.f) cell.value = { formula: c.f.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
        else if (isDate(c.v)) {
          cell.value = wallClockAsUtc(c.v, tz);
          cell.numFmt = toExcelFormat(c.nf) ?? (formatDate(c.v, tz, 'HH:mm:ss') === '00:00:00' ? 'dd.mm.yyyy' : 'dd.mm.yyyy hh:mm:ss');
        } else if (typeof c.v === 'number' && !Number.isFinite(c.v)) {
          cell.value = { error: '#NUM!' }; // never «Infinity»: Excel and Sheets hold finite numbers only
        } else if (c.v !== '') cell.value = c.v as string | number | boolean;
        if (c.nf && !isDate(c.v)) { const f = toExcelFormat(c.nf); if (f) cell.numFmt = f; }
        const font: Partial<ExcelJS.Font> = {
          ...(c.fw === 'bold' ? { bold: true } : {}),
          ...(c.fs === 'italic' ? { italic: true } : {}),
          ...(c.fc && /^#[0-9a-f]{6}$/i.test(c.fc) ? { color: { argb: `FF${c.fc.slice(1).toUpperCase()}` } } : {}),
        };
        if (Object.keys(font).length) cell.font = font;
        if (c.note) cell.note = c.note;
        if (c.wrap) cell.alignment = { ...(cell.alignment ?? {}), wrapText: true };
        if (c.bg && /^#[0-9a-f]{6}$/i.test(c.bg) && c.bg.toLowerCase() !== '#ffffff') {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${c.bg.slice(1).toUpperCase()}` } };
        }
        if (c.dv) {
          const d = validationData(c.dv);
          if (d.criteria === 'VALUE_IN_LIST') {
            const values = (d.values[0] as unknown[]).map(String);
            const inline = `"${values.join(',')}"`;
            const useInline = inline.length <= INLINE_LIST_LIMIT && !values.some((v) => v.includes(',') || v.includes('"'));
            cell.dataValidation = {
              type: 'list', allowBlank: true, showErrorMessage: !d.allowInvalid,
              formulae: [useInline ? inline : listRef(values)],
              ...(d.helpText ? { showInputMessage: true, prompt: d.helpText } : {}),
            };
          } else if (d.criteria === 'VALUE_IN_RANGE') {
            const src = unwrap<FakeRange>(d.values[0]);
            const sn = names.get(src.sheet) ?? src.sheet.name;
            const a = `$${colToLetters(src.ref.col)}$${src.ref.row}:$${colToLetters(src.ref.col + src.ref.numCols - 1)}$${src.ref.row + src.ref.numRows - 1}`;
            cell.dataValidation = { type: 'list', allowBlank: true, showErrorMessage: !d.allowInvalid, formulae: [`'${sn.replace(/'/g, "''")}'!${a}`] };
          }
        }
      });
    });
    writeChartTables(sheet, ws, tz);
  }
  return wb;
}

/**
 * exceljs cannot write charts: in each chart's place (its anchor cell), its title and the table it draws — the values
 * of its first data range — so the file still shows what the chart says. Cells that hold data are left as they are.
 */
function writeChartTables(sheet: FakeSheet, ws: ExcelJS.Worksheet, tz: string): void {
  for (const chart of sheet.chartList()) {
    const [range] = chart.ranges;
    const at = chart.position ?? { row: 1, col: 1 };
    const put = (row: number, col: number, value: unknown) => {
      const cell = ws.getCell(row, col);
      if (cell.value !== null && cell.value !== '') return null;
      cell.value = isDate(value) ? wallClockAsUtc(value, tz) : (value as string | number | boolean);
      return cell;
    };
    const title = put(at.row, at.col, `Диаграмма «${String(chart.options.title ?? '')}»`);
    if (title) title.font = { bold: true };
    const values = range ? unwrap<FakeRange>(range).getValues() : [];
    values.forEach((line, r) => line.forEach((v, k) => {
      const cell = v === '' ? null : put(at.row + 1 + r, at.col + k, v);
      if (cell && r === 0) cell.font = { bold: true };
    }));
  }
}

/** exceljs stores Dates as UTC; shift so Excel shows the spreadsheet's local wall-clock time. */
function wallClockAsUtc(d: Date, tz: string): Date {
  const s = formatDate(d, tz, 'yyyy-MM-dd HH:mm:ss');
  const [date, time] = s.split(' ');
  const [y, m, day] = date!.split('-').map(Number);
  const [h, mi, sec] = time!.split(':').map(Number);
  return new Date(Date.UTC(y!, m! - 1, day!, h!, mi!, sec!));
}

/** Google date patterns use MM for month like Excel; only minutes need care, which Excel infers. */
function toExcelFormat(nf: string | undefined): string | undefined {
  if (!nf || nf === 'General') return undefined;
  return nf.replace(/M/g, 'm');
}

function excelSheetName(name: string, taken: string[]): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let k = 2;
  while (taken.includes(n) || n === LISTS_SHEET) n = `${n.slice(0, 28)}~${k++}`;
  return n;
}
