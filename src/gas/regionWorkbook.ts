// Which kind of workbook this is. «Настроить региональную книгу» marks it in document properties (an editor cannot
// change them), so «Настроить книгу» run again later completes a regional workbook as regional.
import type { WorkbookKind } from '../core/schema/sheets';
import { SHEETS } from '../core/schema/sheets';

const KIND_PROPERTY = 'marshrut.workbookKind';

export const workbookKind = (): WorkbookKind =>
  PropertiesService.getDocumentProperties().getProperty(KIND_PROPERTY) === 'regional' ? 'regional' : 'municipal';

export function markRegional(): void {
  PropertiesService.getDocumentProperties().setProperty(KIND_PROPERTY, 'regional');
}

/** A workbook that already accounts a municipality (it has «Организации») does not become a regional one. */
export const isMunicipalWorkbook = (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean =>
  workbookKind() === 'municipal' && spreadsheet.getSheetByName(SHEETS.organizations.name) !== null;
