// Turns the rows of a Google Forms CSV export into raw submissions: answers keyed by question title, exactly as a
// live form trigger would see them (SPEC §4–§5). No validation here: intake decides accept or quarantine.
import type { FormSpec } from '../schema/forms';
import { parseDateText, splitCheckboxAnswer } from '../text';
import type { ColumnMapping } from './formColumns';
import type { CsvTable } from './table';

export interface RawSubmission {
  /** 1-based data row of the CSV (header excluded). */
  row: number;
  /** Parsed «Отметка времени» (`dd.MM.yyyy H:mm:ss`); null if absent or unparseable. */
  timestamp: Date | null;
  /** '' when absent. */
  email: string;
  /**
   * Question title (exactly as in the FormSpec) → answer. Every question of the form is present: checkbox → string[]
   * (split against the question's choices; [] when empty or without a column), others → trimmed string ('' when empty).
   */
  answers: Record<string, string | string[]>;
}

const cell = (cells: string[], col: number | null | undefined): string =>
  col === null || col === undefined ? '' : (cells[col] ?? '').trim();

/** Splits a checkbox answer; a question without a fixed option list (dynamic choices) is split on «, ». */
function splitAnswer(text: string, choices: readonly string[] | undefined): string[] {
  if (!text) return [];
  if (choices && choices.length) return splitCheckboxAnswer(text, choices);
  return text
    .split(/,\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function formRowsToSubmissions(table: CsvTable, form: FormSpec, mapping: ColumnMapping): RawSubmission[] {
  return table.rows.map((cells, index) => {
    const answers: Record<string, string | string[]> = {};
    for (const question of form.questions) {
      const text = cell(cells, mapping.questions[question.key]);
      answers[question.title] = question.kind === 'checkbox' ? splitAnswer(text, question.choices) : text;
    }
    const stamp = cell(cells, mapping.timestamp);
    return {
      row: index + 1,
      timestamp: stamp ? parseDateText(stamp) : null,
      email: cell(cells, mapping.email),
      answers,
    };
  });
}

/**
 * Submissions in the order they were sent, so that a later submission with the same natural key replaces an earlier
 * one. Stable: equal timestamps keep file order. A submission without a (parseable) timestamp counts as +∞: it goes
 * after every dated one, and such submissions keep their file order among themselves. Returns a new array.
 */
export function orderByTimestamp<T extends { timestamp: Date | null }>(subs: readonly T[]): T[] {
  const key = (s: T) => (s.timestamp ? s.timestamp.getTime() : Number.POSITIVE_INFINITY);
  return subs
    .map((s, i) => ({ s, i, k: key(s) }))
    .sort((a, b) => (a.k === b.k ? a.i - b.i : a.k < b.k ? -1 : 1))
    .map((x) => x.s);
}
