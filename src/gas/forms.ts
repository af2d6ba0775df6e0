// The four Google Forms over FormApp: creation from the declarative FormSpec with this spreadsheet as their
// destination, the spreadsheet's triggers (responses, hand edits, the 10-minute drain), data-driven choice lists.
import { FORMS, FORM_IDS, type FormId, type FormSpec, type QuestionSpec } from '../core/schema/forms';
import { formIdSetting, formSheetSetting, formUrlSetting, readSettings } from '../core/settings';
import { dynamicChoices } from '../core/formChoices';
import type { Workbook } from '../core/workbook';
import { snapshotOf } from './workbookPort';
import { DRAIN_EVERY_MINUTES, DRAIN_HANDLER, RESPONSE_HANDLER } from './drain';

type Form = GoogleAppsScript.Forms.Form;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SHEET_EDIT_HANDLER = 'onSheetEditTrigger';

function addItem(form: Form, question: QuestionSpec, choices: readonly string[]): void {
  const values = [...choices];
  const item = (() => {
    switch (question.kind) {
      case 'text':
        return form.addTextItem();
      case 'paragraph':
        return form.addParagraphTextItem();
      case 'date':
        return form.addDateItem();
      case 'list':
        return values.length ? form.addListItem().setChoiceValues(values) : form.addListItem();
      case 'radio':
        return form.addMultipleChoiceItem().setChoiceValues(values);
      case 'checkbox':
        return form.addCheckboxItem().setChoiceValues(values);
    }
  })();
  item.setTitle(question.title).setRequired(Boolean(question.required));
  if (question.help) item.setHelpText(question.help);
}

export type FormRegistry = Map<FormId, { formId: string; sheetName: string }>;

/** Form ids and response sheet names as recorded in «Настройки» (of the given snapshot, or read now). */
export function formRegistry(spreadsheet: Spreadsheet, workbook: Workbook = snapshotOf(spreadsheet)): FormRegistry {
  const settings = readSettings(workbook.table('settings'));
  const out = new Map<FormId, { formId: string; sheetName: string }>();
  for (const id of FORM_IDS) {
    const formId = settings.get(formIdSetting(id)) ?? '';
    if (formId) out.set(id, { formId, sheetName: settings.get(formSheetSetting(id)) ?? '' });
  }
  return out;
}

export interface FormsSummary {
  created: string[];
  existing: string[];
  triggersCreated: number;
}

/**
 * Creates what is missing: the forms, their destination sheets (hidden, free-text answers as plain text) and the
 * spreadsheet's three triggers — every form's responses, hand edits, the 10-minute drain of the queue.
 */
export function createForms(spreadsheet: Spreadsheet): FormsSummary {
  const workbook = snapshotOf(spreadsheet);
  const choices = dynamicChoices(workbook);
  const settings = workbook.table('settings');
  const registry = formRegistry(spreadsheet, workbook);
  const summary: FormsSummary = { created: [], existing: [], triggersCreated: 0 };
  const triggers = ScriptApp.getProjectTriggers();
  for (const id of FORM_IDS) {
    const spec = FORMS[id];
    let form = registry.has(id) ? openForm(registry.get(id)!.formId) : null;
    if (form) summary.existing.push(spec.title);
    else {
      form = buildForm(spec, choices);
      const sheetName = attachDestination(spreadsheet, form, spec);
      setSetting(settings, formIdSetting(id), form.getId());
      setSetting(settings, formSheetSetting(id), sheetName);
      setSetting(settings, formUrlSetting(id), form.getPublishedUrl());
      summary.created.push(spec.title);
    }
  }
  const ssId = spreadsheet.getId();
  const missing = (handler: string, sourceId: string | null) =>
    !triggers.some((t) => t.getHandlerFunction() === handler && (sourceId === null || t.getTriggerSourceId() === sourceId));
  // One form-submit trigger of the spreadsheet serves all four forms: it only marks the response's row as waiting.
  if (missing(RESPONSE_HANDLER, ssId)) {
    ScriptApp.newTrigger(RESPONSE_HANDLER).forSpreadsheet(spreadsheet).onFormSubmit().create();
    summary.triggersCreated++;
  }
  // Hand edits of «Организации» or «Мероприятия» refresh the dropdowns (script writes sync them directly).
  if (missing(SHEET_EDIT_HANDLER, ssId)) {
    ScriptApp.newTrigger(SHEET_EDIT_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
    summary.triggersCreated++;
  }
  // The safety net: whatever waits (a missed trigger, a lock time-out, an error) is drained within 10 minutes.
  if (missing(DRAIN_HANDLER, null)) {
    ScriptApp.newTrigger(DRAIN_HANDLER).timeBased().everyMinutes(DRAIN_EVERY_MINUTES).create();
    summary.triggersCreated++;
  }
  workbook.flush();
  return summary;
}

function setSetting(settings: ReturnType<Workbook['table']>, key: string, value: string): void {
  for (let i = 0; i < settings.size; i++) {
    if (settings.text(i, 'key') === key) {
      settings.update(i, { value });
      return;
    }
  }
  settings.append({ key, value });
}

function openForm(id: string): Form | null {
  try {
    return FormApp.openById(id);
  } catch {
    return null; // deleted by its owner: it is created anew
  }
}

function buildForm(spec: FormSpec, choices: Record<string, string[]>): Form {
  const form = FormApp.create(spec.title);
  form.setDescription(spec.description).setCollectEmail(spec.collectsEmail).setAllowResponseEdits(true);
  form.setConfirmationMessage('Спасибо! Ответ записан. Изменить его можно по ссылке «Изменить ответ».');
  for (const question of spec.questions) {
    addItem(form, question, question.choicesFrom ? choices[question.choicesFrom] : question.choices ?? []);
  }
  return form;
}

/** Google adds the destination sheet itself; we find it, name it after the form and hide it. */
function attachDestination(spreadsheet: Spreadsheet, form: Form, spec: FormSpec): string {
  const before = new Set(spreadsheet.getSheets().map((s) => s.getSheetId()));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheet.getId());
  // The sheet Google adds may not be visible through the handle we hold: flush and look through a fresh one.
  SpreadsheetApp.flush();
  const fresh = SpreadsheetApp.openById(spreadsheet.getId());
  const sheet = fresh.getSheets().find((s) => !before.has(s.getSheetId()));
  if (!sheet) throw new Error(`Google не создал лист ответов для формы «${form.getTitle()}». Повторите команду.`);
  const name = `Ответы — ${form.getTitle()}`; // no «:», which Excel forbids in sheet names (XLSX export)
  if (!fresh.getSheetByName(name)) sheet.setName(name);
  keepAnswersAsText(sheet, spec);
  sheet.hideSheet();
  return sheet.getName();
}

/**
 * The response sheet is the source of truth the drain reads, and Sheets would turn a typed answer like «001»,
 * «1e3» or «01.02» into a number or a date: every column but the timestamp and the date questions gets the plain
 * text format, which Google's form writer honours (the widespread fix for lost leading zeros). Formats only: the
 * sheet's content is never touched.
 */
function keepAnswersAsText(sheet: Sheet, spec: FormSpec): void {
  const kinds = [...(spec.collectsEmail ? ['email'] : []), ...spec.questions.map((q) => q.kind)];
  const rows = sheet.getMaxRows() - 1;
  for (let i = 0; i < kinds.length; ) {
    let j = i;
    while (j < kinds.length && kinds[j] !== 'date') j++;
    if (j > i && rows > 0) sheet.getRange(2, i + 2, rows, j - i).setNumberFormat('@');
    i = j + 1;
  }
}

/** Puts the current ОО names and event labels into every data-driven dropdown of every form. */
export function syncFormChoices(spreadsheet: Spreadsheet, only?: FormId, known?: FormRegistry): number {
  const workbook = snapshotOf(spreadsheet);
  const choices = dynamicChoices(workbook);
  const registry = known ?? formRegistry(spreadsheet, workbook);
  let updated = 0;
  for (const [id, { formId }] of registry) {
    if (only && id !== only) continue;
    const dynamic = FORMS[id].questions.filter((q) => q.choicesFrom);
    if (!dynamic.length) continue;
    const form = openForm(formId);
    if (!form) continue;
    for (const item of form.getItems(FormApp.ItemType.LIST)) {
      const question = dynamic.find((q) => q.title === item.getTitle());
      const values = question ? choices[question.choicesFrom!] : [];
      if (question && values.length) {
        item.asListItem().setChoiceValues(values);
        updated++;
      }
    }
  }
  return updated;
}
