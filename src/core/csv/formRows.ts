// Turns the rows of a Google Forms CSV export into raw submissions: answers keyed by question title, exactly as a
// live form trigger would see them (SPEC §4–§5). No validation here: intake decides accept or quarantine. Nothing
// in a row is dropped: cells of columns that feed no question travel with the submission as `extra`.
import { EMAIL_TITLE, TIMESTAMP_TITLE, type FormSpec } from '../schema/forms';
import { parseDateTime, splitCheckboxAnswer } from '../text';
import type { ColumnMapping } from './formColumns';
import { lineOf, type CsvTable } from './table';

export interface RawSubmission {
  /** The row's line as Excel shows the file (the header is line 1). */
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
  /** Non-empty cells that are no answer (unused columns, the losing one of two columns for a question), by header. */
  extra: Record<string, string>;
  /**
   * Which row of the file this is, whatever its position: a fingerprint of its cells and its ordinal among identical
   * rows. Loading the same file again finds the same keys; two identical rows are two answers.
   */
  sourceKey: string;
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

/** cyrb53: a fast 53-bit string hash, enough to tell rows of a file apart (keys are compared, never shown). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * `fingerprints` false: the rows are known otherwise (a response sheet's rows by their response id) and the
 * fingerprint, the costliest part, is not computed (their `sourceKey` is then '').
 */
export function formRowsToSubmissions(table: CsvTable, form: FormSpec, mapping: ColumnMapping, fingerprints = true): RawSubmission[] {
  const reserved = new Set([TIMESTAMP_TITLE, EMAIL_TITLE, ...form.questions.map((q) => q.title)]);
  const extraName = (col: number) => {
    const header = table.headers[col] || `Столбец ${col + 1}`;
    return reserved.has(header) ? `${header} (столбец ${col + 1})` : header;
  };
  const unused = table.headers.map((_, col) => col).filter((col) => mapping.unmatched.includes(table.headers[col]));
  const seen = new Map<string, number>();
  // Each question's columns (its own, then the alternates), found once for the table, not once per row.
  const questions = form.questions.map((question) => ({
    question,
    columns: [mapping.questions[question.key], ...(mapping.alternates[question.key] ?? [])].filter((c) => c !== undefined),
  }));
  return table.rows.map((cells, index) => {
    const answers: Record<string, string | string[]> = {};
    const extra: Record<string, string> = {};
    for (const { question, columns } of questions) {
      const chosen = columns.find((c) => cell(cells, c) !== '');
      for (const col of columns) if (col !== chosen && cell(cells, col) !== '') extra[extraName(col)] = cell(cells, col);
      const text = cell(cells, chosen);
      answers[question.title] = question.kind === 'checkbox' ? splitAnswer(text, question.choices) : text;
    }
    for (const col of unused) if (cell(cells, col) !== '') extra[extraName(col)] = cell(cells, col);
    let sourceKey = '';
    if (fingerprints) {
      const fingerprint = hash53(`${form.id}\u0001${cells.map((c) => c.trim()).join('\u0001')}`);
      const ordinal = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, ordinal);
      sourceKey = `f:${fingerprint}#${ordinal}`;
    }
    const stamp = cell(cells, mapping.timestamp);
    return {
      row: lineOf(table, index),
      timestamp: stamp ? parseDateTime(stamp) : null,
      email: cell(cells, mapping.email),
      answers,
      extra,
      sourceKey,
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
