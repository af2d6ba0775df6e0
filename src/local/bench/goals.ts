// The bench's goals (issue 17), each printed beside its measured figure: every section reports the goals it measures,
// and the parent process prints them together at the end (BENCH_GOALS: the file the sections append to).
import { appendFileSync } from 'node:fs';

export interface Goal {
  name: string;
  measured: string;
  target: string;
  met: boolean;
}

export const goal = (name: string, value: number, target: string, met: boolean, format: (x: number) => string): Goal => ({
  name,
  measured: format(value),
  target,
  met,
});

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * A full collection before a timed call (the bench runs its sections with --expose-gc): each Apps Script execution
 * starts on a fresh heap, while here the previous call's garbage shares one heap with the whole fake workbook.
 */
export const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Wall seconds, and CPU seconds of the whole process (the collector's, zlib's and DuckDB's threads included). */
export interface Timed {
  readonly seconds: number;
  readonly cpu: number;
}

/** Starts timing on a collected heap; the returned function tells the time since (it can be asked more than once). */
export function startTimer(): () => Timed {
  collectGarbage();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu: (used.user + used.system) / 1e6 };
  };
}

/** The median of each figure of several timings. */
export const medianOf = (timings: readonly Timed[]): Timed => ({
  seconds: median(timings.map((t) => t.seconds)),
  cpu: median(timings.map((t) => t.cpu)),
});

/** Records a section's goals for the closing table and returns their lines for the section's own output. */
export function reportGoals(goals: readonly Goal[]): string[] {
  const file = process.env.BENCH_GOALS;
  if (file) for (const g of goals) appendFileSync(file, `${JSON.stringify(g)}\n`);
  return goals.map(goalLine);
}

export const goalLine = (g: Goal) => `  ${g.met ? 'цель достигнута' : 'ЦЕЛЬ НЕ ДОСТИГНУТА'}: ${g.name} — ${g.measured} (цель ${g.target})`;
