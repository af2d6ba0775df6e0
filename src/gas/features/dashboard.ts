// «Маршрут → Дашборд…» (the HTML dashboard in a dialog, with the web app's link to copy), «Обновить лист «Дашборд»»
// and the web app (doGet): one deployment for every workbook, `?id=` naming it — the same page for that workbook's
// access list only; anyone else gets a refusal that carries no data.
import { withAccess } from '../access';
import { dashboardHtml, webAppLink, webAppVisit } from '../dashboardPage';
import { dashboardOf, rebuildDashboard } from '../dashboardSheet';
import { active, toast } from './context';

const DIALOG = { width: 1100, height: 760 };
const titleOf = (name: string) => `Маршрут — дашборд: ${name}`;

export function menuShowDashboard(): void {
  withAccess(() => {
    const data = dashboardOf(active());
    const html = dashboardHtml({ data, link: webAppLink(active()) }, titleOf(data.title))
      .setWidth(DIALOG.width)
      .setHeight(DIALOG.height);
    SpreadsheetApp.getUi().showModalDialog(html, `Дашборд: ${data.title}`);
  });
}

export function menuRebuildDashboard(): void {
  withAccess(() => {
    const data = rebuildDashboard(active());
    toast(`Лист «Дашборд» обновлён: ${data.title}.`);
  });
}

/** The web app: `?id=`'s workbook for its access list; a refusal page for anyone else or a bad link. */
export function doGet(e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  const visit = webAppVisit(e?.parameter?.id);
  const html =
    'refusal' in visit
      ? dashboardHtml({ refusal: visit.refusal }, 'Маршрут — нет доступа')
      : dashboardHtml({ data: dashboardOf(visit.spreadsheet, visit.kind) }, titleOf(visit.spreadsheet.getName()));
  return html.addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
