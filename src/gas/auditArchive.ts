// «Маршрут → Перенести журнал изменений в архив…»: «Журнал изменений» only grows, and with it the workbook's
// cells. Its rows move to a new spreadsheet in one write, the live log loses them in one more, and only after the
// archive holds every row; the link stays in «Настройки» and an audit row says what happened.
import { AuditTrail } from '../core/intake/audit';
import type { Clock } from '../core/ports';
import { SHEETS } from '../core/schema/sheets';
import { readSettings, SETTING, setSetting } from '../core/settings';
import { isNoticeRow } from '../core/setup';
import { formatDay } from '../core/text';
import { scriptLock } from './services';
import { toSheetValue } from './sheetValues';
import { recordWorkbookCells } from './workbookHealth';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ArchiveResult {
  readonly moved: number;
  readonly url: string;
}

/** Moves every row of «Журнал изменений» to a new spreadsheet; null when there is nothing to move. */
export function archiveAuditLog(spreadsheet: Spreadsheet, actor: string, clock: Clock): ArchiveResult | null {
  return scriptLock.withLock(() => {
    const name = SHEETS.audit.name;
    const sheet = spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`Лист «${name}» не найден. Выполните «Маршрут → Настроить книгу».`);
    const [header = [], ...sheetRows] = sheet.getDataRange().getValues();
    const rows = sheetRows.filter((row) => !isNoticeRow(row));
    if (!rows.length) return null;

    const now = clock.now();
    const archive = SpreadsheetApp.create(`${spreadsheet.getName()} — ${name} до ${formatDay(now)}`, rows.length + 1, header.length);
    const target = archive.getSheets()[0]!.setName(name);
    // Values as read, text kept text (a «=…» or «1e3» in «Было»/«Стало» must not turn into a formula or a number).
    target.getRange(1, 1, rows.length + 1, header.length).setValues([header, ...rows].map((row) => row.map((v) => toSheetValue(v, true))));
    target.setFrozenRows(1);
    if (target.getLastRow() !== rows.length + 1) {
      throw new Error(`Архив ${archive.getUrl()} записан не полностью; журнал не изменён. Повторите команду.`);
    }
    // The link first: a run Google stops before its end leaves the rows in the log, or gone with the link kept.
    const workbook = snapshotOf(spreadsheet);
    const settings = workbook.table('settings');
    const links = readSettings(settings).get(SETTING.auditArchive);
    setSetting(settings, SETTING.auditArchive, links ? `${links}\n${archive.getUrl()}` : archive.getUrl());
    workbook.flush(); // and the snapshot forgets what it read: the log is read afresh below
    removeDataRows(sheet, sheetRows.length, header.length);

    new AuditTrail(workbook, clock, actor).record(
      'Журнал перенесён в архив',
      name,
      archive.getUrl(),
      'Перенесено записей',
      '',
      rows.length,
    );
    recordWorkbookCells(spreadsheet, workbook, now);
    workbook.flush();
    return { moved: rows.length, url: archive.getUrl() };
  });
}

/** Deletes the log's data rows (its grid shrinks); Sheets keeps at least one row below a frozen header. */
function removeDataRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, count: number, width: number): void {
  if (sheet.getMaxRows() > count + 1) {
    sheet.deleteRows(2, count);
    return;
  }
  if (count > 1) sheet.deleteRows(2, count - 1);
  sheet.getRange(2, 1, 1, width).clearContent();
}
