// The HTML dashboard as HtmlService serves it: the self-contained page file with its payload embedded (the data, or
// a refusal that carries none). Who may see it: the workbook's owner and the access list — in a web app, the visitor
// as Google identifies her (Session.getActiveUser), never the script's own account.
import { dashboardPage, type DashboardPayload } from '../core/dashboard/page';
import { accessList, workbookOwner } from './access';

export const DASHBOARD_PAGE = 'Dashboard';

export function dashboardHtml(payload: DashboardPayload, title: string): GoogleAppsScript.HTML.HtmlOutput {
  const template = HtmlService.createHtmlOutputFromFile(DASHBOARD_PAGE).getContent();
  return HtmlService.createHtmlOutput(dashboardPage(template, payload)).setTitle(title);
}

/**
 * Why the web app's visitor may not see the dashboard, or null when she may. Only Session.getActiveUser() names the
 * visitor: a web app run «as me» falls back to nobody, not to its owner (Google leaves the active user's e-mail
 * empty when its policies hide it: developers.google.com/apps-script/reference/base/session#getActiveUser()).
 */
export function webAppRefusal(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null): string | null {
  if (!spreadsheet) return 'Дашборд недоступен: веб-приложение не связано с книгой «Маршрута». Разверните его из редактора скриптов самой книги.';
  const visitor = Session.getActiveUser().getEmail().trim().toLowerCase();
  if (!visitor)
    return 'Не удалось узнать ваш адрес Google. Войдите в аккаунт Google и откройте ссылку снова. Если вы уже вошли, попросите владельца книги развернуть веб-приложение с настройкой «Выполнять от имени: пользователь, открывший приложение».';
  if (visitor === workbookOwner() || (accessList() ?? []).includes(visitor)) return null;
  // The owner's address is not told: a web app is open to any Google account.
  return `Нет доступа: адреса ${visitor} нет в списке доступа этой книги. Дашборд видят только адреса из списка: попросите владельца книги добавить вас.`;
}
