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

/** Records a section's goals for the closing table and returns their lines for the section's own output. */
export function reportGoals(goals: readonly Goal[]): string[] {
  const file = process.env.BENCH_GOALS;
  if (file) for (const g of goals) appendFileSync(file, `${JSON.stringify(g)}\n`);
  return goals.map(goalLine);
}

export const goalLine = (g: Goal) => `  ${g.met ? 'цель достигнута' : 'ЦЕЛЬ НЕ ДОСТИГНУТА'}: ${g.name} — ${g.measured} (цель ${g.target})`;
