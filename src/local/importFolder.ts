// `marshrut run --data DIR`: the migration path. Reference CSVs are loaded through the add-on's own RPC; each
// Google Forms CSV row becomes a form response, submitted in timestamp order through the same trigger as in
// Google. What happened to every row is then read back from the workbook itself (registers and «Карантин»).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FORMS, FORM_IDS, type FormId } from '../core/schema/forms';
import { parseCsvTable } from '../core/csv/table';
import { mapFormColumns } from '../core/csv/formColumns';
import { formRowsToSubmissions, orderByTimestamp, type RawSubmission } from '../core/csv/formRows';
import { emptyReport, type IntakeReport } from '../core/intake/pipeline';
import { REFERENCE_FILES, type ReferenceReport, type ReferenceSheet } from '../core/reference';
import { SHEETS } from '../core/schema/sheets';
import type { LocalWorkbook } from './localWorkbook';

export const FORM_FILES: Record<FormId, string> = {
  iom: 'iom.csv',
  events: 'events.csv',
  participation: 'participation.csv',
  mentoring: 'mentoring.csv',
};

export class InputError extends Error {}

export interface FolderImport {
  reference: Partial<Record<ReferenceSheet, ReferenceReport>>;
  intake: IntakeReport;
}

export type ProgressLine = (message: string) => void;

function readText(dir: string, file: string): string | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8');
}

export function importFolder(workbook: LocalWorkbook, dataDir: string, progress: ProgressLine = () => {}): FolderImport {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new InputError(`Папка с данными не найдена: ${dataDir}`);
  const result: FolderImport = { reference: {}, intake: emptyReport() };

  for (const [sheet, file] of Object.entries(REFERENCE_FILES) as [ReferenceSheet, string][]) {
    const text = readText(dataDir, file);
    if (text === null) continue;
    assertCsv(file, text);
    const report = workbook.rpc<ReferenceReport>('rpcImportReference', { sheet, csvText: text });
    result.reference[sheet] = report;
    progress(`${file}: строк ${report.rows}, добавлено ${report.added}, обновлено ${report.updated}`);
  }

  workbook.menu('menuCreateForms');
  const queue: { form: FormId; raw: RawSubmission }[] = [];
  for (const form of FORM_IDS) {
    const text = readText(dataDir, FORM_FILES[form]);
    if (text === null) continue;
    const table = assertCsv(FORM_FILES[form], text);
    const rows = formRowsToSubmissions(table, FORMS[form], mapFormColumns(table.headers, FORMS[form]));
    for (const raw of rows) queue.push({ form, raw });
  }
  const ordered = orderByTimestamp(queue.map((q) => ({ ...q, timestamp: q.raw.timestamp })));
  const forms = new Map(workbook.runtime.forms.all().map((f) => [f.getTitle(), f]));
  const submitted = new Map<string, { form: FormId; row: number }>();
  ordered.forEach(({ form, raw }, i) => {
    const target = forms.get(FORMS[form].title);
    if (!target) throw new Error(`Форма «${FORMS[form].title}» не создана`);
    const answers = Object.fromEntries(Object.entries(raw.answers).filter(([, v]) => (Array.isArray(v) ? v.length : v)));
    const response = workbook.runtime.forms.submit(target, {
      answers,
      timestamp: raw.timestamp ?? undefined,
      email: raw.email || undefined,
      imported: true,
    });
    submitted.set(response.getId(), { form, row: raw.row });
    if ((i + 1) % 250 === 0 || i + 1 === ordered.length) progress(`Ответы форм: ${i + 1} из ${ordered.length}`);
  });
  tallyFromWorkbook(workbook, submitted, result.intake);
  return result;
}

/** received = accepted + quarantined, per form: a row is quarantined iff «Карантин» holds its response. */
function tallyFromWorkbook(workbook: LocalWorkbook, submitted: Map<string, { form: FormId; row: number }>, report: IntakeReport): void {
  const sheet = workbook.spreadsheet.getSheetByName(SHEETS.quarantine.name)!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const col = (key: string) => header.indexOf(SHEETS.quarantine.columns.find((c) => c.key === key)!.header);
  const reasons = new Map<string, string>();
  for (const r of rows) if (String(r[col('status')]) === 'Ожидает') reasons.set(String(r[col('responseId')]), String(r[col('reason')]));
  for (const [responseId, { form, row }] of submitted) {
    const tally = report[form];
    tally.received++;
    const reason = reasons.get(responseId);
    if (reason === undefined) tally.accepted++;
    else {
      tally.quarantined++;
      tally.reasons.push({ row, reason });
    }
  }
  for (const form of FORM_IDS) report[form].reasons.sort((a, b) => a.row - b.row);
}

function assertCsv(file: string, text: string) {
  try {
    return parseCsvTable(text);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
}
