// Loading the reference sheets and the diagnostics register from the CSV columns of SPEC §3: rows are upserted
// by their natural key (ОО by code, a person by ФИО + ОО, a diagnostic by person + date + procedure). A file's empty
// cell never clears a stored value, and a diagnostics.csv row only fills what the IOM form left empty (and back):
// the same files loaded again change nothing. Loaded ОО release the answers that waited for them in «Карантин».
import { parseCsvTable } from './csv/table';
import { readReferenceTable, type ReferenceProblem } from './csv/reference';
import { acrossSources, KeyedRegister } from './intake/keyedRegister';
import { WAITS_FOR_ORG_PREFIX } from './intake/mappers';
import { inTransaction, type IntakeDeps } from './intake/service';
import { sheetSpec } from './schema/sheets';
import type { Row } from './table';

export type ReferenceSheet = 'organizations' | 'staff' | 'diagnostics' | 'roadmap';
export const REFERENCE_FILES: Record<ReferenceSheet, string> = {
  organizations: 'organizations.csv',
  staff: 'staff.csv',
  diagnostics: 'diagnostics.csv',
  roadmap: 'roadmap.csv',
};

/** Источник of a diagnostics.csv row that names none. */
export const DIAGNOSTIC_SOURCE_CSV = 'Импорт CSV';

export interface ReferenceReport {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  problems: ReferenceProblem[];
  /** Nothing of the file could be loaded (a required column is missing): the run must say so and fail. */
  unusable: boolean;
  /** Quarantined answers re-processed because the ОО they named now exists. */
  released: number;
}

const DEFAULT_SOURCE: Partial<Record<ReferenceSheet, string>> = { staff: 'Реестр', diagnostics: DIAGNOSTIC_SOURCE_CSV };

export function importReference(deps: IntakeDeps, sheet: ReferenceSheet, csvText: string): ReferenceReport {
  const { records, problems, unusable } = readReferenceTable(parseCsvTable(csvText), sheetSpec(sheet));
  return inTransaction(deps, (pipeline) => {
    const register = new KeyedRegister(pipeline.workbook, sheet);
    const report: ReferenceReport = { rows: records.length, added: 0, updated: 0, unchanged: 0, problems, unusable, released: 0 };
    const stamp: Row = sheet === 'diagnostics' ? { receivedAt: deps.clock.now() } : {};
    for (const record of records) {
      const source = String(record.source || DEFAULT_SOURCE[sheet] || '');
      const row: Row = DEFAULT_SOURCE[sheet] ? { ...record, source } : record;
      const merge = (index: number) =>
        sheet === 'diagnostics' ? acrossSources(register.table, index, source, 'keepFilled') : 'keepFilled';
      report[register.upsert(row, '', stamp, {}, merge).action]++;
    }
    if (report.added || report.updated) {
      pipeline.audit.record(
        `Загрузка справочника из CSV: добавлено ${report.added}, обновлено ${report.updated}`,
        sheetSpec(sheet).name,
        REFERENCE_FILES[sheet],
      );
    }
    if (sheet === 'organizations' && (report.added || report.updated)) {
      report.released = pipeline.releaseWaiting(
        (waitsFor) =>
          waitsFor.startsWith(WAITS_FOR_ORG_PREFIX) && pipeline.directory.findOrg(waitsFor.slice(WAITS_FOR_ORG_PREFIX.length)) !== null,
        'ОО в листе «Организации»',
      );
    }
    return report;
  });
}
