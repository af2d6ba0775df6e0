// Reading Google's raw response sheets (never edited by us) back into submissions, for the rebuild and for
// importing an existing form's answers that were copied into the workbook.
import { FORMS, type FormId } from '../core/schema/forms';
import { mapFormColumns } from '../core/csv/formColumns';
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

export function tableToSubmissions(
  form: FormId,
  table: CsvTable,
  source: string,
  responses: ResponseLookup = noResponse,
  manual?: Record<string, string>,
): NumberedSubmission[] {
  const mapping = mapFormColumns(table.headers, FORMS[form], manual);
  return formRowsToSubmissions(table, FORMS[form], mapping).map((raw) => ({
    row: raw.row,
    submission: {
      form,
      answers: raw.answers,
      email: raw.email,
      timestamp: raw.timestamp ?? new Date(), // no readable «Отметка времени»: received now, ordered last
      ...responses(raw.timestamp),
      source,
    },
  }));
}
