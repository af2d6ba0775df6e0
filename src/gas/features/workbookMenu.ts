// The menu «Маршрут» and its workbook-level items: set-up, forms, dropdown sync, rebuild of the registers (from the
// answers' archive and the response sheets).
import { FORMS, FORM_IDS } from '../../core/schema/forms';
import { rebuild, type IntakeRun, type NumberedSubmission } from '../../core/intake/service';
import { waitingSubmissions } from '../../core/intake/queue';
import type { Cell } from '../../core/ports';
import { setupWorkbook } from '../setupWorkbook';
import { createForms, formRegistry, syncFormChoices, takesAnswers, triggerOwnerNotes } from '../forms';
import { publishWebAccess, rememberOwner, takeOverAccessList, withAccess, workbookOwner } from '../access';
import { archivedRows, propertiesAfterStoppedMoves, SheetsResponseQueue } from '../responseQueue';
import { scriptLock } from '../services';
import { archivedSubmissions } from '../responseArchive';
import { isMunicipalWorkbook, markRegional, workbookKind } from '../regionWorkbook';
import type { WorkbookKind } from '../../core/schema/sheets';
import { active, confirmed, methodistDeps, toast } from './context';
import { topMenu } from '../installMode';
import { installTriggers } from '../triggers';

/**
 * The menu «Маршрут». The regional workbook gets its own: it holds no registers or forms, so it offers the summary,
 * the dashboard and the settings only (document properties are readable in onOpen's limited mode).
 */
export function onOpen(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  const ui = SpreadsheetApp.getUi();
  // An add-on opened in a document it was never used in runs in AuthMode.NONE: no service but the menu («Triggers
  // for Editor add-ons»). Only «Настроить книгу» is offered; its first click (LIMITED/FULL) sets up what is missing.
  if (e?.authMode === ScriptApp.AuthMode.NONE) {
    topMenu(ui).addItem('Настроить книгу', 'menuSetupWorkbook').addToUi();
    return;
  }
  if (workbookKind() === 'regional') {
    topMenu(ui)
      .addItem('Обновить сводку…', 'menuShowRegion')
      .addItem('Дашборд…', 'menuShowDashboard')
      .addItem('Обновить лист «Дашборд»', 'menuRebuildDashboard')
      .addSeparator()
      .addItem('Настроить книгу', 'menuSetupWorkbook')
      .addItem('Перенести журнал изменений в архив…', 'menuArchiveAuditLog')
      .addItem('Настройки…', 'menuShowSettings')
      .addToUi();
    return;
  }
  const region = ui
    .createMenu('Региональная сводка')
    .addItem('Настроить региональную книгу', 'menuSetupRegionalWorkbook')
    .addItem('Обновить сводку…', 'menuShowRegion');
  topMenu(ui)
    .addItem('Настроить книгу', 'menuSetupWorkbook')
    .addItem('Создать формы', 'menuCreateForms')
    .addItem('Обновить списки в формах', 'menuSyncFormChoices')
    .addSeparator()
    .addItem('Карантин…', 'menuShowQuarantine')
    .addItem('ИОМ: статус выделенной строки…', 'menuShowIom')
    .addItem('Показатели…', 'menuShowIndicators')
    .addItem('Дорожная карта…', 'menuShowRoadmap')
    .addItem('Дашборд…', 'menuShowDashboard')
    .addItem('Обновить лист «Дашборд»', 'menuRebuildDashboard')
    .addSeparator()
    .addItem('Импорт ответов из CSV/существующей формы…', 'menuShowImport')
    .addItem('Пересобрать реестры из ответов форм', 'menuRebuildRegisters')
    .addItem('Перенести журнал изменений в архив…', 'menuArchiveAuditLog')
    .addItem('Перенести обработанные ответы в архив…', 'menuArchiveResponses')
    .addSeparator()
    .addItem('Настройки…', 'menuShowSettings')
    .addSeparator()
    .addSubMenu(region)
    .addToUi();
}

/** Google calls onInstall (not onOpen) right after an add-on is installed from the document. */
export function onInstall(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  onOpen(e);
}

/**
 * The first run makes its user the workbook's owner; once there is an owner, set-up is for those with access. A
 * regional workbook is completed as regional.
 */
export function menuSetupWorkbook(): void {
  setUpAs(workbookKind());
}

/** A new spreadsheet becomes the regional workbook (SPEC §2); a municipal one stays municipal. */
export function menuSetupRegionalWorkbook(): void {
  if (!isMunicipalWorkbook(active())) return setUpAs('regional');
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Маршрут',
    'Эта книга уже настроена как книга муниципалитета. Региональную сводку ведите в отдельной новой таблице: ' +
      'создайте её и выполните там «Маршрут → Региональная сводка → Настроить региональную книгу».',
    ui.ButtonSet.OK,
  );
}

function setUpAs(kind: WorkbookKind): void {
  if (workbookOwner()) withAccess(() => setUp(kind));
  else setUp(kind);
}

function setUp(kind: WorkbookKind): void {
  if (kind === 'regional') markRegional();
  const summary = setupWorkbook(active(), kind);
  rememberOwner();
  takeOverAccessList(active());
  publishWebAccess(active()); // a workbook set up before the web app served by id: re-running the set-up publishes
  // The scheduler's trigger (and, with forms, the answers' two), or a workbook set up before moved onto it.
  installTriggers(active(), takesAnswers(active()));
  const parts = [
    summary.createdSheets.length ? `Созданы листы: ${summary.createdSheets.join(', ')}.` : 'Все листы уже были на месте.',
    summary.addedColumns ? `Добавлено столбцов: ${summary.addedColumns}.` : '',
    summary.addedSettings ? `Добавлено настроек: ${summary.addedSettings}.` : '',
  ];
  if (kind === 'regional') onOpen(); // the regional menu from now on
  const title = kind === 'regional' ? 'Региональная книга настроена' : 'Книга настроена';
  SpreadsheetApp.getUi().alert(title, parts.filter(Boolean).join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuCreateForms(): void {
  // A menu opened before the workbook became regional still offers it: the regional workbook takes no answers.
  if (workbookKind() === 'regional') {
    SpreadsheetApp.getUi().alert(
      'Маршрут',
      'Это региональная книга: формы создаются в книгах муниципалитетов.',
      SpreadsheetApp.getUi().ButtonSet.OK,
    );
    return;
  }
  withAccess(createAllForms);
}

function createAllForms(): void {
  toast('Создаю формы и подключаю обработчики ответов… Это займёт до минуты.');
  const summary = createForms(active());
  const lines = [
    summary.created.length ? `Созданы формы: ${summary.created.join(', ')}.` : 'Все формы уже созданы.',
    summary.triggersCreated ? `Подключено обработчиков ответов: ${summary.triggersCreated}.` : '',
    ...triggerOwnerNotes(summary),
    'Ссылки на формы — на листе «Настройки».',
  ];
  SpreadsheetApp.getUi().alert('Формы', lines.filter(Boolean).join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function menuSyncFormChoices(): void {
  withAccess(() => toast(`Обновлено списков в формах: ${syncFormChoices(active())}.`));
}

export function menuRebuildRegisters(): void {
  withAccess(rebuildRegisters);
}

function rebuildRegisters(): void {
  const proceed = confirmed(
    'Пересобрать реестры',
    'Записи реестров, пришедшие из форм, будут заново собраны из листов ответов: правки, сделанные в таких ' +
      'записях прямо на листе, заменятся ответами. Статусы и комментарии, выставленные в панели ИОМ, записи из ' +
      'импорта CSV и внесённые вручную строки сохранятся. Продолжить?',
  );
  if (!proceed) return;
  const ui = SpreadsheetApp.getUi();
  const spreadsheet = active();
  toast('Пересборка реестров из ответов форм… Не закрывайте книгу: это может занять несколько минут.');
  const deps = methodistDeps();
  const receivedAt = deps.clock.now(); // of the answers without a readable «Отметка времени»
  const registry = formRegistry(spreadsheet);
  // Rows a stopped archive counted as moved leave their sheet first: read there too, they would be replayed twice.
  const stored = scriptLock.withLock(() => propertiesAfterStoppedMoves(spreadsheet, PropertiesService.getDocumentProperties()));
  // The archive's answers first (the older ones), then what the response sheets still hold: the same ids as before.
  const items: NumberedSubmission[] = archivedSubmissions(spreadsheet, registry, stored, receivedAt);
  for (const [form, { sheetName }] of registry) {
    const sheet = spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`Лист ответов «${sheetName}» не найден. Проверьте «Настройки».`);
    const [header = [], ...rows] = sheet.getDataRange().getValues() as Cell[][];
    const waiting = rows.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
    items.push(
      ...waitingSubmissions(
        {
          form,
          sheetKey: String(sheet.getSheetId()),
          header: header.map(String),
          rows: waiting,
          archived: archivedRows(stored, sheet.getSheetId()),
        },
        'Пересборка',
        receivedAt,
      ),
    );
  }
  const run = rebuild(deps, items);
  // Every response has been replayed: nothing waits in the queue any more.
  new SheetsResponseQueue(spreadsheet, registry).settleAll();
  ui.alert('Реестры пересобраны', reportLines(run.report).join('\n'), ui.ButtonSet.OK);
}

function reportLines(report: IntakeRun['report']): string[] {
  return FORM_IDS.filter((id) => report[id].received).map(
    (id) => `«${FORMS[id].title}»: получено ${report[id].received}, принято ${report[id].accepted}, в карантине ${report[id].quarantined}`,
  );
}
