// The only module whose exports become Apps Script globals (scripts/build.mjs turns each export into a
// top-level function declaration): menus, triggers and the sidebars' google.script.run targets.
import { z } from 'zod';
import { FORMS, FORM_IDS, type FormId } from '../core/schema/forms';
import { submit, rebuild, type IntakeDeps, type NumberedSubmission } from '../core/intake/service';
import { dismissEntry, listQuarantine, reprocessAll, reprocessOne } from '../core/intake/quarantineService';
import { changeIomStatus, readIom } from '../core/iom/lifecycle';
import { SHEETS } from '../core/schema/sheets';
import { parseCsvTable } from '../core/csv/table';
import { mapFormColumns } from '../core/csv/formColumns';
import { formatDateTime, formatDay, isDate } from '../core/text';
import { setupWorkbook } from './setupWorkbook';
import { createForms, formIdOf, formRegistry, responseToSubmission, syncFormChoices, SOURCE_FORM } from './forms';
import { assertAccess, rememberOwner } from './access';
import { currentUserEmail, intakeDeps } from './services';
import { tableToSubmissions, valuesToTable, type ResponseLookup } from './responseSheets';
import { showPage } from './pages';
import { importReference, REFERENCE_FILES, type ReferenceSheet } from '../core/reference';

const active = () => SpreadsheetApp.getActiveSpreadsheet();
const methodistDeps = (): IntakeDeps => intakeDeps(active(), currentUserEmail());
const toast = (message: string) => active().toast(message, 'Маршрут', 8);

export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Маршрут')
    .addItem('Настроить книгу', 'menuSetupWorkbook')
    .addItem('Создать формы', 'menuCreateForms')
    .addItem('Обновить списки в формах', 'menuSyncFormChoices')
    .addSeparator()
    .addItem('Карантин…', 'menuShowQuarantine')
    .addItem('ИОМ: статус выделенной строки…', 'menuShowIom')
    .addSeparator()
    .addItem('Импорт ответов из CSV/существующей формы…', 'menuShowImport')
    .addItem('Пересобрать реестры из ответов форм', 'menuRebuildRegisters')
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

export function menuSetupWorkbook(): void {
  const summary = setupWorkbook(active());
  rememberOwner();
  const parts = [
    summary.createdSheets.length ? `Созданы листы: ${summary.createdSheets.join(', ')}.` : 'Все листы уже были на месте.',
    summary.addedColumns ? `Добавлено столбцов: ${summary.addedColumns}.` : '',
    summary.addedSettings ? `Добавлено настроек: ${summary.addedSettings}.` : '',
  ];
  SpreadsheetApp.getUi().alert('Книга настроена', parts.filter(Boolean).join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuCreateForms(): void {
  toast('Создаю формы и подключаю обработчики ответов… Это займёт до минуты.');
  const summary = createForms(active());
  const lines = [
    summary.created.length ? `Созданы формы: ${summary.created.join(', ')}.` : 'Все формы уже созданы.',
    summary.triggersCreated ? `Подключено обработчиков ответов: ${summary.triggersCreated}.` : '',
    'Ссылки на формы — на листе «Настройки».',
  ];
  SpreadsheetApp.getUi().alert('Формы', lines.filter(Boolean).join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuSyncFormChoices(): void {
  const updated = syncFormChoices(active());
  toast(`Обновлено списков в формах: ${updated}.`);
}

/** Installable form-submit trigger, one per form: the response goes through the intake pipeline. */
export function onFormSubmitTrigger(e: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  const spreadsheet = SpreadsheetApp.openById(e.source.getDestinationId());
  const registry = formRegistry(spreadsheet);
  const form = formIdOf(registry, e.source);
  if (!form) throw new Error(`Форма «${e.source.getTitle()}» не зарегистрирована в листе «Настройки» этой книги.`);
  const deps = intakeDeps(spreadsheet, e.response.getRespondentEmail() || SOURCE_FORM);
  const run = submit(deps, [{ submission: responseToSubmission(form, e.response), row: 0 }]);
  if (form === 'events' && run.report.events.accepted) syncFormChoices(spreadsheet, 'participation', registry);
}

/** Installable on-edit trigger: a changed ОО list or event register refreshes the forms' dropdowns. */
export function onSheetEditTrigger(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const name = e.range.getSheet().getName();
  if (name === SHEETS.organizations.name || name === SHEETS.events.name) syncFormChoices(e.source);
}

export function menuRebuildRegisters(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    'Пересобрать реестры',
    'Записи реестров, пришедшие из форм, будут заново собраны из листов ответов. Записи из импорта CSV и ' +
      'внесённые вручную сохранятся. Продолжить?',
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  const spreadsheet = active();
  toast('Пересборка реестров из ответов форм… Не закрывайте книгу: это может занять несколько минут.');
  const items: NumberedSubmission[] = [];
  for (const [form, { formId, sheetName }] of formRegistry(spreadsheet)) {
    const sheet = spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`Лист ответов «${sheetName}» не найден. Проверьте «Настройки».`);
    items.push(...tableToSubmissions(form, valuesToTable(sheet.getDataRange().getValues()), 'Пересборка', responsesOf(formId)));
  }
  const run = rebuild(methodistDeps(), items);
  ui.alert('Реестры пересобраны', reportLines(run.report).join('\n'), ui.ButtonSet.OK);
}

/**
 * Live responses by submission time (to the second, as the response sheet shows it), so rebuilt rows keep their
 * response id and edit link. Responses of the same second are handed out in order.
 */
function responsesOf(formId: string): ResponseLookup {
  const bySecond = new Map<number, { responseId: string; editUrl: string }[]>();
  for (const response of FormApp.openById(formId).getResponses()) {
    const second = Math.floor(response.getTimestamp().getTime() / 1000);
    const list = bySecond.get(second) ?? [];
    list.push({ responseId: response.getId(), editUrl: response.getEditResponseUrl() });
    bySecond.set(second, list);
  }
  return (timestamp) => (timestamp && bySecond.get(Math.floor(timestamp.getTime() / 1000))?.shift()) || { responseId: '', editUrl: '' };
}

function reportLines(report: ReturnType<typeof submit>['report']): string[] {
  return FORM_IDS.filter((id) => report[id].received).map(
    (id) =>
      `«${FORMS[id].title}»: получено ${report[id].received}, принято ${report[id].accepted}, в карантине ${report[id].quarantined}`,
  );
}

// ---- Sidebars -------------------------------------------------------------------------------------------

export function menuShowQuarantine(): void {
  showPage('Quarantine', 'Карантин');
}

export function menuShowIom(): void {
  showPage('Iom', 'ИОМ');
}

export function menuShowImport(): void {
  showPage('Import', 'Импорт ответов');
}

/** A sidebar's request, validated; a malformed one (an outdated panel) gets words a methodist can act on. */
function payloadOf<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error('Панель прислала неполный запрос. Закройте её и откройте снова из меню «Маршрут».');
  return parsed.data;
}

const shown = (v: unknown) => (isDate(v) ? formatDateTime(v) : String(v ?? ''));

export function rpcQuarantineList() {
  assertAccess(active());
  return listQuarantine(methodistDeps()).map((e) => ({ ...e, receivedAt: shown(e.receivedAt) }));
}

const reprocessPayload = z.object({ id: z.string().min(1), answers: z.record(z.string(), z.string()).optional() });

export function rpcQuarantineReprocess(payload: unknown) {
  assertAccess(active());
  const { id, answers } = payloadOf(reprocessPayload, payload);
  return reprocessOne(methodistDeps(), id, answers);
}

export function rpcQuarantineReprocessAll() {
  assertAccess(active());
  return reprocessAll(methodistDeps());
}

const dismissPayload = z.object({ id: z.string().min(1), comment: z.string() });

export function rpcQuarantineDismiss(payload: unknown) {
  assertAccess(active());
  const { id, comment } = payloadOf(dismissPayload, payload);
  dismissEntry(methodistDeps(), id, comment);
  return { ok: true };
}

/** The IOM of the selected row of «ИОМ», for the life-cycle sidebar. */
export function rpcIomCurrent() {
  const spreadsheet = active();
  assertAccess(spreadsheet);
  const range = spreadsheet.getActiveRange();
  if (!range || range.getSheet().getName() !== SHEETS.iom.name)
    throw new Error('Откройте лист «ИОМ» и выделите строку с ИОМ.');
  return iomView(readIom(methodistDeps(), range.getRow() - 2));
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

function iomView(view: ReturnType<typeof readIom>) {
  const row: Record<string, string> = {};
  for (const column of SHEETS.iom.columns) row[column.header] = isDate(view.row[column.key]) ? formatDay(view.row[column.key] as Date) : String(view.row[column.key] ?? '');
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

const importSource = z.object({
  form: z.enum(FORM_IDS as [FormId, ...FormId[]]),
  csvText: z.string().max(20_000_000).optional(),
  sheetName: z.string().optional(),
  mapping: z.record(z.string(), z.string()).optional(),
});

function importTable(source: z.infer<typeof importSource>) {
  if (source.sheetName) {
    const sheet = active().getSheetByName(source.sheetName);
    if (!sheet) throw new Error(`Лист «${source.sheetName}» не найден.`);
    return valuesToTable(sheet.getDataRange().getValues());
  }
  if (!source.csvText) throw new Error('Выберите CSV-файл или лист с ответами.');
  return parseCsvTable(source.csvText);
}

/** The column-mapping step: which column feeds which question, and which required ones are missing. */
export function rpcImportPreview(payload: unknown) {
  assertAccess(active());
  const source = payloadOf(importSource, payload);
  const table = importTable(source);
  const mapping = mapFormColumns(table.headers, FORMS[source.form], source.mapping);
  return {
    headers: table.headers,
    rows: table.rows.length,
    questions: FORMS[source.form].questions.map((q) => ({
      key: q.key,
      title: q.title,
      required: Boolean(q.required),
      column: mapping.questions[q.key] ?? -1,
    })),
    timestampColumn: mapping.timestamp,
    emailColumn: mapping.email,
    missingRequired: mapping.missingRequired,
    sample: table.rows.slice(0, 3),
  };
}

export function rpcImportRun(payload: unknown) {
  assertAccess(active());
  const source = payloadOf(importSource, payload);
  const items = tableToSubmissions(source.form, importTable(source), 'Импорт CSV', undefined, source.mapping);
  const run = submit(methodistDeps(), items);
  if (source.form === 'events') syncFormChoices(active(), 'participation');
  return run.report[source.form];
}

const referencePayload = z.object({
  sheet: z.enum(Object.keys(REFERENCE_FILES) as [ReferenceSheet, ...ReferenceSheet[]]),
  csvText: z.string().max(20_000_000),
});

/** Loads «Организации», «Педагоги» or «Диагностика» from a CSV with the columns of SPEC §3. */
export function rpcImportReference(payload: unknown) {
  assertAccess(active());
  const { sheet, csvText } = payloadOf(referencePayload, payload);
  const report = importReference(methodistDeps(), sheet, csvText);
  if (sheet === 'organizations') syncFormChoices(active());
  return report;
}
