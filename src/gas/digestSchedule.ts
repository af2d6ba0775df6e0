// When digests go out: one hourly trigger of the owner's. Each tick works out the month that is due — the one whose
// letters go from day 1, 8:00 Moscow time, of the next month, once the digests were on then — and sends what
// «Рассылки» does not yet hold for it, as the quota and the time budget allow. Nothing is kept between runs but the
// log, so a run Google stops at any call is simply taken up by the next tick, and a month's letter goes once whichever
// tick sends it. Hourly, not daily: Google frees the quota 24 hours after the first letter of the day, not at a fixed
// hour, and a tick with nothing to send reads the log and stops. Triggers run as their creator, and MailApp sends as
// them: only the workbook's owner installs this one.
import { reportedMonth, type DigestMonth } from '../core/digest/month';
import type { DigestRun } from '../core/digest/send';
import { readSettings, SETTING } from '../core/settings';
import { normalizeName } from '../core/text';
import { runDigests } from './digestMail';
import { currentUserEmail } from './services';
import { snapshotOf } from './workbookPort';

export const DIGEST_HANDLER = 'onDigestTrigger';
/** Handlers of earlier versions (a monthly trigger and its hourly follow-up): replaced when the digests are switched. */
const OLD_HANDLERS = ['onDigestMonthlyTrigger', 'onDigestFollowUpTrigger'];
export const DIGEST_DAY = 1;
export const DIGEST_HOUR = 8;

/** Who installed the trigger (it runs as them); absent = digests are off. */
const SCHEDULE_PROPERTY = 'marshrut.digest.by';
/** When they were turned on (ms): no month due before is sent. */
const SINCE_PROPERTY = 'marshrut.digest.since';

const properties = () => PropertiesService.getDocumentProperties();
const triggersOf = (handlers: readonly string[]) => ScriptApp.getProjectTriggers().filter((t) => handlers.includes(t.getHandlerFunction()));
const removeTriggers = (handlers: readonly string[]) => triggersOf(handlers).forEach((t) => ScriptApp.deleteTrigger(t));

export interface ScheduleState {
  /** The e-mail the letters go from; '' when digests are off. */
  readonly by: string;
  /** The monthly trigger is recorded but the caller (its owner) no longer has it (deleted by hand). */
  readonly lost: boolean;
  /** The month whose letters are due now (none before the first send moment after the digests were turned on). */
  readonly due: DigestMonth | null;
}

export function scheduleState(viewer: string): ScheduleState {
  const by = properties().getProperty(SCHEDULE_PROPERTY) ?? '';
  return {
    by,
    lost: by !== '' && by === viewer && triggersOf([DIGEST_HANDLER]).length === 0,
    due: by ? dueMonth(new Date(), Number(properties().getProperty(SINCE_PROPERTY) ?? 0)) : null,
  };
}

/** The caller's hourly trigger, replacing any earlier digest trigger of theirs. */
export function installDigestTrigger(owner: string, now: Date): void {
  removeTriggers([DIGEST_HANDLER, ...OLD_HANDLERS]);
  try {
    ScriptApp.newTrigger(DIGEST_HANDLER).timeBased().everyHours(1).create();
  } catch (error) {
    if (!/too many triggers/i.test(error instanceof Error ? error.message : String(error))) throw error;
    throw new Error(
      'Не удалось включить рассылку: у вашего аккаунта уже 20 триггеров этого скрипта — это предел Google. ' +
        'Удалите ненужные в редакторе Apps Script («Триггеры») и включите рассылку снова.',
    );
  }
  properties().setProperties({ [SCHEDULE_PROPERTY]: owner, [SINCE_PROPERTY]: String(now.getTime()) });
}

export function removeDigestTriggers(): void {
  removeTriggers([DIGEST_HANDLER, ...OLD_HANDLERS]);
  for (const key of [SCHEDULE_PROPERTY, SINCE_PROPERTY]) properties().deleteProperty(key);
}

/** When `month`'s letters go: day 1 of the next month, DIGEST_HOUR (the script's time zone is Moscow). */
const sendMoment = (month: DigestMonth) => new Date(month.year, month.month, DIGEST_DAY, DIGEST_HOUR).getTime();

/** The month whose letters are due at `now`, or null before the first send moment after the digests were on. */
export function dueMonth(now: Date, since: number): DigestMonth | null {
  const current = reportedMonth(now.getFullYear(), now.getMonth() + 1);
  const month = sendMoment(current) <= now.getTime() ? current : reportedMonth(current.year, current.month);
  return sendMoment(month) >= since ? month : null;
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

/** One tick: the due month's letters that are not yet in «Рассылки». */
export function digestTick(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): DigestRun | null {
  if (!asScheduleOwner()) return null;
  const month = dueMonth(now, Number(properties().getProperty(SINCE_PROPERTY) ?? 0));
  return month && !paused(spreadsheet) ? runDigests(spreadsheet, month) : null;
}
