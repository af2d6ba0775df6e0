// The workbook's installable triggers and whose they are (issue 16 §2). One methodist's account serves a workbook:
// her form-submit and on-edit triggers (municipal workbooks with forms) and her one scheduler trigger. Installable
// triggers run as their creator and ScriptApp lists only the caller's own, so the owner is recorded in document
// properties; a run of anyone else's trigger (the previous owner's, left after a take-over) removes that user's
// triggers and does nothing, so two owners never both run a job.
import { installMode, tickEvery } from './installMode';
import { digestsOn } from './digestSchedule';
import { systemClock } from './services';
import {
  effectiveUser,
  installSchedulerTrigger,
  JOB,
  myTriggers,
  requestJob,
  SCHEDULER_HANDLER,
  TRIGGERS_OWNER,
  triggersOwner,
} from './scheduler';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RESPONSE_HANDLER = 'onResponseTrigger';
export const SHEET_EDIT_HANDLER = 'onSheetEditTrigger';
/**
 * Handlers of earlier versions, each its own time-driven trigger: the 10-minute drain, the one-shot prompt drain, the
 * regional refresh's one-shot continuation, the digests' hourly trigger and, before it, their monthly trigger and
 * its follow-up. Set-up, «Создать формы» and a take-over remove the caller's; their jobs are rows of the scheduler.
 */
export const LEGACY_HANDLERS = [
  'onDrainTrigger',
  'onDrainSoonTrigger',
  'onRegionRefreshTrigger',
  'onDigestTrigger',
  'onDigestMonthlyTrigger',
  'onDigestFollowUpTrigger',
];
const OWN_HANDLERS = [RESPONSE_HANDLER, SHEET_EDIT_HANDLER, SCHEDULER_HANDLER, ...LEGACY_HANDLERS];

const properties = () => PropertiesService.getDocumentProperties();

export interface TriggersInstall {
  /** Triggers created now (the caller's missing ones). */
  readonly created: number;
  /** Earlier versions' triggers of the caller removed now. */
  readonly removed: number;
  /** Whose triggers serve the workbook after the call. */
  readonly owner: string;
}

/**
 * The caller's set, if she is the owner (or none is recorded yet): what is missing is created, earlier versions'
 * triggers removed (the migration of a workbook set up before). Someone else's set is left alone: her account
 * cannot see it, and a second set would run every job twice. `forms`: the workbook takes form answers.
 */
export function installTriggers(spreadsheet: Spreadsheet, forms: boolean): TriggersInstall {
  const me = effectiveUser();
  const owner = triggersOwner() || me;
  if (owner !== me) return { created: 0, removed: 0, owner };
  return { ...installOwnSet(spreadsheet, forms), owner: me };
}

/**
 * A methodist on the access list takes the triggers over: hers are installed, then she is recorded as the owner.
 * Nothing of the previous owner's is deleted (her triggers are invisible to this account): each of them, at its next
 * run, finds another owner recorded, removes its user's triggers and runs nothing (servesAsOwner).
 */
export function takeOverTriggers(spreadsheet: Spreadsheet, forms: boolean): TriggersInstall & { readonly previous: string } {
  const previous = triggersOwner();
  return { ...installOwnSet(spreadsheet, forms), owner: effectiveUser(), previous };
}

/** Google's 20 triggers per user per script, said in Russian with the way out (other errors pass unchanged). */
function inRussian<T>(create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (!/too many triggers/i.test(error instanceof Error ? error.message : String(error))) throw error;
    throw new Error(
      'Не удалось подключить обработчики «Маршрута»: у вашего аккаунта уже 20 триггеров этого скрипта — это предел Google. ' +
        'Удалите ненужные в редакторе Apps Script («Триггеры») и повторите.',
    );
  }
}

function installOwnSet(spreadsheet: Spreadsheet, forms: boolean): { created: number; removed: number } {
  return inRussian(() => installMissing(spreadsheet, forms));
}

function installMissing(spreadsheet: Spreadsheet, forms: boolean): { created: number; removed: number } {
  const mine = myTriggers();
  let removed = 0;
  for (const t of mine) {
    if (LEGACY_HANDLERS.includes(t.getHandlerFunction())) {
      ScriptApp.deleteTrigger(t);
      removed++;
    }
  }
  const ssId = spreadsheet.getId();
  const has = (handler: string) => mine.some((t) => t.getHandlerFunction() === handler && t.getTriggerSourceId() === ssId);
  let created = 0;
  if (forms && !has(RESPONSE_HANDLER)) {
    // Every form's answers: one form-submit trigger of the spreadsheet serves every form whose destination it is.
    ScriptApp.newTrigger(RESPONSE_HANDLER).forSpreadsheet(spreadsheet).onFormSubmit().create();
    created++;
  }
  if (forms && !has(SHEET_EDIT_HANDLER)) {
    // Hand edits of «Организации» or «Мероприятия» refresh the dropdowns (script writes sync them directly).
    ScriptApp.newTrigger(SHEET_EDIT_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
    created++;
  }
  if (installSchedulerTrigger()) created++;
  // The standing jobs (a row already there is never postponed); digests turned on before the scheduler get theirs.
  const now = systemClock.now().getTime();
  if (forms) requestJob(JOB.drain, now);
  if (digestsOn()) requestJob(JOB.digest, now);
  // Recorded after the triggers exist: a failed install (Google's 20 triggers) leaves the previous owner serving.
  properties().setProperty(TRIGGERS_OWNER, effectiveUser());
  return { created, removed };
}

/**
 * Whether this execution runs as the triggers' owner. A workbook with none recorded (set up before it was kept) is
 * claimed by the first run. Anyone else's run removes that user's own triggers: they are left from before a
 * take-over (or were installed by hand) and would run the jobs a second time.
 */
export function servesAsOwner(): boolean {
  const me = effectiveUser();
  const owner = triggersOwner();
  if (!owner) {
    properties().setProperty(TRIGGERS_OWNER, me);
    return true;
  }
  if (owner === me) return true;
  for (const t of myTriggers()) if (OWN_HANDLERS.includes(t.getHandlerFunction())) ScriptApp.deleteTrigger(t);
  return false;
}

/** What «Настройки…» says about the triggers. */
export function triggersView(viewer: string) {
  const owner = triggersOwner();
  return {
    owner,
    mine: owner !== '' && owner === viewer,
    /** The viewer is the owner but has no scheduler trigger (deleted by hand): she installs them again. */
    lost: owner !== '' && owner === viewer && !myTriggers().some((t) => t.getHandlerFunction() === SCHEDULER_HANDLER),
    mode: installMode(),
    every: tickEvery(),
  };
}
