// Who may open the panels with personal data and run the menu actions that change registers: the person who set
// the workbook up (its owner) and the e-mails of the access list. The list is kept in document properties, which
// only the add-on's code writes (and it lets only the owner change them) — not in the sheet, which every editor
// can rewrite. «Настройки → Список доступа» is a protected mirror of it, written by the add-on.
import * as z from 'zod';
import { accessListText, ACCESS_ACTION, normalizeAccessList, recordAccessList } from '../core/accessList';
import { AuditTrail } from '../core/intake/audit';
import { readSettings, SETTING, splitEmails } from '../core/settings';
import { SHEETS, type WorkbookKind } from '../core/schema/sheets';
import { Workbook } from '../core/workbook';
import { workbookKind } from './regionWorkbook';
import { currentUserEmail, scriptLock, systemClock } from './services';
import { SheetsWorkbookPort } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const OWNER_PROPERTY = 'marshrut.owner';
/** JSON array of e-mails; absent until the owner takes over the list typed in the sheet (older workbooks). */
const ACCESS_PROPERTY = 'marshrut.accessList';
const MIRROR_PROTECTION = 'Маршрут: список доступа меняет только владелец книги («Маршрут → Настройки…»)';

const properties = () => PropertiesService.getDocumentProperties();

export function rememberOwner(): void {
  if (!workbookOwner()) properties().setProperty(OWNER_PROPERTY, currentUserEmail().toLowerCase());
}

/** The e-mail of who set the workbook up; '' before «Настроить книгу». */
export const workbookOwner = (): string => properties().getProperty(OWNER_PROPERTY) ?? '';

/** The access list, or null while the owner has not taken over the sheet's list yet. */
export function accessList(): string[] | null {
  const stored = properties().getProperty(ACCESS_PROPERTY);
  if (stored === null) return null;
  const parsed = z.array(z.string()).safeParse(safeJson(stored));
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The caller's e-mail when the owner or on the list; else a Russian «Нет доступа…». */
export function assertAccess(spreadsheet: Spreadsheet): string {
  const user = currentUserEmail().toLowerCase();
  if (!user) throw new Error('Не удалось определить ваш e-mail. Войдите в аккаунт Google и откройте книгу снова.');
  const owner = workbookOwner();
  if (user === owner) {
    takeOverAccessList(spreadsheet);
    return user;
  }
  if (!owner) throw new Error('Нет доступа: книга ещё не настроена. Выполните «Маршрут → Настроить книгу».');
  const list = accessList();
  if (list === null)
    throw new Error(
      `Нет доступа: владелец книги (${owner}) ещё не подтвердил список доступа. Попросите его открыть «Маршрут → Настройки…».`,
    );
  if (!list.includes(user))
    throw new Error(
      `Нет доступа: ${user} нет в списке доступа этой книги. Попросите владельца книги (${owner}) добавить вас в «Маршрут → Настройки…».`,
    );
  return user;
}

/** Only the owner may change the access list (and, later, the other protected settings). */
export function assertOwner(spreadsheet: Spreadsheet): string {
  const user = assertAccess(spreadsheet);
  if (user !== workbookOwner()) throw new Error(`Менять список доступа может только владелец книги (${workbookOwner()}).`);
  return user;
}

/** A menu action that changes registers: run only for a caller with access, else a Russian alert. */
export function withAccess(action: () => void): void {
  let refusal = '';
  try {
    assertAccess(SpreadsheetApp.getActiveSpreadsheet());
  } catch (error) {
    refusal = error instanceof Error ? error.message : String(error);
  }
  if (!refusal) return action();
  const ui = SpreadsheetApp.getUi();
  ui.alert('Маршрут', refusal, ui.ButtonSet.OK);
}

/** Once per workbook, by the owner: the list typed in «Настройки» before the add-on protected it becomes the list. */
export function takeOverAccessList(spreadsheet: Spreadsheet): void {
  if (accessList() !== null) return;
  changeAccessList(spreadsheet, ACCESS_ACTION.takenOver, (workbook) =>
    splitEmails(readSettings(workbook.table('settings')).get(SETTING.access)),
  );
}

/** The owner's save from the settings panel; returns the list as stored. */
export function saveAccessList(spreadsheet: Spreadsheet, emails: readonly string[]): string[] {
  const list = normalizeAccessList(emails);
  changeAccessList(spreadsheet, ACCESS_ACTION.changed, () => list);
  return list;
}

function changeAccessList(spreadsheet: Spreadsheet, action: string, next: (workbook: Workbook) => string[]): void {
  const owner = currentUserEmail().toLowerCase();
  scriptLock.withLock(() => {
    const workbook = new Workbook(new SheetsWorkbookPort(spreadsheet));
    const before = accessList();
    const after = next(workbook);
    if (before !== null && accessListText(before) === accessListText(after)) return;
    properties().setProperty(ACCESS_PROPERTY, JSON.stringify(after));
    // Taking over an empty list changes nothing a person would see: no audit row for a new workbook.
    if (accessListText(before ?? []) === accessListText(after)) return;
    recordAccessList(workbook, new AuditTrail(workbook, systemClock, owner), action, before ?? [], after);
    workbook.flush();
  });
  protectMirror(spreadsheet, owner);
  publishWebAccess(spreadsheet);
}

/**
 * The add-on's one web app serves every workbook from outside all of them, where there are no document properties:
 * each workbook publishes its owner, list and kind as developer metadata of PROJECT visibility — only this script
 * project reads or writes it (no UI shows it, no other script sees it), and its code writes it only from the
 * properties above (developers.google.com/apps-script/reference/spreadsheet/developer-metadata-visibility).
 */
const WEB_ACCESS_KEY = 'marshrut.webAccess';
const webAccessSchema = z.object({ owner: z.string(), list: z.array(z.string()), kind: z.enum(['municipal', 'regional']) });
export type WebAccess = { readonly owner: string; readonly list: readonly string[]; readonly kind: WorkbookKind };

/** The access of the active workbook as its document properties hold it. */
export const ownAccess = (): WebAccess => ({ owner: workbookOwner(), list: accessList() ?? [], kind: workbookKind() });

/** Writes the metadata when it differs from the document properties (one read when it does not). */
export function publishWebAccess(spreadsheet: Spreadsheet): void {
  const value = JSON.stringify(ownAccess());
  const existing = spreadsheet.getDeveloperMetadata().filter((m) => m.getKey() === WEB_ACCESS_KEY);
  if (existing.length === 1 && existing[0]!.getValue() === value) return;
  existing.forEach((m) => m.remove());
  spreadsheet.addDeveloperMetadata(WEB_ACCESS_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}

/** What a workbook opened by id published, or null (set up before the web app served by id, or damaged). */
export function publishedWebAccess(spreadsheet: Spreadsheet): WebAccess | null {
  const entry = spreadsheet.getDeveloperMetadata().find((m) => m.getKey() === WEB_ACCESS_KEY);
  const parsed = webAccessSchema.safeParse(safeJson(entry?.getValue() ?? ''));
  return parsed.success ? parsed.data : null;
}

/**
 * The mirror cell is editable by the owner only (Google's own recipe: add yourself, remove every other editor,
 * no domain-wide edit — developers.google.com/apps-script/reference/spreadsheet/protection).
 */
function protectMirror(spreadsheet: Spreadsheet, owner: string): void {
  const sheet = spreadsheet.getSheetByName(SHEETS.settings.name);
  if (!sheet) return;
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const keyColumn = header.indexOf(SHEETS.settings.columns[0].header);
  const valueColumn = header.indexOf(SHEETS.settings.columns[1].header);
  const row = values.findIndex((r) => String(r[keyColumn]).trim() === SETTING.access);
  if (keyColumn < 0 || valueColumn < 0 || row < 1) return;
  const cell = sheet.getRange(row + 1, valueColumn + 1);
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === MIRROR_PROTECTION);
  if (existing.some((p) => p.getRange().getA1Notation() === cell.getA1Notation())) return;
  existing.forEach((p) => p.remove());
  const protection = cell.protect().setDescription(MIRROR_PROTECTION);
  protection.addEditor(owner);
  protection.removeEditors(
    protection
      .getEditors()
      .map((u) => u.getEmail())
      .filter((e) => e.toLowerCase() !== owner),
  );
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
