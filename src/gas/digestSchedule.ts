// When digests go out: the «digest» job of the scheduler's table (scheduler.ts), run by the triggers' owner's one
// time-driven trigger. The job's due check is dueMonth — the month whose letters go from day 1, 8:00 Moscow time, of
// the next month, once the digests were on then — and a run sends what «Рассылки» does not yet hold for it, as the
// quota and the time budget allow. With letters left it is due again within the hour (Google frees the quota 24 hours
// after the first letter of the day, not at a fixed hour), else on the next month's 1st. Nothing is kept between runs
// but the log and the job's due time, so a run Google stops at any call is taken up by a later tick, and a month's
// letter goes once whichever tick sends it. MailApp sends as the trigger's owner: the letters go from her account.
import { reportedMonth, type DigestMonth } from '../core/digest/month';
import type { DigestRun } from '../core/digest/send';
import { readSettings, SETTING } from '../core/settings';
import { normalizeName } from '../core/text';
import { runDigests } from './digestMail';
import { cancelScheduledJob, JOB, myTriggers, requestJob, SCHEDULER_HANDLER, triggersOwner } from './scheduler';
import { snapshotOf } from './workbookPort';

export const DIGEST_DAY = 1;
export const DIGEST_HOUR = 8;

/** Set while the digests are on: whose account sent them when they were turned on (the triggers' owner). */
const SCHEDULE_PROPERTY = 'marshrut.digest.by';
/** When they were turned on (ms): no month due before is sent. */
const SINCE_PROPERTY = 'marshrut.digest.since';
/** Letters left after a run: the job is due again within the hour, whichever tick (10-minute or hourly) comes. */
export const DIGEST_FOLLOW_UP_MS = 50 * 60_000;

const properties = () => PropertiesService.getDocumentProperties();

const since = () => Number(properties().getProperty(SINCE_PROPERTY) ?? 0);

export const digestsOn = (): boolean => (properties().getProperty(SCHEDULE_PROPERTY) ?? '') !== '';

export interface ScheduleState {
  /** The e-mail the letters go from (the triggers' owner); '' when digests are off. */
  readonly by: string;
  /** The viewer is that account but has no scheduler trigger any more (deleted by hand). */
  readonly lost: boolean;
  /** The month whose letters are due now (none before the first send moment after the digests were turned on). */
  readonly due: DigestMonth | null;
}

export function scheduleState(viewer: string): ScheduleState {
  const on = digestsOn();
  const by = on ? triggersOwner() || (properties().getProperty(SCHEDULE_PROPERTY) ?? '') : '';
  return {
    by,
    lost: by !== '' && by === viewer && !myTriggers().some((t) => t.getHandlerFunction() === SCHEDULER_HANDLER),
    due: on ? dueMonth(new Date(), since()) : null,
  };
}

/** Digests on: the scheduler's «digest» row, due at once (its run works out whether a month is due). */
export function turnDigestsOn(sender: string, now: Date): void {
  properties().setProperties({ [SCHEDULE_PROPERTY]: sender, [SINCE_PROPERTY]: String(now.getTime()) });
  requestJob(JOB.digest, now.getTime());
}

export function turnDigestsOff(): void {
  for (const key of [SCHEDULE_PROPERTY, SINCE_PROPERTY]) properties().deleteProperty(key);
  cancelScheduledJob(JOB.digest);
}

/** When `month`'s letters go: day 1 of the next month, DIGEST_HOUR (the script's time zone is Moscow). */
const sendMoment = (month: DigestMonth) => new Date(month.year, month.month, DIGEST_DAY, DIGEST_HOUR).getTime();

/** The first send moment after `now` (in the script's zone, as dueMonth counts). */
function nextSendMoment(now: number): number {
  const at = new Date(now);
  const thisMonth = new Date(at.getFullYear(), at.getMonth(), DIGEST_DAY, DIGEST_HOUR).getTime();
  return thisMonth > now ? thisMonth : new Date(at.getFullYear(), at.getMonth() + 1, DIGEST_DAY, DIGEST_HOUR).getTime();
}

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
 * The «digest» job's run at `now`: the due month's letters that are not yet in «Рассылки»; returns when it is due
 * next (null: digests are off, the row goes). Only the triggers' owner's tick gets here (schedulerTrigger.ts).
 */
export function digestJob(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: number,
): { next: number | null; run: DigestRun | null } {
  if (!digestsOn()) return { next: null, run: null };
  const month = dueMonth(new Date(now), since());
  if (!month) return { next: nextSendMoment(now), run: null };
  const run = paused(spreadsheet) ? null : runDigests(spreadsheet, month);
  return { next: run && run.left === 0 ? nextSendMoment(now) : now + DIGEST_FOLLOW_UP_MS, run };
}
