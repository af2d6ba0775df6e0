// Reading Google's raw response sheets (never edited by us) back into submissions, for the rebuild and for
// importing an existing form's answers that were copied into the workbook — and CSV exports the same way.
import { FORMS, type FormId } from '../core/schema/forms';
import { mapFormColumns, mappingNotes } from '../core/csv/formColumns';
import { formRowsToSubmissions } from '../core/csv/formRows';
import type { CsvTable } from '../core/csv/table';
import type { NumberedSubmission } from '../core/intake/service';
import { formatDateTime, formatDay, isDate } from '../core/text';

/** Sheet values as CSV-like text: Google writes timestamps and date answers as Dates, everything else as text. */
export function valuesToTable(values: unknown[][]): CsvTable {
  const [header = [], ...rows] = values;
  const cell = (v: unknown, column: number) => {
    if (!isDate(v)) return String(v ?? '');
    return column === 0 ? formatDateTime(v) : formatDay(v);
  };
  return {
    headers: header.map((h) => String(h).trim()),
    rows: rows.filter((r) => r.some((v) => v !== '' && v !== null)).map((r) => r.map(cell)),
  };
}

/** Which live response a raw sheet row is: its id and the respondent's edit link ('' for a CSV row). */
export type ResponseLookup = (timestamp: Date | null) => { responseId: string; editUrl: string };
const noResponse: ResponseLookup = () => ({ responseId: '', editUrl: '' });

/** A table's rows as submissions, with what the report says about its columns (unused ones, doubled ones). */
export interface TableSubmissions {
  readonly items: NumberedSubmission[];
  readonly unusedColumns: string[];
  readonly notes: string[];
}

export function tableToSubmissions(
  form: FormId,
  table: CsvTable,
  source: string,
  responses: ResponseLookup = noResponse,
  manual?: Record<string, string>,
): TableSubmissions {
  const mapping = mapFormColumns(table.headers, FORMS[form], manual);
  const items = formRowsToSubmissions(table, FORMS[form], mapping).map((raw) => {
    const response = responses(raw.timestamp);
    return {
      row: raw.row,
      submission: {
        form,
        answers: raw.answers,
        email: raw.email,
        timestamp: raw.timestamp ?? new Date(), // no readable «Отметка времени»: received now, ordered last
        ...response,
        source,
        sourceKey: response.responseId ? responseSourceKey(response.responseId) : raw.sourceKey,
        extra: raw.extra,
      },
    };
  });
  return { items, unusedColumns: mapping.unmatched, notes: mappingNotes(table.headers, FORMS[form], mapping) };
}

/** The source key of a live Google response: its id (an edit keeps it). */
export const responseSourceKey = (responseId: string): string => `r:${responseId}`;
