// The HTML dashboard as HtmlService serves it: the self-contained page file with its payload embedded (the data, or
// a refusal that carries none). Who may see it: the workbook's owner and the access list — in a web app, the visitor
// as Google identifies her (Session.getActiveUser), never the script's own account.
import { dashboardPage, type DashboardPayload } from '../core/dashboard/page';
import { ownAccess, publishedWebAccess, type WebAccess } from './access';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const DASHBOARD_PAGE = 'Dashboard';

export function dashboardHtml(payload: DashboardPayload, title: string): GoogleAppsScript.HTML.HtmlOutput {
  const template = HtmlService.createHtmlOutputFromFile(DASHBOARD_PAGE).getContent();
  return HtmlService.createHtmlOutput(dashboardPage(template, payload)).setTitle(title);
}

/** `npm run deploy:prod` writes its versioned deployment's URL here in build/Code.js (scripts/deploy.mjs). */
const DEPLOYED_WEB_APP = '@@MARSHRUT_WEB_APP_URL@@';

/**
 * The link to a workbook's dashboard in the web app: one deployment serves every workbook, the workbook named by
 * `?id=`. The URL is the production deployment's when a release wrote it in; else Google's for this script (null
 * while it has no web app deployment).
 */
export function webAppLink(spreadsheet: Spreadsheet): string | null {
  const base = DEPLOYED_WEB_APP.startsWith('https://') ? DEPLOYED_WEB_APP : ScriptApp.getService().getUrl();
  return base ? `${base}?id=${encodeURIComponent(spreadsheet.getId())}` : null;
}

/** What the web app shows a visitor: the workbook she may see (and its kind), or why not. */
export type WebAppVisit = { readonly spreadsheet: Spreadsheet; readonly kind: WebAccess['kind'] } | { readonly refusal: string };

const DRIVE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The workbook of `?id=` (or, for a link without one, the workbook a bound script is deployed from), opened as the
 * visitor, and checked against its own access list. Only Session.getActiveUser() names the visitor: a web app run
 * «as me» falls back to nobody, not to its owner (Google leaves the active user's e-mail empty when its policies
 * hide it: developers.google.com/apps-script/reference/base/session#getActiveUser()).
 */
export function webAppVisit(id: string | undefined): WebAppVisit {
  const visitor = Session.getActiveUser().getEmail().trim().toLowerCase();
  if (!visitor)
    return {
      refusal:
        'Не удалось узнать ваш адрес Google. Войдите в аккаунт Google и откройте ссылку снова. Если вы уже вошли, попросите владельца книги развернуть веб-приложение с настройкой «Выполнять от имени: пользователь, открывший приложение».',
    };
  const container = SpreadsheetApp.getActiveSpreadsheet();
  const wanted = (id ?? '').trim();
  if (!wanted && !container)
    return { refusal: 'В ссылке не указана книга. Откройте дашборд по полной ссылке: её копируют в самой книге, в «Маршрут → Дашборд…».' };
  if (wanted && !DRIVE_ID.test(wanted))
    return {
      refusal: 'Ссылка на дашборд повреждена: в ней неверный номер книги. Скопируйте ссылку заново в самой книге, в «Маршрут → Дашборд…».',
    };
  let spreadsheet: Spreadsheet;
  let access: WebAccess | null;
  if (container && (!wanted || wanted === container.getId())) {
    spreadsheet = container;
    access = ownAccess();
  } else {
    try {
      spreadsheet = SpreadsheetApp.openById(wanted);
    } catch {
      // Deleted, unknown or not shared: one answer, so a link does not tell whether a file exists.
      return {
        refusal: `Книга по этой ссылке не открывается для ${visitor}: её удалили или не открыли вам доступ. Попросите владельца книги открыть её вам хотя бы на просмотр.`,
      };
    }
    access = publishedWebAccess(spreadsheet);
    if (!access)
      return {
        refusal:
          'Дашборд этой книги ещё не открыт по ссылке. Попросите владельца книги один раз выполнить «Маршрут → Настроить книгу» (данные не изменятся) и прислать ссылку снова.',
      };
  }
  if (visitor === access.owner || access.list.includes(visitor)) return { spreadsheet, kind: access.kind };
  // The owner's address is not told: a web app is open to any Google account.
  return {
    refusal: `Нет доступа: адреса ${visitor} нет в списке доступа этой книги. Дашборд видят только адреса из списка: попросите владельца книги добавить вас.`,
  };
}
