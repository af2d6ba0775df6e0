// The intake queue over Google's response sheets and the document properties (see core/intake/queue.ts).
// A response sheet's rows past its watermark are waiting. An edited response rewrites a row above it, which only a
// mark says: a form-submit trigger marks its row when a drain has already read that far («read up to», recorded by
// the drain before it reads) — an edit, or a row a running drain may have read before the edit. New rows need no
// mark, so a burst of 10,000 answers leaves no 10,000 properties to delete one call each. Marks are one property
// each, set in one call and never rewritten, so two triggers never race on a shared value.
import type { Cell } from '../core/ports';
import type { Batch, ResponseQueuePort, WaitingRow, WaitingSheet } from '../core/intake/queue';
import { FORM_IDS, type FormId } from '../core/schema/forms';
import type { FormRegistry } from './forms';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

const MARK = 'marshrut.q.';
const WATERMARK = 'marshrut.wm.';
const READ_UP_TO = 'marshrut.read.';
/** Rows of a response sheet moved to the archive so far (responseArchive.ts): a row's response id counts them. */
const ARCHIVED = 'marshrut.archived.';
/**
 * A move to the archive counted (ARCHIVED, the watermark moved up) whose rows may still be on the response sheet:
 * the archive's rows are deleted right after, and a stop in between (the time limit) leaves this for the next
 * drain, archive or rebuild to finish. The value: the rows and the note put on the last of them before the move.
 */
const STOPPED_MOVE = 'marshrut.archiveMove.';

const watermarkKey = (sheetId: number) => `${WATERMARK}${sheetId}`;
const readUpToKey = (sheetId: number) => `${READ_UP_TO}${sheetId}`;
const archivedKey = (sheetId: number) => `${ARCHIVED}${sheetId}`;
const stoppedMoveKey = (sheetId: number) => `${STOPPED_MOVE}${sheetId}`;

/** Rows archived above a response sheet's row 2: its rows' response ids are the rows they had before the move. */
export const archivedRows = (stored: Record<string, string>, sheetId: number): number => Number(stored[archivedKey(sheetId)] ?? 0) || 0;

/** A response sheet's queue state, in rows: what a drain has processed and what waits for it. */
export interface SheetQueueState {
  /** Rows 2…watermark are processed, unless marked. */
  readonly watermark: number;
  /** Rows with an edit waiting (marks), ascending. */
  readonly marked: readonly number[];
  readonly archived: number;
}

export function sheetQueueState(stored: Record<string, string>, sheetId: number): SheetQueueState {
  const prefix = `${MARK}${sheetId}.`;
  const marked = Object.keys(stored)
    .filter((k) => k.startsWith(prefix))
    .map((k) => Number(k.slice(prefix.length).split('.')[0]))
    .sort((a, b) => a - b);
  return { watermark: Math.max(Number(stored[watermarkKey(sheetId)] ?? 1) || 1, 1), marked, archived: archivedRows(stored, sheetId) };
}

/** The rows 2…rows+1 of a response sheet that are archived, and the note their last row carries until they go. */
interface ArchiveMove {
  readonly rows: number;
  readonly marker: string;
}

/**
 * The properties after rows 2…moved+1 of a response sheet left for the archive: the rows below move up, so the
 * watermark, «read up to» and every mark move up with them, and the archived count grows (response ids unchanged).
 * Set in one call with the move itself, until the rows are deleted (see propertiesAfterStoppedMoves).
 */
export function afterArchive(
  stored: Record<string, string>,
  sheetId: number,
  move: ArchiveMove,
): { readonly set: Record<string, string>; readonly drop: readonly string[] } {
  const moved = move.rows;
  const set: Record<string, string> = {
    [stoppedMoveKey(sheetId)]: JSON.stringify(move),
    [archivedKey(sheetId)]: String(archivedRows(stored, sheetId) + moved),
    [watermarkKey(sheetId)]: String(Math.max(Number(stored[watermarkKey(sheetId)] ?? 1) - moved, 1)),
  };
  if (stored[readUpToKey(sheetId)]) set[readUpToKey(sheetId)] = String(Math.max(Number(stored[readUpToKey(sheetId)]) - moved, 1));
  const prefix = `${MARK}${sheetId}.`;
  const drop = Object.keys(stored).filter((k) => k.startsWith(prefix));
  for (const key of drop) {
    const [row, nonce] = key.slice(prefix.length).split('.');
    set[markKey(sheetId, Number(row) - moved, nonce ?? '')] = '';
  }
  return { set, drop };
}

/**
 * Deletes the archived rows 2…rows+1 of a response sheet and then forgets the move. The note put on the last of
 * them says whether a stopped run deleted them already: a deleted row takes its note with it (Sheets moves notes
 * with their cells), and the rows below carry none.
 */
export function finishMove(sheet: Sheet, props: Properties, move: ArchiveMove): void {
  if (stillThere(sheet, move)) deleteDataRows(sheet, move.rows);
  props.deleteProperty(stoppedMoveKey(sheet.getSheetId()));
}

const stillThere = (sheet: Sheet, move: ArchiveMove) =>
  sheet.getMaxRows() > move.rows && sheet.getRange(move.rows + 1, 1).getNote() === move.marker;

/**
 * The document properties once the moves a stopped archive left are finished — run under the script lock, before a
 * response sheet's rows are read. Finishing a move only deletes rows and its own property (the counts and the
 * watermark were saved with it), so the properties are read once.
 */
export function propertiesAfterStoppedMoves(spreadsheet: Spreadsheet, props: Properties): Record<string, string> {
  const stored = props.getProperties();
  const keys = Object.keys(stored).filter((k) => k.startsWith(STOPPED_MOVE));
  if (!keys.length) return stored;
  const sheets = new Map(spreadsheet.getSheets().map((s) => [s.getSheetId(), s]));
  for (const key of keys) {
    const sheet = sheets.get(Number(key.slice(STOPPED_MOVE.length)));
    if (sheet) finishMove(sheet, props, JSON.parse(stored[key]!) as ArchiveMove);
    else props.deleteProperty(key);
    delete stored[key];
  }
  return stored;
}

/**
 * Where a row a form-submit trigger was given will be once a stopped move is finished (the mark is kept in those
 * rows); null for a row of the move itself, whose answer is in the archive already.
 */
export function rowAfterStoppedMove(stored: Record<string, string>, sheet: Sheet, row: number): number | null {
  const raw = stored[stoppedMoveKey(sheet.getSheetId())];
  if (!raw) return row;
  const move = JSON.parse(raw) as ArchiveMove;
  if (!stillThere(sheet, move)) return row;
  return row > move.rows + 1 ? row - move.rows : null;
}

/** Deletes rows 2…count+1 (the grid shrinks); Sheets keeps one row below a frozen header, so one is added first. */
export function deleteDataRows(sheet: Sheet, count: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows <= count + 1) sheet.insertRowsAfter(maxRows, 1);
  sheet.deleteRows(2, count);
}

/** The mark a form-submit trigger leaves for its row: unique per event, so an edit after a drain is never lost. */
export const markKey = (sheetId: number, row: number, nonce: string): string => `${MARK}${sheetId}.${row}.${nonce}`;

/** Whether a trigger's row needs a mark: a drain has read (or is reading) that far in its sheet. */
export const needsMark = (stored: Record<string, string>, sheetId: number, row: number): boolean =>
  row <= Math.max(Number(stored[readUpToKey(sheetId)] ?? 0), Number(stored[watermarkKey(sheetId)] ?? 0));

interface Settlement {
  readonly watermarks: Record<string, string>;
  readonly marks: readonly string[];
}

export class SheetsResponseQueue implements ResponseQueuePort {
  private readonly settlements = new WeakMap<Batch, Settlement>();

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly registry: FormRegistry,
    private readonly props: Properties = PropertiesService.getDocumentProperties(),
  ) {}

  take(limit: number): Batch {
    const stored = propertiesAfterStoppedMoves(this.spreadsheet, this.props);
    const markedRows = new Map<string, Set<number>>();
    const marks = Object.keys(stored).filter((k) => k.startsWith(MARK));
    for (const key of marks) {
      const [sheetId, row] = key.slice(MARK.length).split('.');
      const rows = markedRows.get(sheetId!) ?? new Set<number>();
      rows.add(Number(row));
      markedRows.set(sheetId!, rows);
    }
    const sheets: WaitingSheet[] = [];
    const watermarks: Record<string, string> = {};
    let room = limit;
    let more = false;
    // What to read, per sheet — the journal first: an answer about an event waits for the event.
    const plans: { form: FormId; sheet: Sheet; sheetId: number; watermark: number; fresh: number; edited: number[]; width: number }[] = [];
    for (const form of ['events', ...FORM_IDS.filter((f) => f !== 'events')] as FormId[]) {
      const entry = this.registry.get(form);
      const sheet = entry && this.spreadsheet.getSheetByName(entry.sheetName);
      if (!sheet) continue;
      const sheetId = sheet.getSheetId();
      const last = sheet.getLastRow();
      const watermark = Math.min(Math.max(Number(stored[watermarkKey(sheetId)] ?? 1) || 1, 1), last);
      const fresh = Math.max(Math.min(last - watermark, room), 0);
      const edited = [...(markedRows.get(String(sheetId)) ?? [])].filter((r) => r > 1 && r <= watermark).sort((a, b) => a - b);
      if (last - watermark > fresh) more = true;
      room -= fresh;
      if (fresh || edited.length) plans.push({ form, sheet, sheetId, watermark, fresh, edited, width: Math.max(sheet.getLastColumn(), 1) });
    }
    // Said before reading: an answer edited from now on in what is read gets a mark (see needsMark).
    const reading = plans.filter((p) => p.fresh);
    if (reading.length)
      this.props.setProperties(Object.fromEntries(reading.map((p) => [readUpToKey(p.sheetId), String(p.watermark + p.fresh)])));
    for (const { form, sheet, sheetId, watermark, fresh, edited, width } of plans) {
      const header = sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
      const rows = [...readRuns(sheet, edited, width), ...readRows(sheet, watermark + 1, fresh, width)].filter((r) =>
        r.cells.some((c) => c !== ''),
      );
      sheets.push({ form, sheetKey: String(sheetId), header: header.map(String), rows, archived: archivedRows(stored, sheetId) });
      watermarks[watermarkKey(sheetId)] = String(watermark + fresh);
    }
    const batch: Batch = { sheets, more };
    this.settlements.set(batch, { watermarks, marks });
    return batch;
  }

  settle(batch: Batch): void {
    const settlement = this.settlements.get(batch);
    if (!settlement) return;
    // Watermarks first: a mark dropped before its row is past the watermark could lose an edit.
    if (Object.keys(settlement.watermarks).length) this.props.setProperties(settlement.watermarks);
    for (const key of settlement.marks) this.props.deleteProperty(key);
  }

  /** After a rebuild replayed every response: all rows count as processed, and no mark is left. */
  settleAll(): void {
    const stored = this.props.getProperties();
    const watermarks: Record<string, string> = {};
    for (const { sheetName } of this.registry.values()) {
      const sheet = this.spreadsheet.getSheetByName(sheetName);
      if (sheet) watermarks[watermarkKey(sheet.getSheetId())] = String(Math.max(sheet.getLastRow(), 1));
    }
    this.props.setProperties(watermarks);
    for (const key of Object.keys(stored)) if (key.startsWith(MARK)) this.props.deleteProperty(key);
  }
}

function readRows(sheet: Sheet, from: number, count: number, width: number): WaitingRow[] {
  if (count <= 0) return [];
  return (sheet.getRange(from, 1, count, width).getValues() as Cell[][]).map((cells, i) => ({ row: from + i, cells }));
}

/** Marked rows, one read per run of adjacent rows. */
function readRuns(sheet: Sheet, rows: readonly number[], width: number): WaitingRow[] {
  const out: WaitingRow[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(...readRows(sheet, rows[i]!, j - i + 1, width));
    i = j + 1;
  }
  return out;
}
