// `marshrut run --data DIR`: the migration path. Every CSV of the folder is read as the bytes it is (UTF-8 with or
// without BOM, UTF-16 with BOM, Windows-1251 as Russian Excel saves it), recognised by its name or, failing that,
// by its columns (Google saves «Учёт ИОМ (Ответы) - Ответы на форму (1).csv"), and loaded through the add-on's own
// bundle: reference files first, then the event journal, then the other forms, each in timestamp order (an old
// export's participation may be older than the event's journal entry). What happened to every row is the pipeline's
// own account of it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FORMS, FORM_IDS, type FormId } from '../core/schema/forms';
import { SHEETS } from '../core/schema/sheets';
import { CsvFormatError, parseCsvTable, type CsvTable } from '../core/csv/table';
import { mapFormColumns, mappingNotes, notFormAnswers, type ColumnMapping } from '../core/csv/formColumns';
import { formRowsToSubmissions, orderByTimestamp, type RawSubmission } from '../core/csv/formRows';
import type { DrainRun } from '../core/intake/queue';
import { detectCharset, unreadableFileMessage } from '../core/csv/encoding';
import { normalizeTitle } from '../core/text';
import { emptyReport, type FormTally, type IntakeReport } from '../core/intake/pipeline';
import { REFERENCE_FILES, type ReferenceReport, type ReferenceSheet } from '../core/reference';
import type { LocalWorkbook } from './localWorkbook';
import { Timings } from './timings';
import { intakeCells } from '../core/intake/cellEstimate';
import { assertCellRoom } from '../core/workbookHealth';

export const FORM_FILES: Record<FormId, string> = {
  iom: 'iom.csv',
  events: 'events.csv',
  participation: 'participation.csv',
  mentoring: 'mentoring.csv',
};

/** Who the run is for (src/local/runSettings.ts): read before the import, never taken for a register or a form. */
export const SETTINGS_FILE = 'settings.csv';

/** A folder or file the run cannot use at all: said in Russian, no stack trace. */
export class InputError extends Error {}

export interface FolderImport {
  reference: Partial<Record<ReferenceSheet, ReferenceReport & { file: string }>>;
  intake: IntakeReport;
  /** Files that were not recognised as any table, with why. */
  skipped: { file: string; reason: string }[];
}

export type ProgressLine = (message: string) => void;

type Kind = { reference: ReferenceSheet } | { form: FormId };
interface DataFile {
  readonly file: string;
  readonly text: string;
  readonly table: CsvTable;
}

/** Decodes a file's bytes in the encoding they are in; refuses, naming the file, one it cannot tell. */
export function decodeCsvFile(file: string, bytes: Uint8Array): string {
  const charset = detectCharset(bytes);
  if (!charset) throw new InputError(unreadableFileMessage(file, bytes));
  return new TextDecoder(charset).decode(bytes).replace(/^\uFEFF/, '');
}

function readDataFile(dir: string, file: string): DataFile {
  const text = decodeCsvFile(file, readFileSync(join(dir, file)));
  try {
    return { file, text, table: parseCsvTable(text) };
  } catch (error) {
    if (error instanceof CsvFormatError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The columns a reference table needs, and how many of its columns a file has. */
function referenceFit(headers: readonly string[], sheet: ReferenceSheet): { complete: boolean; matched: number } {
  const present = new Set(headers.map(normalizeTitle));
  const columns = SHEETS[sheet].columns;
  return {
    complete: columns.every((c) => !c.required || present.has(normalizeTitle(c.header))),
    matched: columns.filter((c) => present.has(normalizeTitle(c.header))).length,
  };
}

/** What a file is: by its name first, else the table or form whose columns it fits best. */
function recognise(data: DataFile): Kind | null {
  const name = data.file.toLowerCase();
  for (const [sheet, file] of Object.entries(REFERENCE_FILES) as [ReferenceSheet, string][]) if (name === file) return { reference: sheet };
  for (const form of FORM_IDS) if (name === FORM_FILES[form]) return { form };
  const candidates: { kind: Kind; score: number }[] = [];
  for (const sheet of Object.keys(REFERENCE_FILES) as ReferenceSheet[]) {
    const fit = referenceFit(data.table.headers, sheet);
    if (fit.complete) candidates.push({ kind: { reference: sheet }, score: fit.matched });
  }
  for (const form of FORM_IDS) {
    const mapping = mapFormColumns(data.table.headers, FORMS[form]);
    if (mapping.timestamp !== null && !mapping.missingRequired.length)
      candidates.push({ kind: { form }, score: Object.keys(mapping.questions).length });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0]?.kind ?? null;
}

function expectedFiles(): string {
  const reference = (Object.keys(REFERENCE_FILES) as ReferenceSheet[]).map(
    (sheet) =>
      `  ${REFERENCE_FILES[sheet]} — ${SHEETS[sheet].columns
        .filter((c) => c.required)
        .map((c) => `«${c.header}»`)
        .join(', ')} …`,
  );
  const forms = FORM_IDS.map(
    (form) =>
      `  ${FORM_FILES[form]} (или выгрузка «${FORMS[form].title} (Ответы)…csv») — «Отметка времени», ` +
      FORMS[form].questions
        .filter((q) => q.required)
        .map((q) => `«${q.title}»`)
        .join(', ') +
      ' …',
  );
  return ['Ожидаются CSV-файлы справочников и выгрузки ответов Google Форм («Скачать ответы (.csv)»):', ...reference, ...forms].join('\n');
}

/**
 * The exports become responses of the workbook's forms, as Google holds them in the response sheets; one drain then
 * processes them all, through the code the 10-minute trigger runs (the journal first, then by time). Returns the
 * file row of each response sheet row.
 */
function loadAsResponses(
  workbook: LocalWorkbook,
  recognised: { data: DataFile; kind: Kind }[],
  intake: IntakeReport,
  progress: ProgressLine,
): Map<string, { file: string; row: number }> {
  workbook.menu('menuCreateForms');
  const origin = new Map<string, { file: string; row: number }>();
  for (const form of ['events', ...FORM_IDS.filter((f) => f !== 'events')] as FormId[]) {
    for (const { data } of recognised.filter((r) => 'form' in r.kind && r.kind.form === form)) {
      const mapping = mapFormColumns(data.table.headers, FORMS[form]);
      addColumnNotes(intake[form], form, data, mapping);
      const rows = loadResponses(workbook, form, formRowsToSubmissions(data.table, FORMS[form], mapping));
      for (const [sheetRow, row] of rows) origin.set(`${form}:${sheetRow}`, { file: data.file, row });
      progress(`${data.file}: «${FORMS[form].title}», ответов ${rows.size}`);
    }
  }
  return origin;
}

function addColumnNotes(into: FormTally, form: FormId, data: DataFile, mapping: ColumnMapping): void {
  for (const column of mapping.unmatched) if (!into.unusedColumns.includes(column)) into.unusedColumns.push(column);
  into.notes.push(...mappingNotes(data.table.headers, FORMS[form], mapping).map((n) => `${data.file}: ${n}`));
}

/** What a response says, to find the same answer already in the form: time, e-mail and answers. */
const fingerprint = (timestamp: number, email: string, answers: Record<string, string | string[]>): string =>
  JSON.stringify([timestamp, email, Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))]);

/**
 * Loads a file's rows into the form as responses received before the add-on listened (no trigger fires; the
 * queue's watermark finds them). A row the form already holds, unchanged, is delivered again instead — Google
 * re-fires its trigger — so loading the same file twice adds no response and still accounts for every row.
 * Returns file rows by response sheet row.
 */
function loadResponses(workbook: LocalWorkbook, form: FormId, raws: RawSubmission[]): Map<number, number> {
  const target = workbook.runtime.forms.all().find((f) => f.getTitle() === FORMS[form].title);
  if (!target) throw new Error(`Форма «${FORMS[form].title}» не создана`);
  const present = new Map<string, string[]>();
  for (const response of target.getResponses()) {
    const answers = Object.fromEntries(
      response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse() as string | string[]]),
    );
    const key = fingerprint(response.getTimestamp().getTime(), response.getRespondentEmail(), answers);
    present.set(key, [...(present.get(key) ?? []), response.getId()]);
  }
  const rows = new Map<number, number>();
  for (const raw of orderByTimestamp(raws)) {
    const answers = Object.fromEntries(Object.entries(raw.answers).filter(([, v]) => (Array.isArray(v) ? v.length : v)));
    const timestamp = raw.timestamp ?? workbook.runtime.now();
    const same = present.get(fingerprint(timestamp.getTime(), raw.email, answers))?.shift();
    const response = same
      ? workbook.runtime.forms.redeliver(same)
      : workbook.runtime.forms.submit(target, {
          answers,
          timestamp,
          email: raw.email || undefined,
          imported: true,
          extra: raw.extra,
          silent: true,
        });
    rows.set(workbook.runtime.forms.rowOf(response.getId())!, raw.row);
  }
  return rows;
}

/**
 * The CSV files of the folder `--data` names, sorted; an InputError when it is no folder. `run` calls it before the
 * workbook is set up, so a wrong path is the first and only thing the methodist reads.
 */
export function csvFilesOf(dataDir: string): string[] {
  try {
    if (!statSync(dataDir).isDirectory()) throw new InputError(`--data указывает на файл, а нужна папка с CSV: ${dataDir}`);
    return readdirSync(dataDir)
      .filter((f) => f.toLowerCase().endsWith('.csv') && f.toLowerCase() !== SETTINGS_FILE)
      .sort();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`Папка с данными не найдена: ${dataDir}`);
  }
}

export function importFolder(
  workbook: LocalWorkbook,
  dataDir: string,
  progress: ProgressLine = () => {},
  timings = new Timings(workbook.runtime.calls),
): FolderImport {
  const names = csvFilesOf(dataDir);
  const result: FolderImport = { reference: {}, intake: emptyReport(), skipped: [] };
  const recognised: { data: DataFile; kind: Kind }[] = [];
  timings.phase('read', () => {
    for (const file of names) {
      const data = readDataFile(dataDir, file);
      const kind = recognise(data);
      // A file named as a form's export but with none of its questions is refused before anything is written.
      const refusal =
        kind && 'form' in kind
          ? notFormAnswers(`Файл «${file}»`, data.table.headers, FORMS[kind.form], mapFormColumns(data.table.headers, FORMS[kind.form]))
          : null;
      if (refusal) throw new InputError(refusal);
      if (kind) recognised.push({ data, kind });
      else result.skipped.push({ file, reason: 'столбцы не подходят ни к справочнику, ни к одной из форм' });
    }
  });
  if (!recognised.length) {
    const found = names.length
      ? `В папке ${dataDir} нет файлов, которые можно загрузить. Найдены, но не распознаны: ${names.join(', ')}.`
      : `В папке ${dataDir} нет CSV-файлов.`;
    throw new InputError(`${found}\n${expectedFiles()}`);
  }
  for (const { file, reason } of result.skipped) progress(`${file}: пропущен — ${reason}`);

  // Before anything is written: files whose rows could take the workbook past 10 million cells are refused whole.
  const answers: Partial<Record<FormId, number>> = {};
  let referenceCells = 0;
  for (const { data, kind } of recognised) {
    if ('form' in kind) answers[kind.form] = (answers[kind.form] ?? 0) + data.table.rows.length;
    else referenceCells += data.table.rows.length * SHEETS[kind.reference].columns.length;
  }
  const used = workbook.spreadsheet.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
  assertCellRoom(used, referenceCells + intakeCells(answers));

  for (const sheet of Object.keys(REFERENCE_FILES) as ReferenceSheet[]) {
    for (const { data } of recognised.filter((r) => 'reference' in r.kind && r.kind.reference === sheet)) {
      const report = timings.phase('reference', () => workbook.rpc<ReferenceReport>('rpcImportReference', { sheet, csvText: data.text }));
      result.reference[sheet] = { ...report, file: data.file };
      progress(
        `${data.file}: строк ${report.rows}, добавлено ${report.added}, обновлено ${report.updated}, без изменений ${report.unchanged}`,
      );
    }
  }

  // Loading the exports into the forms is what Google would have done; the drain is the add-on's intake.
  const origin = timings.phase('responses', () => loadAsResponses(workbook, recognised, result.intake, progress));
  // The files' texts and parsed tables (hundreds of MB at 53k staff) are in the forms now: let them go before the
  // intake, whose collections would otherwise mark them again and again, and before the export's peak.
  recognised.length = 0;
  const run = timings.phase('intake', () => workbook.sandbox.call('runDrain') as DrainRun);
  for (const form of FORM_IDS) {
    const tally = run.report[form];
    const into = result.intake[form];
    into.received += tally.received;
    into.accepted += tally.accepted;
    into.quarantined += tally.quarantined;
    into.reasons.push(...tally.reasons.map((r) => ({ ...origin.get(`${form}:${r.row}`)!, reason: r.reason })));
  }
  for (const form of FORM_IDS) result.intake[form].reasons.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.row - b.row);
  return result;
}
