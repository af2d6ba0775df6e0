// «Маршрут → Перенести обработанные ответы в архив…» (issue 17): the forms' response sheets only grow, and each
// answer is held there and again in a register. Rows a drain has processed move to one archive spreadsheet, created
// once (its id in a document property), one sheet per response sheet; the response sheet loses them and the
// workbook's cells come back. Nothing is lost: the rows are written to the archive in one call, read back and
// compared in one more, and only then deleted from the response sheet, all under the script lock. A rebuild replays
// the archive's rows and then the response sheets' (`archivedSubmissions`), with the same response ids: a moved
// row's id is the row it had when sent (responseQueue.ts counts the archived rows per sheet).
import type { Cell, Clock } from '../core/ports';
import { AuditTrail } from '../core/intake/audit';
import { waitingSubmissions } from '../core/intake/queue';
import type { NumberedSubmission } from '../core/intake/service';
import { setSetting, SETTING } from '../core/settings';
import { sameCell } from '../core/table';
import { formatCount } from '../core/text';
import type { FormRegistry } from './forms';
import { afterArchive, sheetQueueState } from './responseQueue';
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

function readRecord(props: GoogleAppsScript.Properties.Properties): ArchiveRecord | null {
  const raw = props.getProperty(ARCHIVE_PROPERTY);
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
    const stored = props.getProperties();
    let record = readRecord(props);
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
      }
      const target = archiveSheet(archive, record!, sheetId, sheetName);
      record = { ...record!, sheets: { ...record!.sheets, [sheetId]: target.getSheetId() } };
      appendVerified(target, header, rows);
      // Said before the rows go: a stop between the two calls replays answers (idempotent), it never skips one.
      const { set, drop } = afterArchive(stored, sheetId, rows.length);
      props.setProperties({ ...set, [ARCHIVE_PROPERTY]: JSON.stringify(record) });
      for (const key of drop) if (!(key in set)) props.deleteProperty(key);
      deleteDataRows(sheet, rows.length);
      moved.set(sheetName, rows.length);
    });
    const rowCount = [...moved.values()].reduce((a, b) => a + b, 0);
    if (rowCount) {
      const workbook = snapshotOf(spreadsheet);
      setSetting(workbook.table('settings'), SETTING.responseArchive, archive!.getUrl());
      new AuditTrail(workbook, clock, actor).record(
        'Ответы форм перенесены в архив',
        'Листы ответов форм',
        archive!.getUrl(),
        'Перенесено ответов',
        '',
        rowCount,
      );
      recordWorkbookCells(spreadsheet, workbook, clock.now());
      workbook.flush();
      cellsFreed = cellsBefore - measureCells(spreadsheet);
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
  const unused = Object.keys(record.sheets).length === 0 ? sheets[0] : undefined;
  const sheet = unused ? unused.setName(name) : archive.insertSheet(name);
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Appends rows below what the archive sheet holds (the header rewritten: a question added since has its column), in
 * one write, then reads them back in one call: anything different stops the move before the response sheet changes.
 */
function appendVerified(target: Sheet, header: readonly Cell[], rows: readonly (readonly Cell[])[]): void {
  const width = header.length;
  const from = Math.max(target.getLastRow(), 1) + 1;
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

/** Deletes rows 2…count+1 (the grid shrinks); Sheets keeps one row below a frozen header, so one is added first. */
function deleteDataRows(sheet: Sheet, count: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows <= count + 1) sheet.insertRowsAfter(maxRows, 1);
  sheet.deleteRows(2, count);
}

/**
 * The archived answers of each response sheet, for a rebuild: one read of each archive sheet. Their response ids
 * are those the rows had in the response sheet, so the replay gives the registers they gave.
 */
export function archivedSubmissions(spreadsheet: Spreadsheet, registry: FormRegistry, receivedAt: Date): NumberedSubmission[] {
  const record = readRecord(PropertiesService.getDocumentProperties());
  if (!record) return [];
  const archive = openArchive(record);
  const sheets = new Map(archive.getSheets().map((s) => [s.getSheetId(), s]));
  const items: NumberedSubmission[] = [];
  for (const [form, { sheetName }] of registry) {
    const live = spreadsheet.getSheetByName(sheetName);
    const target = live && sheets.get(record.sheets[live.getSheetId()] ?? -1);
    if (!target) continue;
    const [header = [], ...rows] = target.getDataRange().getValues() as Cell[][];
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
