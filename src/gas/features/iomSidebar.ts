// «Маршрут → ИОМ: статус выделенной строки…»: the IOM life-cycle sidebar and its RPCs.
import * as z from 'zod';
import { changeIomStatus, readIom, rememberEditLink, type IomView } from '../../core/iom/lifecycle';
import { SHEETS } from '../../core/schema/sheets';
import { formatDay, isDate } from '../../core/text';
import { assertAccess, withAccess } from '../access';
import { findEditLink } from '../editLinks';
import { formRegistry } from '../forms';
import { showPage } from '../pages';
import { active, methodistDeps } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowIom(): void {
  withAccess(() => showPage('Iom', 'ИОМ'));
}

/** The IOM of the selected row of «ИОМ», for the life-cycle sidebar. */
export function rpcIomCurrent() {
  const spreadsheet = active();
  assertAccess(spreadsheet);
  const range = spreadsheet.getActiveRange();
  if (!range || range.getSheet().getName() !== SHEETS.iom.name) throw new Error('Откройте лист «ИОМ» и выделите строку с ИОМ.');
  return iomView(withEditLink(spreadsheet, readIom(methodistDeps(), range.getRow() - 2)));
}

/** A row that came from a form response gets its edit link the first time it is opened here. */
function withEditLink(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, view: IomView): IomView {
  const sentAt = view.row.receivedAt;
  if (view.row.editUrl || !view.row.responseId || !isDate(sentAt)) return view;
  const url = findEditLink(formRegistry(spreadsheet), 'iom', sentAt, String(view.row.respondent ?? ''));
  return url ? rememberEditLink(methodistDeps(), view.index, view.key, url) : view;
}

const statusPayload = z.object({
  index: z.number().int().min(0),
  key: z.string(),
  status: z.string().min(1),
  comment: z.string().max(2000),
});

export function rpcIomChangeStatus(payload: unknown) {
  assertAccess(active());
  return iomView(changeIomStatus(methodistDeps(), payloadOf(statusPayload, payload)));
}

function iomView(view: IomView) {
  const row: Record<string, string> = {};
  for (const column of SHEETS.iom.columns)
    row[column.header] = isDate(view.row[column.key]) ? formatDay(view.row[column.key] as Date) : String(view.row[column.key] ?? '');
  return {
    index: view.index,
    key: view.key,
    description: view.description,
    status: String(view.row.status ?? ''),
    comment: String(view.row.methodistComment ?? ''),
    editUrl: String(view.row.editUrl ?? ''),
    nextStatuses: [...view.nextStatuses],
    row,
  };
}
