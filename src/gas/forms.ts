// The four Google Forms over FormApp: creation from the declarative FormSpec with this spreadsheet as their
// destination, the spreadsheet's triggers (triggers.ts: responses, hand edits, the scheduler), data-driven choice lists.
import { FORMS, FORM_IDS, type DynamicChoices, type FormId, type FormSpec, type QuestionSpec } from '../core/schema/forms';
import { formIdSetting, formSheetSetting, formUrlSetting, readSettings, setSetting } from '../core/settings';
import { dynamicChoices } from '../core/formChoices';
import type { Workbook } from '../core/workbook';
import { currentUserEmail } from './services';
import { installTriggers } from './triggers';
import { workbookKind } from './regionWorkbook';
import { recordWorkbookCells, trimColumns } from './workbookHealth';
import { snapshotOf } from './workbookPort';

type Form = GoogleAppsScript.Forms.Form;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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

/** A municipal workbook whose forms exist: its answers need the form-submit and on-edit triggers. */
export const takesAnswers = (spreadsheet: Spreadsheet): boolean => workbookKind() === 'municipal' && formRegistry(spreadsheet).size > 0;

export interface FormsSummary {
  created: string[];
  existing: string[];
  triggersCreated: number;
  /** Whose installable triggers process the answers (they run as that user). */
  triggersOwner: string;
}

/**
 * Creates what is missing: the forms, their destination sheets (hidden, answers kept as typed) and the triggers
 * (triggers.ts: every form's responses, hand edits, the one scheduler trigger whose tick drains the queue). The
 * triggers are one person's, the first who runs this: they run as her, and a colleague running it later gets no
 * second set (every job would run twice) and is told whose triggers serve it; «Настройки…» lets her take them over.
 */
export function createForms(spreadsheet: Spreadsheet): FormsSummary {
  const workbook = snapshotOf(spreadsheet);
  const choices = dynamicChoices(workbook);
  const settings = workbook.table('settings');
  const registry = formRegistry(spreadsheet, workbook);
  const summary: FormsSummary = { created: [], existing: [], triggersCreated: 0, triggersOwner: '' };
  for (const id of FORM_IDS) {
    const spec = FORMS[id];
    let form = registry.has(id) ? openForm(registry.get(id)!.formId) : null;
    if (form) summary.existing.push(spec.title);
    else {
      form = buildForm(spec, choices);
      const sheetName = attachDestination(spreadsheet, form);
      setSetting(settings, formIdSetting(id), form.getId());
      setSetting(settings, formSheetSetting(id), sheetName);
      setSetting(settings, formUrlSetting(id), form.getPublishedUrl());
      summary.created.push(spec.title);
    }
  }
  const triggers = installTriggers(spreadsheet, true);
  summary.triggersCreated = triggers.created;
  summary.triggersOwner = triggers.owner;
  if (summary.created.length) recordWorkbookCells(spreadsheet, workbook);
  workbook.flush();
  return summary;
}

/** What «Создать формы» tells a methodist about the triggers, in her words. */
export function triggerOwnerNotes(summary: FormsSummary): string[] {
  if (summary.triggersOwner === currentUserEmail().toLowerCase()) return [];
  return [
    `Ответы форм обрабатываются от имени ${summary.triggersOwner}: обработчики подключены из этой учётной записи, второй набор не нужен.`,
  ];
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
    addItem(form, question, question.choicesFrom ? choices[question.choicesFrom] : (question.choices ?? []));
  }
  return form;
}

/** Google adds the destination sheet itself; we find it, name it after the form and hide it. */
function attachDestination(spreadsheet: Spreadsheet, form: Form): string {
  const before = new Set(spreadsheet.getSheets().map((s) => s.getSheetId()));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheet.getId());
  // The sheet Google adds may not be visible through the handle we hold: flush and look through a fresh one.
  SpreadsheetApp.flush();
  const fresh = SpreadsheetApp.openById(spreadsheet.getId());
  const sheet = fresh.getSheets().find((s) => !before.has(s.getSheetId()));
  if (!sheet) throw new Error(`Google не создал лист ответов для формы «${form.getTitle()}». Повторите команду.`);
  const name = `Ответы — ${form.getTitle()}`; // no «:», which Excel forbids in sheet names (XLSX export)
  if (!fresh.getSheetByName(name)) sheet.setName(name);
  // Only the header's columns (time, e-mail, one per question): the empty ones right of it cost a cell per answer.
  trimColumns(sheet, sheet.getLastColumn());
  keepAnswersAsText(sheet);
  sheet.hideSheet();
  return sheet.getName();
}

/**
 * Google writes each answer into the response sheet as if typed there: «+7 999» would become 7999, «1.5» the 1st of
 * May, «007» 7 — and the raw sheet is what a rebuild replays. Formatted as plain text («@»), every column but
 * «Отметка времени» keeps the answer's text (Google's own advice for leading zeros); rows Google appends take the
 * format of the row above.
 */
function keepAnswersAsText(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const columns = sheet.getMaxColumns() - 1;
  if (columns > 0) sheet.getRange(1, 2, sheet.getMaxRows(), columns).setNumberFormat('@');
}

/** Puts the current ОО names and event labels into every data-driven dropdown of every form. */
export function syncFormChoices(
  spreadsheet: Spreadsheet,
  only?: FormId,
  known?: FormRegistry,
  computed?: Record<DynamicChoices, string[]>,
): number {
  // Choices a caller computed from its own snapshot (the drain) spare two sheet reads.
  const workbook = computed && known ? null : snapshotOf(spreadsheet);
  const choices = computed ?? dynamicChoices(workbook!);
  const registry = known ?? formRegistry(spreadsheet, workbook!);
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
