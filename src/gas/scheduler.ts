// The single scheduler trigger of a workbook (issue 16 §2) over the pure due-jobs table (core/schedule/jobs.ts):
// the table lives in one document property; a feature registers its job once (registerJob) and asks for a run
// (requestJob); the one time-driven trigger, every 10 minutes as a template and hourly as an add-on
// (installMode.ts), runs whatever is due. No job creates a trigger of its own (no `.after()` one-shots).
//
// For other branches: the size check registers itself as
//   registerJob('sizeCheck', (row, now) => { ...; return { next: now + DAY_MS }; });
// and calls requestJob('sizeCheck', systemClock.now().getTime()) once (e.g. at set-up); the tick does the rest.
import {
  cancelJob,
  JobRegistry,
  parseJobTable,
  scheduleJob,
  serializeJobTable,
  type JobHandler,
  type JobRow,
  type JobTable,
} from '../core/schedule/jobs';
import { installMode, schedulerEveryMinutes, type InstallMode } from './installMode';
import { scriptLock, systemClock } from './services';

export const SCHEDULER_HANDLER = 'onSchedulerTrigger';
/** The jobs of the table: the drain of waiting answers (every tick), the month's digests, the regional refresh's resume. */
export const JOB = { drain: 'drain', digest: 'digest', regionResume: 'regionResume' } as const;
const JOBS_PROPERTY = 'marshrut.jobs';
/**
 * A claimed job is due again after this if its tick died before writing its outcome: past Google's 6 minutes a claim
 * can only be a stopped execution's, and the next tick (10 minutes on) takes the job up.
 */
const CLAIM_MS = 7 * 60_000;
/** Jobs start only while this much of the execution's 6 minutes is left. */
const TICK_BUDGET_MS = 4 * 60_000;

/** Whose triggers serve the workbook (triggers.ts); the key «Создать формы» has always recorded it under. */
export const TRIGGERS_OWNER = 'marshrut.formTriggers.owner';
export const triggersOwner = (): string => PropertiesService.getDocumentProperties().getProperty(TRIGGERS_OWNER) ?? '';
/** The account this execution runs as (a trigger's owner in a trigger). */
export const effectiveUser = (): string => Session.getEffectiveUser().getEmail().toLowerCase();

/**
 * The caller's triggers of this workbook. A bound script (template) belongs to one document, so its project's
 * triggers are the workbook's; an add-on's are listed per document (ScriptApp.getUserTriggers), since one add-on
 * serves every workbook it is installed in.
 */
export const myTriggers = (mode: InstallMode = installMode()): GoogleAppsScript.Script.Trigger[] =>
  mode === 'addon' ? ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()) : ScriptApp.getProjectTriggers();

const registry = new JobRegistry();

/** Adds a periodic job's handler; names are unique (a second registration throws). */
export function registerJob(name: string, handler: JobHandler): void {
  registry.register(name, handler);
}

const properties = () => PropertiesService.getDocumentProperties();
const readTable = (): JobTable => parseJobTable(properties().getProperty(JOBS_PROPERTY));
const writeTable = (table: JobTable) => properties().setProperty(JOBS_PROPERTY, serializeJobTable(table));

/** Asks for a job to run at `due` or earlier (never postpones one already due sooner). */
export function requestJob(name: string, due: number, state?: string): void {
  scriptLock.withLock(() => requestJobHoldingLock(name, due, state));
}

/** requestJob for a caller already holding the script lock (taking it again would release it at the end). */
export function requestJobHoldingLock(name: string, due: number, state?: string): void {
  writeTable(scheduleJob(readTable(), name, due, state));
}

/** Removes a job's row (digests turned off). */
export function cancelScheduledJob(name: string): void {
  scriptLock.withLock(() => cancelJobHoldingLock(name));
}

export function cancelJobHoldingLock(name: string): void {
  const table = readTable();
  if (name in table) writeTable(cancelJob(table, name));
}

/** The job rows as stored (for «Настройки…» and tests). */
export const scheduledJobs = (): JobTable => readTable();

/**
 * One tick. Under the lock the due rows are claimed (moved CLAIM_MS ahead), so a second tick at the same time runs
 * none of them twice (a digest month is started once); the jobs run outside the lock (each takes it for its own
 * writes); their outcomes are written back under the lock over the table as it then is.
 */
export function runSchedulerTick(now: number = systemClock.now().getTime()): {
  ran: string[];
  failed: string[];
  results: Record<string, unknown>;
} {
  const claimed = scriptLock.withLock(() => {
    const table = readTable();
    const due: Record<string, JobRow> = {};
    const next: Record<string, JobRow> = { ...table };
    for (const [name, row] of Object.entries(table)) {
      if (row.due > now || !registry.has(name)) continue;
      due[name] = row;
      next[name] = { ...row, due: now + CLAIM_MS };
    }
    if (Object.keys(due).length) writeTable(next);
    return due;
  });
  const started = Date.now();
  const run = registry.tick(claimed, now, () => Date.now() - started < TICK_BUDGET_MS);
  scriptLock.withLock(() => {
    const table: Record<string, JobRow> = { ...readTable() };
    for (const name of run.ran) {
      const outcome = run.table[name];
      if (outcome) table[name] = outcome;
      else delete table[name];
    }
    // A failed or unstarted job is due again at the next tick (its claim is lifted).
    for (const name of Object.keys(claimed)) if (!run.ran.includes(name) && table[name]) table[name] = claimed[name]!;
    writeTable(table);
  });
  return { ran: run.ran, failed: run.failed, results: run.results };
}

/** The caller's scheduler trigger, if she has none: one time-driven trigger per user per document. */
export function installSchedulerTrigger(mode: InstallMode = installMode()): boolean {
  if (myTriggers(mode).some((t) => t.getHandlerFunction() === SCHEDULER_HANDLER)) return false;
  const every = schedulerEveryMinutes(mode);
  const clock = ScriptApp.newTrigger(SCHEDULER_HANDLER).timeBased();
  (every >= 60 ? clock.everyHours(every / 60) : clock.everyMinutes(every)).create();
  return true;
}
