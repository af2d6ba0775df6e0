// The active workbook and the acting methodist, as every menu item and sidebar RPC sees them.
import type { IntakeDeps } from '../../core/intake/service';
import { currentUserEmail, intakeDeps } from '../services';

export const active = () => SpreadsheetApp.getActiveSpreadsheet();
export const methodistDeps = (): IntakeDeps => intakeDeps(active(), currentUserEmail());
export const toast = (message: string) => active().toast(message, 'Маршрут', 8);

/** A yes/no question before a sweeping action: true when the methodist answered «Да». */
export function confirmed(title: string, message: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
}
