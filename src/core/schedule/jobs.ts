// The due-jobs table (issue 16 §2): every periodic job of a workbook is one row of a table kept in one document
// property, run by the single time-driven trigger of the workbook (every 10 minutes as a template, hourly as an
// add-on: Google allows an add-on one trigger of each type per user per document, time-driven at most hourly).
// Pure: the adapter reads and writes the property and holds the script lock around a tick.
import * as z from 'zod';

/** One row: when the job is next due (ms since epoch) and its own small state (a month key, a cursor). */
export interface JobRow {
  readonly due: number;
  readonly state?: string;
}

export type JobTable = Readonly<Record<string, JobRow>>;

/** What a job says after a run: the next due time (null = the row is removed) and its state. */
export interface JobOutcome {
  readonly next: number | null;
  readonly state?: string;
  /** What the run did, handed back to the tick's caller (a trigger's return value, read by tests); never stored. */
  readonly result?: unknown;
}

/** A periodic job: it is called only when due, with its row; it never creates a trigger of its own. */
export type JobHandler = (row: JobRow, now: number) => JobOutcome;

const rowSchema = z.object({ due: z.number().finite(), state: z.string().max(2000).optional() });
const tableSchema = z.record(z.string().max(64), rowSchema);

/** The stored table; anything unreadable (hand-edited property) is an empty table, not a stopped scheduler. */
export function parseJobTable(text: string | null): JobTable {
  try {
    const parsed = tableSchema.safeParse(JSON.parse(text ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export const serializeJobTable = (table: JobTable): string => JSON.stringify(table);

/** Adds or moves a job's row (an earlier due time wins, so asking twice never postpones a job). */
export function scheduleJob(table: JobTable, name: string, due: number, state?: string): JobTable {
  const current = table[name];
  if (current && current.due <= due && current.state === state) return table;
  return { ...table, [name]: { due: current ? Math.min(current.due, due) : due, ...(state === undefined ? {} : { state }) } };
}

export function cancelJob(table: JobTable, name: string): JobTable {
  if (!(name in table)) return table;
  const { [name]: _removed, ...rest } = table;
  return rest;
}

/** The registry of handlers, by job name: features register theirs once (the size check of branch `size` too). */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} is registered twice`);
    this.handlers.set(name, handler);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  /**
   * One tick: every due job runs once, in due order; a job that throws keeps its row (due again next tick) and the
   * others still run. A row with no registered handler is kept (a newer bundle may know it). `budget` stops the
   * tick between jobs when the execution's time runs short.
   */
  tick(
    table: JobTable,
    now: number,
    budget: () => boolean = () => true,
  ): { table: JobTable; ran: string[]; failed: string[]; results: Record<string, unknown> } {
    let next: Record<string, JobRow> = { ...table };
    const results: Record<string, unknown> = {};
    const ran: string[] = [];
    const failed: string[] = [];
    const due = Object.entries(table)
      .filter(([name, row]) => row.due <= now && this.handlers.has(name))
      .sort((a, b) => a[1].due - b[1].due || a[0].localeCompare(b[0]));
    for (const [name, row] of due) {
      if (!budget()) break;
      try {
        const outcome = this.handlers.get(name)!(row, now);
        if (outcome.next === null) next = { ...cancelJob(next, name) };
        else next[name] = { due: outcome.next, ...(outcome.state === undefined ? {} : { state: outcome.state }) };
        if (outcome.result !== undefined) results[name] = outcome.result;
        ran.push(name);
      } catch (error) {
        failed.push(name);
        console.warn(`Задание ${name} не выполнено: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { table: next, ran, failed, results };
  }
}

/** Moscow keeps UTC+3 all year (no summer time since 2014): 8:00 Moscow is 05:00 UTC. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/**
 * The digest's due time: the 1st of a month after 8:00 Moscow (SPEC §7). A tick at or after it runs the month; the
 * job then moves its row to the next month's 1st, so a month is started once whichever tick (10-minute or hourly)
 * comes first.
 */
export function nextMonthStart(now: number, day = 1, hour = 8): number {
  const moscow = new Date(now + MOSCOW_OFFSET_MS);
  const thisMonth = Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth(), day, hour) - MOSCOW_OFFSET_MS;
  return thisMonth > now ? thisMonth : Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth() + 1, day, hour) - MOSCOW_OFFSET_MS;
}
