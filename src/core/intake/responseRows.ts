// Rows of answers — Google's raw response sheets (never edited by us), an old form's answers copied into the
// workbook, a CSV export — as submissions for the pipeline, with what the report says about their columns.
import { FORMS, type FormId } from '../schema/forms';
import { mapFormColumns, mappingNotes } from '../csv/formColumns';
import { formRowsToSubmissions } from '../csv/formRows';
import type { CsvTable } from '../csv/table';
import type { NumberedSubmission } from './service';
import { formatDateTime, formatDay, isDate } from '../text';

/** Sheet values as CSV-like text: Google writes timestamps and date answers as Dates, everything else as text. */
export function valuesToTable(values: unknown[][]): CsvTable {
  const [header = [], ...rows] = values;
  const cell = (v: unknown, column: number) => {
    if (!isDate(v)) return String(v ?? '');
    return column === 0 ? formatDateTime(v) : formatDay(v);
  };
  const kept = rows.map((r, i) => ({ r, line: i + 2 })).filter(({ r }) => r.some((v) => v !== '' && v !== null));
  return { headers: header.map((h) => String(h).trim()), rows: kept.map(({ r }) => r.map(cell)), lines: kept.map(({ line }) => line) };
}

/** Who a row is when it is a response of a form: its sheet row and the response id that stays with it. */
export type RowIdentity = (index: number) => { row: number; responseId: string };

/** A table's rows as submissions, with what the report says about its columns (unused ones, doubled ones). */
export interface TableSubmissions {
  readonly items: NumberedSubmission[];
  readonly unusedColumns: string[];
  readonly notes: string[];
}

/**
 * The rows of `table` as submissions of `form`. A file's rows (no `identity`) are numbered by their line (header 1) and known by a
 * fingerprint; a response sheet's rows carry their sheet row and response id (`identity`), which an edit keeps.
 */
export function tableToSubmissions(
  form: FormId,
  table: CsvTable,
  source: string,
  /** When the rows are taken in: the time of an answer without a readable «Отметка времени». */
  receivedAt: Date,
  options: { manual?: Record<string, string>; identity?: RowIdentity } = {},
): TableSubmissions {
  const mapping = mapFormColumns(table.headers, FORMS[form], options.manual);
  const items = formRowsToSubmissions(table, FORMS[form], mapping, !options.identity).map((raw, index) => {
    const identity = options.identity?.(index);
    return {
      row: identity?.row ?? raw.row,
      submission: {
        form,
        answers: raw.answers,
        email: raw.email,
        timestamp: raw.timestamp ?? receivedAt, // no readable «Отметка времени»: received now, ordered last
        responseId: identity?.responseId ?? '',
        editUrl: '',
        source,
        sourceKey: identity ? responseSourceKey(identity.responseId) : raw.sourceKey,
        extra: raw.extra,
      },
    };
  });
  return { items, unusedColumns: mapping.unmatched, notes: mappingNotes(table.headers, FORMS[form], mapping) };
}

/** The source key of a live response: its id (an edit keeps it). */
export const responseSourceKey = (responseId: string): string => `r:${responseId}`;
