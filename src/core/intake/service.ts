// The intake use cases over the ports: each reads the snapshot once under the script lock, runs the pipeline
// in memory and flushes once — so one submission and a thousand cost the same number of service calls.
import type { Cell, Clock, LockPort, WorkbookPort } from '../ports';
import type { RegisterId } from '../schema/sheets';
import { Workbook } from '../workbook';
import { sameCell, type Row, type Table } from '../table';
import { isDate } from '../text';
import { orderByTimestamp } from '../csv/formRows';
import { emptyReport, IntakePipeline, tally, type IntakeReport, type Outcome, type Submission } from './pipeline';
import type { Quarantine } from './quarantine';
import { EMAIL_TITLE } from '../schema/forms';

export interface IntakeDeps {
  readonly workbook: WorkbookPort;
  readonly lock: LockPort;
  readonly clock: Clock;
  /** Who acts, for «Журнал изменений»: a methodist's e-mail, or «Форма» for a trigger. */
  readonly actor: string;
}

export interface NumberedSubmission {
  readonly submission: Submission;
  /** The row's line in its source as the methodist sees it (header = 1: a CSV line in Excel, a sheet row). */
  readonly row: number;
}

export type Progress = (done: number, total: number) => void;

export interface IntakeRun {
  readonly report: IntakeReport;
  readonly outcomes: Outcome[];
}

/** Runs `work` over a fresh snapshot and writes what changed; the caller holds the script lock. */
export function transaction<T>(deps: IntakeDeps, work: (pipeline: IntakePipeline) => T): T {
  const pipeline = new IntakePipeline(new Workbook(deps.workbook), deps.clock, deps.actor);
  const result = work(pipeline);
  pipeline.workbook.flush();
  return result;
}

/** Runs `work` over a fresh snapshot under the script lock and writes what changed. */
export function inTransaction<T>(deps: IntakeDeps, work: (pipeline: IntakePipeline) => T): T {
  return deps.lock.withLock(() => transaction(deps, work));
}

function processAll(pipeline: IntakePipeline, items: readonly NumberedSubmission[], progress?: Progress): IntakeRun {
  const report = emptyReport();
  const outcomes: Outcome[] = [];
  items.forEach(({ submission, row }, i) => {
    const outcome = pipeline.process(submission);
    tally(report, submission.form, outcome, row);
    outcomes.push(outcome);
    if (progress && (i % 100 === 99 || i === items.length - 1)) progress(i + 1, items.length);
  });
  return { report, outcomes };
}

/** Form submissions (a trigger's one, or an import's many) in the order given. */
export function submit(deps: IntakeDeps, items: readonly NumberedSubmission[], progress?: Progress): IntakeRun {
  return inTransaction(deps, (pipeline) => processAll(pipeline, items, progress));
}

const FORM_REGISTERS: readonly RegisterId[] = ['iom', 'diagnostics', 'events', 'participation', 'mentoring'];

/**
 * What a methodist changes in a form's row from a panel (the ИОМ panel: iom/lifecycle.ts): a rebuild keeps it. A
 * replay of the same answers gives the same values, so a stored value that differs from the replayed one, in a row
 * updated after the respondent's last version, was set by the methodist and outlives the rebuild (a version sent
 * after her change still wins, as it does live).
 */
const PANEL_COLUMNS: Partial<Record<RegisterId, readonly string[]>> = { iom: ['status', 'methodistComment'] };

/**
 * Rebuilds the registers from the raw response sheets: rows that came from live responses are dropped and the
 * responses replayed in timestamp order through the same pipeline; rows from CSV import or typed by hand (no
 * response id) stay. Waiting quarantine rows of live responses are replaced by the replay's own; a respondent's edit
 * link is kept with its response id; a methodist's accepted fix replays as fixed.
 */
export function rebuild(deps: IntakeDeps, items: readonly NumberedSubmission[], progress?: Progress): IntakeRun {
  return inTransaction(deps, (pipeline) => {
    const links = new Map<string, string>();
    const panel = new Map<RegisterId, Map<string, Row>>();
    const lastSent = new Map<string, number>();
    for (const { submission } of items)
      lastSent.set(submission.responseId, Math.max(lastSent.get(submission.responseId) ?? 0, submission.timestamp.getTime()));
    for (const id of FORM_REGISTERS) {
      const table = pipeline.workbook.table(id);
      const kept = new Map<string, Row>();
      for (let i = 0; i < table.size; i++) {
        const responseId = table.text(i, 'responseId');
        if (table.text(i, 'editUrl')) links.set(responseId, table.text(i, 'editUrl'));
        const updated = table.get(i, 'updatedAt');
        if (responseId && PANEL_COLUMNS[id] && isDate(updated) && updated.getTime() > (lastSent.get(responseId) ?? Infinity)) {
          kept.set(responseId, Object.fromEntries(PANEL_COLUMNS[id].map((key) => [key, table.get(i, key)])));
        }
      }
      panel.set(id, kept);
      table.retain((i) => table.text(i, 'responseId') === '');
    }
    const fixes = pipeline.quarantine.acceptedFixes();
    pipeline.quarantine.dropWaitingOfResponses();
    pipeline.audit.record('Пересборка реестров из ответов форм', '', `${items.length} ответов`);
    const replayed = items.map((item) =>
      withFix({ ...item, submission: { ...item.submission, editUrl: links.get(item.submission.responseId) ?? '' } }, fixes),
    );
    const run = processAll(pipeline, orderByTime(replayed), progress);
    for (const [id, kept] of panel) restorePanelValues(pipeline.workbook.table(id), kept);
    return run;
  });
}

/** The panel's values of each replayed row, as they were before the rebuild (no audit row: nothing changed). */
function restorePanelValues(table: Table, kept: ReadonlyMap<string, Row>): void {
  if (!kept.size) return;
  for (let i = 0; i < table.size; i++) {
    const before = kept.get(table.text(i, 'responseId'));
    if (before && Object.entries(before).some(([key, value]) => !sameCell(table.get(i, key), value as Cell))) table.update(i, before);
  }
}

/** A response a methodist fixed in «Карантин» replays as fixed, unless the respondent edited it afterwards. */
function withFix(item: NumberedSubmission, fixes: ReturnType<Quarantine['acceptedFixes']>): NumberedSubmission {
  const fix = fixes.get(item.submission.responseId);
  if (!fix || fix.at.getTime() < item.submission.timestamp.getTime()) return item;
  const { [EMAIL_TITLE]: email = item.submission.email, ...answers } = fix.answers;
  return { ...item, submission: { ...item.submission, answers, email } };
}

/** Responses in the order they were sent (stable), so a later one with the same key replaces an earlier one. */
export function orderByTime(items: readonly NumberedSubmission[]): NumberedSubmission[] {
  return orderByTimestamp(items.map((item) => ({ item, timestamp: item.submission.timestamp }))).map(({ item }) => item);
}
