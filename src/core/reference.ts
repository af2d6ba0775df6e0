// Loading the reference sheets and the diagnostics register from the CSV columns of SPEC §3: rows are upserted
// by their natural key (ОО by code, a person by ФИО + ОО, a diagnostic by person + date + procedure), so the
// same file loaded twice changes nothing.
import { parseCsvTable } from './csv/table';
import { readReferenceTable } from './csv/reference';
import { KeyedRegister } from './intake/keyedRegister';
import { inTransaction, type IntakeDeps } from './intake/service';
import { sheetSpec } from './schema/sheets';
import type { Row } from './table';

export type ReferenceSheet = 'organizations' | 'staff' | 'diagnostics';
export const REFERENCE_FILES: Record<ReferenceSheet, string> = {
  organizations: 'organizations.csv',
  staff: 'staff.csv',
  diagnostics: 'diagnostics.csv',
};

export interface ReferenceReport {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  problems: { row: number; message: string }[];
}

export function importReference(deps: IntakeDeps, sheet: ReferenceSheet, csvText: string): ReferenceReport {
  const { records, problems } = readReferenceTable(parseCsvTable(csvText), sheetSpec(sheet));
  return inTransaction(deps, (pipeline) => {
    const register = new KeyedRegister(pipeline.workbook, sheet);
    const report: ReferenceReport = { rows: records.length, added: 0, updated: 0, unchanged: 0, problems };
    const stamp: Row = sheet === 'diagnostics' ? { receivedAt: deps.clock.now() } : {};
    for (const record of records) {
      const row: Row = sheet === 'staff' && !record.source ? { ...record, source: 'Реестр' } : record;
      const result = register.upsert(row, '', stamp, {});
      report[result.action]++;
    }
    pipeline.audit.record(
      `Загрузка справочника из CSV: добавлено ${report.added}, обновлено ${report.updated}`,
      sheetSpec(sheet).name,
      REFERENCE_FILES[sheet],
    );
    return report;
  });
}
