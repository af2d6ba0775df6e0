// When digests go out. The owner's monthly trigger (day 1, 8:00 Moscow time) starts a month; while some recipient
// still lacks that month's letter (the daily quota ran out, or the time budget), an hourly follow-up trigger goes
// on, and removes itself once every letter is in «Рассылки». Hourly, not daily: Google frees the quota 24 hours
// after the first letter of the day, not at a fixed hour, and a follow-up that finds no quota costs one call.
// Triggers run as their creator, and MailApp sends as them: only the workbook's owner installs these.
import { monthKey, parseMonthKey, type DigestMonth } from '../core/digest/month';
import type { DigestRun } from '../core/digest/send';
import { readSettings, SETTING } from '../core/settings';
import { normalizeName } from '../core/text';
import { runDigests } from './digestMail';
import { currentUserEmail } from './services';
import { snapshotOf } from './workbookPort';

export const DIGEST_MONTHLY_HANDLER = 'onDigestMonthlyTrigger';
export const DIGEST_FOLLOW_UP_HANDLER = 'onDigestFollowUpTrigger';
export const DIGEST_DAY = 1;
export const DIGEST_HOUR = 8;
export const DIGEST_TIME_ZONE = 'Europe/Moscow';

/** Who installed the monthly trigger (it runs as them); absent = digests are off. */
const SCHEDULE_PROPERTY = 'marshrut.digest.by';
/** The month whose letters are still being sent (`2024-12`). */
const PENDING_PROPERTY = 'marshrut.digest.pending';

const properties = () => PropertiesService.getDocumentProperties();
const triggersOf = (handler: string) => ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
const removeTriggers = (handler: string) => triggersOf(handler).forEach((t) => ScriptApp.deleteTrigger(t));

export interface ScheduleState {
  /** The e-mail the letters go from; '' when digests are off. */
  readonly by: string;
  /** The monthly trigger is recorded but the caller (its owner) no longer has it (deleted by hand). */
  readonly lost: boolean;
  readonly pending: DigestMonth | null;
}

export function scheduleState(viewer: string): ScheduleState {
  const by = properties().getProperty(SCHEDULE_PROPERTY) ?? '';
  return {
    by,
    lost: by !== '' && by === viewer && triggersOf(DIGEST_MONTHLY_HANDLER).length === 0,
    pending: parseMonthKey(properties().getProperty(PENDING_PROPERTY) ?? ''),
  };
}

/** The caller's monthly trigger, replacing any earlier one of theirs. */
export function installMonthlyTrigger(owner: string): void {
  removeTriggers(DIGEST_MONTHLY_HANDLER);
  try {
    ScriptApp.newTrigger(DIGEST_MONTHLY_HANDLER).timeBased().onMonthDay(DIGEST_DAY).atHour(DIGEST_HOUR).inTimezone(DIGEST_TIME_ZONE).create();
  } catch (error) {
    if (!/too many triggers/i.test(error instanceof Error ? error.message : String(error))) throw error;
    throw new Error(
      'Не удалось включить рассылку: у вашего аккаунта уже 20 триггеров этого скрипта — это предел Google. ' +
        'Удалите ненужные в редакторе Apps Script («Триггеры») и включите рассылку снова.',
    );
  }
  properties().setProperty(SCHEDULE_PROPERTY, owner);
}

export function removeDigestTriggers(): void {
  removeTriggers(DIGEST_MONTHLY_HANDLER);
  removeTriggers(DIGEST_FOLLOW_UP_HANDLER);
  properties().deleteProperty(SCHEDULE_PROPERTY);
  properties().deleteProperty(PENDING_PROPERTY);
}

/** «Ежемесячная рассылка» = Нет in «Настройки» pauses the letters without touching the triggers. */
function paused(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  return normalizeName(readSettings(snapshotOf(spreadsheet).table('settings')).get(SETTING.digest) ?? '') === 'нет';
}

/**
 * Whether this execution runs as whoever turned the digests on. The handlers are globals, so a page could call them
 * (google.script.run reaches every global): anyone else — or a trigger left from before — sends nothing.
 */
const asScheduleOwner = (): boolean => {
  const by = properties().getProperty(SCHEDULE_PROPERTY);
  return !!by && currentUserEmail().toLowerCase() === by;
};

/** A new month replaces one still pending: last month's letters would be stale by now. */
export function startMonth(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, month: DigestMonth): DigestRun | null {
  if (!asScheduleOwner()) return null;
  properties().setProperty(PENDING_PROPERTY, monthKey(month));
  return continuePending(spreadsheet);
}

/**
 * Sends what is left of the pending month; the follow-up stays while anything is left (or while another run holds
 * the lock: that one finishes the month), and goes once every letter is in «Рассылки».
 */
export function continuePending(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): DigestRun | null {
  if (!asScheduleOwner()) return null;
  const month = parseMonthKey(properties().getProperty(PENDING_PROPERTY) ?? '');
  if (!month || paused(spreadsheet)) {
    properties().deleteProperty(PENDING_PROPERTY);
    removeTriggers(DIGEST_FOLLOW_UP_HANDLER);
    return null;
  }
  // The follow-up exists before any letter goes: a run Google stops halfway still has its continuation.
  if (!triggersOf(DIGEST_FOLLOW_UP_HANDLER).length) ScriptApp.newTrigger(DIGEST_FOLLOW_UP_HANDLER).timeBased().everyHours(1).create();
  const run = runDigests(spreadsheet, month);
  if (run?.left === 0) {
    properties().deleteProperty(PENDING_PROPERTY);
    removeTriggers(DIGEST_FOLLOW_UP_HANDLER);
  }
  return run;
}
