// The XLSX export (`marshrut run`'s workbook.xlsx) beside its floor, in one process: the generated municipality is
// taken in through the bundle and recomputed, then the product's exportWorkbookXlsx and the floor — exceljs' own
// streaming writer writing the same cell values with nothing else (no styles, validations, notes) — each write the
// workbook in turn, alternately, so the machine's drift falls on both.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { generateMunicipality, writeMunicipality } from '../demo/municipality';
import { isDate } from '../fakes/realm';
import type { FakeSpreadsheet } from '../fakes/spreadsheet/spreadsheet';
import { unwrap } from '../fakes/strict';
import { importFolder } from '../importFolder';
import { recomputeIndicators } from '../kpiOutput';
import { openLocalWorkbook } from '../localWorkbook';
import { exportWorkbookXlsx, zipTurnDue } from '../xlsx';
import { goal, medianOf, startTimer, type Goal, type Timed } from './goals';

/** The floor: every sheet's cell values (formulas as formulas) through the streaming writer, nothing else. */
async function floorXlsx(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, path: string): Promise<void> {
  const ss = unwrap<FakeSpreadsheet>(spreadsheet);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  for (const [i, sheet] of ss.sheets.entries()) {
    const ws = wb.addWorksheet(`S${i + 1}`);
    const formulas = sheet.grid.layers.f;
    for (const [r, line] of sheet.grid.values.entries()) {
      if (!line) continue;
      const values = line.map((v, c) => {
        const f = formulas.get(r, c);
        return f ? { formula: f.slice(1) } : v === '' ? null : v;
      });
      ws.getRow(r + 1).values = values as ExcelJS.CellValue[];
      ws.getRow(r + 1).commit();
      if (zipTurnDue(r)) await turnOfTheLoop(); // as the product does: the zip compresses while rows render
    }
    await ws.commit();
  }
  await wb.commit();
}

/** `run` timed from a collected heap (the CPU figure, zlib's threads included, holds on a busy machine). */
const timed = async (run: () => Promise<void>) => {
  const elapsed = startTimer();
  await run();
  return elapsed();
};

export interface ExportFigures {
  lines: string[];
  goals: Goal[];
}

/** `runs` writes of each (BENCH_EXPORT_RUNS, default 3), product and floor alternately. */
export async function benchExport(staff: number, runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3)): Promise<ExportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'marshrut-bench-xlsx-'));
  try {
    writeMunicipality(join(dir, 'data'), generateMunicipality({ staff, organizations: Math.round(staff / 75), seed: 7 }));
    const workbook = openLocalWorkbook();
    workbook.menu('menuSetupWorkbook');
    importFolder(workbook, join(dir, 'data'), () => {});
    recomputeIndicators(workbook, {});
    const ss = unwrap<FakeSpreadsheet>(workbook.spreadsheet);
    let cells = 0;
    let dates = 0;
    for (const { grid } of ss.sheets)
      for (let r = 0; r < grid.height(); r++)
        for (let c = 0; c < grid.width(r); c++) {
          if (!grid.isEmpty(r, c)) cells++;
          if (isDate(grid.value(r, c))) dates++;
        }
    const product: Timed[] = [];
    const floor: Timed[] = [];
    for (let i = 0; i < runs; i++) {
      product.push(await timed(() => exportWorkbookXlsx(workbook.spreadsheet, join(dir, 'product.xlsx'))));
      floor.push(await timed(() => floorXlsx(workbook.spreadsheet, join(dir, 'floor.xlsx'))));
    }
    const { seconds: p, cpu: pc } = medianOf(product);
    const { seconds: f, cpu: fc } = medianOf(floor);
    const mb = (file: string) => (statSync(join(dir, file)).size / 1024 / 1024).toFixed(1);
    return {
      lines: [
        `Выгрузка XLSX при ${staff} педагогах: ${cells} непустых ячеек (дат ${dates}) на ${ss.sheets.length} листах`,
        `  exportWorkbookXlsx: ${p.toFixed(2)} с (${product.map((t) => t.seconds.toFixed(2)).join(', ')}), ${mb('product.xlsx')} МБ`,
        `  пол (потоковый writer exceljs, только значения): ${f.toFixed(2)} с (${floor.map((t) => t.seconds.toFixed(2)).join(', ')}), ${mb('floor.xlsx')} МБ`,
        `  процессорное время (медиана): выгрузка ${pc.toFixed(2)} с, пол ${fc.toFixed(2)} с, отношение ${(pc / fc).toFixed(2)}`,
      ],
      goals: [
        goal(
          `выгрузка XLSX / пол при ${staff} педагогах`,
          p / f,
          '≤ 1,3×',
          p / f <= 1.3,
          (x) => `${x.toFixed(2)}× (по процессору ${(pc / fc).toFixed(2)}×)`,
        ),
        goal(`выгрузка XLSX при ${staff} педагогах`, p, '≤ 10 с', p <= 10, (x) => `${x.toFixed(1)} с`),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
