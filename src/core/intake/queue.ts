// The intake queue (issue «Intake at Google scale»). Google's raw response sheets are the source of truth: a new
// answer waits below its sheet's watermark, a form-submit trigger only marks an edited row and schedules a drain
// (constant work, no register read), and whoever holds the script lock drains everything waiting in batches — one
// snapshot for the run, one read of each sheet it needs and one write per changed sheet per batch — until nothing
// waits or the time budget is spent; the next run resumes. What was processed is a watermark per response sheet plus
// the marks of edited rows, settled only after the batch's writes: an execution killed mid-batch leaves its rows
// waiting, and processing them again changes nothing (natural keys, response ids and source keys make every step
// idempotent).
import type { Cell, Clock } from '../ports';
import type { DynamicChoices, FormId } from '../schema/forms';
import { dynamicChoices } from '../formChoices';
import type { CsvTable } from '../csv/table';
import { formatDateTime, formatDay, isDate } from '../text';
import { emptyReport, IntakePipeline, tally, type IntakeReport } from './pipeline';
import { tableToSubmissions } from './responseRows';
import { orderByTime, type IntakeDeps, type NumberedSubmission } from './service';
import { Workbook } from '../workbook';

/** One response row waiting in a response sheet. */
export interface WaitingRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** The waiting rows of one form's response sheet, with the sheet's header. */
export interface WaitingSheet {
  readonly form: FormId;
  /** Stable id of the response sheet (its sheet id): part of every response id, so renaming it changes nothing. */
  readonly sheetKey: string;
  readonly header: readonly string[];
  readonly rows: readonly WaitingRow[];
  /**
   * Rows moved from above the sheet's row 2 to the answers' archive: a row's response id is the row it had when
   * sent, `row + archived`, so an archive never renames an answer.
   */
  readonly archived?: number;
}

/** What one take() found: the rows to process now, and whether more wait beyond `limit`. */
export interface Batch {
  readonly sheets: readonly WaitingSheet[];
  readonly more: boolean;
}

export interface ResponseQueuePort {
  /** The rows waiting (past each sheet's watermark, or marked as edited), oldest first per sheet, at most `limit`. */
  take(limit: number): Batch;
  /** After the batch's writes landed: watermarks advance past it and its edit marks are dropped. */
  settle(batch: Batch): void;
}

export interface DrainDeps extends IntakeDeps {
  readonly queue: ResponseQueuePort;
}

export interface DrainOptions {
  /** Rows per batch: one snapshot holds them all. */
  readonly batchSize?: number;
  /**
   * The run's time budget: no batch is started that would end after it, judging by the slowest batch so far (Apps
   * Script stops an execution at 6 minutes).
   */
  readonly budgetMs?: number;
  /** Called after each batch (progress for the CLI and the rebuild). */
  readonly progress?: (done: number) => void;
  /** Called under the lock after the last batch, with the run's snapshot and how many answers it took in. */
  readonly afterRun?: (workbook: Workbook, received: number) => void;
}

export interface DrainRun {
  /** Per form; a reason's `row` is the response sheet's row. */
  readonly report: IntakeReport;
  readonly batches: number;
  /** Answers still waiting when the run stopped (time budget, or another execution held the lock). */
  readonly more: boolean;
  /** The lock was held by another execution: nothing was done, its holder drains before releasing. */
  readonly busy: boolean;
  /** Events were accepted: the forms' lists as they now are (from the last batch's snapshot), to refresh them. */
  readonly choices: Record<DynamicChoices, string[]> | null;
}

export const DEFAULT_BATCH = 10_000;
/** Well inside Apps Script's 6 minutes: the rest of the execution (the flush, the release) fits after it. */
export const DEFAULT_BUDGET_MS = 4 * 60_000;

/** The response id of a response sheet's row: its sheet and row (as sent), which an edit of the response keeps. */
export const responseIdOf = (sheetKey: string, row: number): string => `${sheetKey}:${row}`;

const asText = (v: Cell, column: number): string => (isDate(v) ? (column === 0 ? formatDateTime(v) : formatDay(v)) : String(v ?? ''));

/** A waiting sheet's rows as submissions, each known by its response id. */
export function waitingSubmissions(sheet: WaitingSheet, source: string, receivedAt: Date): NumberedSubmission[] {
  const table: CsvTable = { headers: sheet.header.map((h) => String(h).trim()), rows: sheet.rows.map((r) => r.cells.map(asText)) };
  return tableToSubmissions(sheet.form, table, source, receivedAt, {
    identity: (i) => ({ row: sheet.rows[i]!.row, responseId: responseIdOf(sheet.sheetKey, sheet.rows[i]!.row + (sheet.archived ?? 0)) }),
  }).items;
}

/**
 * Processes everything waiting, batch by batch, under the script lock (given up at once if another execution holds
 * it: that one drains before releasing). The journal's answers go first in each batch, then the others in the
 * order they were sent.
 */
export function drain(deps: DrainDeps, clock: Clock, options: DrainOptions = {}): DrainRun {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = clock.now().getTime();
  const report = emptyReport();
  let batches = 0;
  let more = false;
  let choices: DrainRun['choices'] = null;
  const ran = deps.lock.tryWithLock(() => {
    // One snapshot for the whole run: the lock keeps other executions out, so what the first batch read stays true,
    // and each batch only writes what it changed (cost linear in the answers, not answers × registers).
    const pipeline = new IntakePipeline(new Workbook(deps.workbook), deps.clock, deps.actor);
    let slowest = 0;
    for (;;) {
      const batchStarted = clock.now().getTime();
      const batch = deps.queue.take(batchSize);
      const items = batch.sheets.flatMap((sheet) => waitingSubmissions(sheet, 'Форма', deps.clock.now()));
      if (!items.length) break;
      const ordered = [
        ...orderByTime(items.filter((i) => i.submission.form === 'events')),
        ...orderByTime(items.filter((i) => i.submission.form !== 'events')),
      ];
      let eventsChanged = false;
      for (const { submission, row } of ordered) {
        const outcome = pipeline.process(submission);
        tally(report, submission.form, outcome, row);
        if (outcome.status === 'accepted' && outcome.register === 'events' && outcome.action !== 'unchanged') eventsChanged = true;
      }
      if (eventsChanged || choices) choices = dynamicChoices(pipeline.workbook);
      pipeline.workbook.commit();
      deps.queue.settle(batch);
      batches++;
      options.progress?.(received(report));
      more = batch.more;
      // Another look (answers may have arrived while this batch ran: the holder takes them in before releasing),
      // but only if even the slowest batch so far would end inside the budget.
      const now = clock.now().getTime();
      slowest = Math.max(slowest, now - batchStarted);
      if (now - started + slowest > budgetMs) break;
    }
    options.afterRun?.(pipeline.workbook, received(report));
    pipeline.workbook.flush();
    return true;
  });
  return { report, batches, more, busy: ran === null, choices };
}

const received = (report: IntakeReport): number => Object.values(report).reduce((n, t) => n + t.received, 0);
