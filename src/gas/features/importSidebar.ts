// «Маршрут → Импорт ответов из CSV/существующей формы…»: the import sidebar and its RPCs (column mapping step,
// import of form answers, reference CSVs).
import * as z from 'zod';
import { FORMS, FORM_IDS, type FormId } from '../../core/schema/forms';
import { orderByTime, submit } from '../../core/intake/service';
import { parseCsvTable } from '../../core/csv/table';
import { mapFormColumns, notFormAnswers } from '../../core/csv/formColumns';
import { importReference, REFERENCE_FILES, type ReferenceSheet } from '../../core/reference';
import { assertAccess, withAccess } from '../access';
import { syncFormChoices } from '../forms';
import { showPage } from '../pages';
import { tableToSubmissions, valuesToTable } from '../../core/intake/responseRows';
import { decodeUploadedCsv, uploadedFileSchema, type UploadedFile } from '../uploadedFile';
import { active, methodistDeps } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowImport(): void {
  withAccess(() => showPage('Import', 'Импорт ответов'));
}

// A CSV arrives as the file's bytes from the sidebar, or as text already decoded (the local CLI reads files itself).
const csvSource = {
  file: uploadedFileSchema.optional(),
  csvText: z.string().max(20_000_000).optional(),
};

const csvOf = (source: { file?: UploadedFile; csvText?: string }): string | undefined =>
  source.file ? decodeUploadedCsv(source.file) : source.csvText;

const importSource = z.object({
  form: z.enum(FORM_IDS as [FormId, ...FormId[]]),
  ...csvSource,
  sheetName: z.string().max(200).optional(),
  mapping: z.record(z.string(), z.string()).optional(),
});

function importTable(source: z.infer<typeof importSource>) {
  if (source.sheetName) {
    const sheet = active().getSheetByName(source.sheetName);
    if (!sheet) throw new Error(`Лист «${source.sheetName}» не найден.`);
    return valuesToTable(sheet.getDataRange().getValues());
  }
  const csv = csvOf(source);
  if (csv === undefined) throw new Error('Выберите CSV-файл или лист с ответами.');
  return parseCsvTable(csv);
}

/** The column-mapping step: which column feeds which question, and which required ones are missing. */
export function rpcImportPreview(payload: unknown) {
  assertAccess(active());
  const source = payloadOf(importSource, payload);
  const table = importTable(source);
  const mapping = mapFormColumns(table.headers, FORMS[source.form], source.mapping);
  return {
    headers: table.headers,
    rows: table.rows.length,
    questions: FORMS[source.form].questions.map((q) => ({
      key: q.key,
      title: q.title,
      required: Boolean(q.required),
      column: mapping.questions[q.key] ?? -1,
      // Second columns for the question, read in a row where the first is empty (point 8).
      alternates: (mapping.alternates[q.key] ?? []).map((c) => table.headers[c]),
    })),
    timestampColumn: mapping.timestamp,
    emailColumn: mapping.email,
    alternateColumns: Object.values(mapping.alternates).flat(),
    missingRequired: mapping.missingRequired,
    sample: table.rows.slice(0, 3),
  };
}

export function rpcImportRun(payload: unknown) {
  assertAccess(active());
  const source = payloadOf(importSource, payload);
  const table = importTable(source);
  const refusal = notFormAnswers(
    source.sheetName ? `Лист «${source.sheetName}»` : 'Файл',
    table.headers,
    FORMS[source.form],
    mapFormColumns(table.headers, FORMS[source.form], source.mapping),
  );
  if (refusal) throw new Error(refusal);
  const deps = methodistDeps();
  const { items, unusedColumns, notes } = tableToSubmissions(source.form, table, 'Импорт CSV', deps.clock.now(), {
    manual: source.mapping,
  });
  // In the order the answers were sent: a later answer with the same key replaces an earlier one (SPEC §5).
  const run = submit(deps, orderByTime(items));
  if (source.form === 'events') syncFormChoices(active(), 'participation');
  return { ...run.report[source.form], unusedColumns, notes };
}

const referencePayload = z.object({
  sheet: z.enum(Object.keys(REFERENCE_FILES) as [ReferenceSheet, ...ReferenceSheet[]]),
  ...csvSource,
});

/** Loads «Организации», «Педагоги» or «Диагностика» from a CSV with the columns of SPEC §3. */
export function rpcImportReference(payload: unknown) {
  assertAccess(active());
  const source = payloadOf(referencePayload, payload);
  const csv = csvOf(source);
  if (csv === undefined) throw new Error('Выберите CSV-файл справочника.');
  const report = importReference(methodistDeps(), source.sheet, csv);
  if (source.sheet === 'organizations') syncFormChoices(active());
  return report;
}
