// The menu «Маршрут» and its workbook-level items: set-up, forms, dropdown sync, rebuild of the registers.
import { FORMS, FORM_IDS } from '../../core/schema/forms';
import { rebuild, type IntakeRun, type NumberedSubmission } from '../../core/intake/service';
import { setupWorkbook } from '../setupWorkbook';
import { createForms, formRegistry, syncFormChoices } from '../forms';
import { rememberOwner } from '../access';
import { tableToSubmissions, valuesToTable, type ResponseLookup } from '../responseSheets';
import { active, methodistDeps, toast } from './context';

export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Маршрут')
    .addItem('Настроить книгу', 'menuSetupWorkbook')
    .addItem('Создать формы', 'menuCreateForms')
    .addItem('Обновить списки в формах', 'menuSyncFormChoices')
    .addSeparator()
    .addItem('Карантин…', 'menuShowQuarantine')
    .addItem('ИОМ: статус выделенной строки…', 'menuShowIom')
    .addItem('Показатели…', 'menuShowIndicators')
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

function reportLines(report: IntakeRun['report']): string[] {
  return FORM_IDS.filter((id) => report[id].received).map(
    (id) =>
      `«${FORMS[id].title}»: получено ${report[id].received}, принято ${report[id].accepted}, в карантине ${report[id].quarantined}`,
  );
}
