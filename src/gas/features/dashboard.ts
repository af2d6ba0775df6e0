// «Маршрут → Дашборд…» (the HTML dashboard in a dialog), «Обновить лист «Дашборд»» and the web app (doGet) that
// serves the same page — for the access list only; anyone else gets a refusal that carries no data.
import { withAccess } from '../access';
import { dashboardHtml, webAppRefusal } from '../dashboardPage';
import { dashboardOf, rebuildDashboard } from '../dashboardSheet';
import { active, toast } from './context';

const DIALOG = { width: 1100, height: 760 };
const titleOf = (name: string) => `Маршрут — дашборд: ${name}`;

export function menuShowDashboard(): void {
  withAccess(() => {
    const data = dashboardOf(active());
    const html = dashboardHtml({ data }, titleOf(data.title)).setWidth(DIALOG.width).setHeight(DIALOG.height);
    SpreadsheetApp.getUi().showModalDialog(html, `Дашборд: ${data.title}`);
  });
}

export function menuRebuildDashboard(): void {
  withAccess(() => {
    const data = rebuildDashboard(active());
    toast(`Лист «Дашборд» обновлён: ${data.title}.`);
  });
}

/** The web app: the same page, for the access list; a refusal page for anyone else. */
export function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const refusal = webAppRefusal(spreadsheet);
  const html = refusal === null ? dashboardHtml({ data: dashboardOf(spreadsheet) }, titleOf(spreadsheet.getName())) : dashboardHtml({ refusal }, 'Маршрут — нет доступа');
  return html.addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
