// Municipal workbooks opened from the regional one: SpreadsheetApp.openById, the title, and one read of
// «Показатели» (getDataRange().getValues(), set-up's «still empty» notice dropped as everywhere). Google's errors
// are told apart by their text: «You do not have permission to access the requested document.» when the file
// exists but is not shared with the reader, «Document <id> is missing (perhaps it was deleted, or you don't have read
// access?)» for a deleted file, and «Unexpected error while getting the method or property openById on object
// SpreadsheetApp.» for an ID that names no file. Apps Script may word them in the user's language, so the Russian
// wording counts too; anything else is kept as Google said it.
import type { RegionSourcePort, SourceRead } from '../core/region/municipal';
import { SHEETS } from '../core/schema/sheets';
import { SheetsWorkbookPort } from './workbookPort';

const NO_ACCESS = /do not have permission|don't have permission|нет (?:разрешения|доступа)|недостаточно прав/i;
const NOT_FOUND = /is missing|not found|не найден|отсутствует|удал[её]н|Unexpected error while getting the method or property openById/i;

const messageOf = (error: unknown) =>
  error instanceof Error || (error && typeof error === 'object' && 'message' in error) ? String((error as Error).message) : String(error);

export function classifyOpenError(message: string): SourceRead & { ok: false } {
  if (NO_ACCESS.test(message)) return { ok: false, code: 'noAccess', message };
  if (NOT_FOUND.test(message)) return { ok: false, code: 'notFound', message };
  return { ok: false, code: 'failed', message };
}

/**
 * «Дорожная карта» in one read and, only when it has items, «Мероприятия» in one more (whole: one call where its key
 * columns would take four); null for a workbook without the sheet (set up before the roadmap existed).
 */
function roadmapOf(port: SheetsWorkbookPort) {
  const items = port.readTableIfPresent('roadmap');
  if (!items) return null;
  return { items, events: items.rows.length ? port.readTableIfPresent('events') : null };
}

export const spreadsheetSources: RegionSourcePort = {
  read(id: string): SourceRead {
    let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
    try {
      spreadsheet = SpreadsheetApp.openById(id);
    } catch (error) {
      return classifyOpenError(messageOf(error));
    }
    try {
      const title = spreadsheet.getName();
      const port = new SheetsWorkbookPort(spreadsheet);
      try {
        return { ok: true, title, indicators: port.readTable('indicators'), roadmap: roadmapOf(port) };
      } catch (error) {
        // The port refuses a missing sheet; only then is the workbook asked whether it has one.
        if (spreadsheet.getSheetByName(SHEETS.indicators.name) === null) return { ok: true, title, indicators: null };
        throw error;
      }
    } catch (error) {
      return { ok: false, code: 'failed', message: messageOf(error) };
    }
  },
};
