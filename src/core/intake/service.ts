// The intake use cases over the ports: each reads the snapshot once under the script lock, runs the pipeline
// in memory and flushes once — so one submission and a thousand cost the same number of service calls.
import type { Clock, LockPort, WorkbookPort } from '../ports';
import type { RegisterId } from '../schema/sheets';
import { Workbook } from '../workbook';
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
  /** 1-based data row in its source (CSV row, response sheet row), for the report. */
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
 * Rebuilds the registers from the raw response sheets: rows that came from live responses are dropped and the
 * responses replayed in timestamp order through the same pipeline; rows from CSV import or typed by hand (no
 * response id) stay. Waiting quarantine rows of live responses are replaced by the replay's own; a respondent's edit
 * link is kept with its response id; a methodist's accepted fix replays as fixed.
 */
export function rebuild(deps: IntakeDeps, items: readonly NumberedSubmission[], progress?: Progress): IntakeRun {
  return inTransaction(deps, (pipeline) => {
    const links = new Map<string, string>();
    for (const id of FORM_REGISTERS) {
      const table = pipeline.workbook.table(id);
      for (let i = 0; i < table.size; i++) if (table.text(i, 'editUrl')) links.set(table.text(i, 'responseId'), table.text(i, 'editUrl'));
      table.retain((i) => table.text(i, 'responseId') === '');
    }
    const fixes = pipeline.quarantine.acceptedFixes();
    pipeline.quarantine.dropWaitingOfResponses();
    pipeline.audit.record('Пересборка реестров из ответов форм', '', `${items.length} ответов`);
    const replayed = items.map((item) => withFix({ ...item, submission: { ...item.submission, editUrl: links.get(item.submission.responseId) ?? '' } }, fixes));
    return processAll(pipeline, orderByTime(replayed), progress);
  });
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
