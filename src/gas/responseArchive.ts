// «Маршрут → Перенести обработанные ответы в архив…» (issue 17): the forms' response sheets only grow, and each
// answer is held there and again in a register. Rows a drain has processed move to one archive spreadsheet, created
// once (its id in a document property), one sheet per response sheet; the response sheet loses them and the
// workbook's cells come back. Nothing is lost: the rows are written to the archive in one call, read back and
// compared in one more, and only then deleted from the response sheet, all under the script lock. A rebuild replays
// the archive's rows and then the response sheets' (`archivedSubmissions`), with the same response ids: a moved
// row's id is the row it had when sent (responseQueue.ts counts the archived rows per sheet).
// Google may stop the run at any call (the time limit): the archive sheet is written from the count of rows moved
// so far (what a stopped run wrote past it is overwritten), and the rows counted as moved but not yet deleted are
// deleted by the next drain, archive or rebuild (responseQueue.ts: propertiesAfterStoppedMoves).
import type { Cell, Clock } from '../core/ports';
import { AuditTrail } from '../core/intake/audit';
import { waitingSubmissions } from '../core/intake/queue';
import type { NumberedSubmission } from '../core/intake/service';
import { readSettings, setSetting, SETTING } from '../core/settings';
import { sameCell } from '../core/table';
import { formatCount } from '../core/text';
import type { FormRegistry } from './forms';
import { afterArchive, archivedRows, finishMove, propertiesAfterStoppedMoves, sheetQueueState } from './responseQueue';
import { scriptLock } from './services';
import { toSheetValue } from './sheetValues';
import { measureCells, recordWorkbookCells } from './workbookHealth';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property: the archive's spreadsheet id and, per response sheet id, its archive sheet's id. */
const ARCHIVE_PROPERTY = 'marshrut.responseArchive';

interface ArchiveRecord {
  readonly id: string;
  readonly sheets: Record<string, number>;
}

export interface ResponseArchiveResult {
  /** Rows moved, per response sheet name (only sheets that gave rows). */
  readonly moved: ReadonlyMap<string, number>;
  readonly rows: number;
  /** Cells the workbook no longer holds, measured before and after (the deleted rows less what the audit row took). */
  readonly cellsFreed: number;
  /** Answers left in the response sheets because a drain has not processed them yet. */
  readonly waiting: number;
  readonly url: string | null;
}

function readRecord(stored: Record<string, string>): ArchiveRecord | null {
  const raw = stored[ARCHIVE_PROPERTY];
  return raw ? (JSON.parse(raw) as ArchiveRecord) : null;
}

function openArchive(record: ArchiveRecord): Spreadsheet {
  try {
    return SpreadsheetApp.openById(record.id);
  } catch (e) {
    throw new Error(
      `Архив ответов (таблица ${record.id}) не открывается: ${e instanceof Error ? e.message : String(e)}. ` +
        'Восстановите его из корзины Google Диска или попросите владельца открыть к нему доступ, затем повторите команду.',
    );
  }
}

/**
 * Moves every processed row of the forms' response sheets to the archive; rows still waiting stay. `progress` hears
 * of each sheet before its rows move (at 100k answers a move takes minutes: the methodist sees it go on).
 */
export function archiveResponses(
  spreadsheet: Spreadsheet,
  registry: FormRegistry,
  actor: string,
  clock: Clock,
  progress: (text: string) => void = () => {},
): ResponseArchiveResult {
  return scriptLock.withLock(() => {
    const props = PropertiesService.getDocumentProperties();
    const stored = propertiesAfterStoppedMoves(spreadsheet, props);
    let record = readRecord(stored);
    let archive = record && openArchive(record);
    const moved = new Map<string, number>();
    const cellsBefore = measureCells(spreadsheet);
    let cellsFreed = 0;
    let waiting = 0;
    const forms = [...registry.values()];
    forms.forEach(({ sheetName }, index) => {
      const sheet = spreadsheet.getSheetByName(sheetName);
      if (!sheet) return;
      const sheetId = sheet.getSheetId();
      const lastRow = sheet.getLastRow();
      const state = sheetQueueState(stored, sheetId);
      // Rows 2…last are processed: below the watermark, and above the first row with an edit waiting.
      const last = Math.min(state.watermark, lastRow, (state.marked[0] ?? Infinity) - 1);
      waiting += Math.max(lastRow - last, 0);
      if (last < 2) return;
      progress(`Переношу в архив «${sheetName}»: ответов ${formatCount(last - 1)} (лист ${index + 1} из ${forms.length})…`);
      const width = Math.max(sheet.getLastColumn(), 1);
      const [header = [], ...rows] = sheet.getRange(1, 1, last, width).getValues() as Cell[][];
      if (!archive) {
        archive = SpreadsheetApp.create(`${spreadsheet.getName()} — архив ответов форм`);
        record = { id: archive.getId(), sheets: {} };
        props.setProperty(ARCHIVE_PROPERTY, JSON.stringify(record)); // a stop from here on reuses it
      }
      const target = archiveSheet(archive, record!, sheetId, sheetName);
      record = { ...record!, sheets: { ...record!.sheets, [sheetId]: target.getSheetId() } };
      writeVerified(target, header, rows, archivedRows(stored, sheetId));
      // The last row moved is noted, and the move counted with it in one call, before the rows go (finishMove).
      const move = { rows: rows.length, marker: `«Маршрут»: строки 2–${last} перенесены в архив ответов ${clock.now().toISOString()}` };
      sheet.getRange(last, 1).setNote(move.marker);
      const { set, drop } = afterArchive(stored, sheetId, move);
      props.setProperties({ ...set, [ARCHIVE_PROPERTY]: JSON.stringify(record) });
      for (const key of drop) if (!(key in set)) props.deleteProperty(key);
      finishMove(sheet, props, move);
      moved.set(sheetName, rows.length);
    });
    const rowCount = [...moved.values()].reduce((a, b) => a + b, 0);
    if (archive) {
      const workbook = snapshotOf(spreadsheet);
      const settings = workbook.table('settings');
      // Written again by a run with nothing to move when the one before it was stopped before this point.
      if (readSettings(settings).get(SETTING.responseArchive) !== archive.getUrl())
        setSetting(settings, SETTING.responseArchive, archive.getUrl());
      if (rowCount) {
        new AuditTrail(workbook, clock, actor).record(
          'Ответы форм перенесены в архив',
          'Листы ответов форм',
          archive.getUrl(),
          'Перенесено ответов',
          '',
          rowCount,
        );
        recordWorkbookCells(spreadsheet, workbook, clock.now());
      }
      workbook.flush();
      if (rowCount) cellsFreed = cellsBefore - measureCells(spreadsheet);
    }
    return { moved, rows: rowCount, cellsFreed, waiting, url: archive ? archive.getUrl() : null };
  });
}

/** The response sheet's sheet in the archive (made on its first move; the archive's first sheet is reused). */
function archiveSheet(archive: Spreadsheet, record: ArchiveRecord, sheetId: number, name: string): Sheet {
  const known = record.sheets[sheetId];
  const sheets = archive.getSheets();
  const found = known === undefined ? undefined : sheets.find((s) => s.getSheetId() === known);
  if (found) return found;
  if (known !== undefined) throw new Error(`В архиве ответов нет листа для «${name}»: его удалили. Восстановите архив из истории версий.`);
  const madeByStoppedRun = sheets.find((s) => s.getName() === name);
  if (madeByStoppedRun) return madeByStoppedRun;
  const unused = Object.keys(record.sheets).length === 0 ? sheets[0] : undefined;
  const sheet = unused ? unused.setName(name) : archive.insertSheet(name);
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Writes rows below the `archived` rows the archive sheet holds (the header rewritten: a question added since has its
 * column), in one write, then reads them back in one call: anything different stops the move before the response
 * sheet changes. Rows past them are what a stopped run wrote: they go.
 */
function writeVerified(target: Sheet, header: readonly Cell[], rows: readonly (readonly Cell[])[], archived: number): void {
  const width = header.length;
  const from = archived + 2;
  const leftover = target.getLastRow() - (from + rows.length - 1);
  if (leftover > 0) target.deleteRows(from + rows.length, leftover);
  const needRows = from + rows.length - 1 - target.getMaxRows();
  if (needRows > 0) target.insertRowsAfter(target.getMaxRows(), needRows);
  if (width > target.getMaxColumns()) target.insertColumnsAfter(target.getMaxColumns(), width - target.getMaxColumns());
  const values = [header, ...rows].map((row) => row.map((v) => toSheetValue(v, true)));
  if (from === 2) target.getRange(1, 1, values.length, width).setValues(values);
  else {
    target.getRange(1, 1, 1, width).setValues(values.slice(0, 1));
    target.getRange(from, 1, rows.length, width).setValues(values.slice(1));
  }
  const back = target.getRange(from, 1, rows.length, width).getValues() as Cell[][];
  const same = back.length === rows.length && rows.every((row, i) => row.every((v, j) => sameCell(back[i]![j]!, v)));
  if (!same) throw new Error(`Архив ответов записан не полностью (лист «${target.getName()}»); ответы не удалены. Повторите команду.`);
}

/**
 * The archived answers of each response sheet, for a rebuild: one read of each archive sheet. Their response ids
 * are those the rows had in the response sheet, so the replay gives the registers they gave.
 */
export function archivedSubmissions(
  spreadsheet: Spreadsheet,
  registry: FormRegistry,
  stored: Record<string, string>,
  receivedAt: Date,
): NumberedSubmission[] {
  const record = readRecord(stored);
  if (!record) return [];
  const archive = openArchive(record);
  const sheets = new Map(archive.getSheets().map((s) => [s.getSheetId(), s]));
  const items: NumberedSubmission[] = [];
  for (const [form, { sheetName }] of registry) {
    const live = spreadsheet.getSheetByName(sheetName);
    const target = live && sheets.get(record.sheets[live.getSheetId()] ?? -1);
    const archived = live ? archivedRows(stored, live.getSheetId()) : 0;
    if (!target || !archived) continue;
    // The rows counted as moved (a stopped run may have written more, the next move overwrites them).
    const [header = [], ...rows] = target.getRange(1, 1, archived + 1, Math.max(target.getLastColumn(), 1)).getValues() as Cell[][];
    const numbered = rows.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
    items.push(
      ...waitingSubmissions(
        { form, sheetKey: String(live.getSheetId()), header: header.map(String), rows: numbered },
        'Архив ответов',
        receivedAt,
      ),
    );
  }
  return items;
}
