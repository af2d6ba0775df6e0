// The installable triggers Google calls: a form response and a hand edit of the sheets that feed the dropdowns.
import { submit } from '../../core/intake/service';
import { SHEETS } from '../../core/schema/sheets';
import { formIdOf, formRegistry, responseToSubmission, syncFormChoices, SOURCE_FORM } from '../forms';
import { intakeDeps } from '../services';

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
