// The digest section of «Маршрут → Настройки…»: who gets letters and whether they go. Anyone on the access list
// sees it (it lists coordinators' e-mails); only the workbook's owner changes it — the letters go from the owner's
// account, by the owner's trigger. Every change is a row of «Журнал изменений».
import { normalizeAccessList } from '../core/accessList';
import { MAIL_STATUS, monthLog } from '../core/digest/mailLog';
import { monthName, reportedMonth } from '../core/digest/month';
import { DIGEST_ACTION, digestAudience, recipientsSavedText, recipientValues, recordSettings } from '../core/digest/recipients';
import { inTransaction } from '../core/intake/service';
import { SHEETS } from '../core/schema/sheets';
import { readSettings, SETTING } from '../core/settings';
import { normalizeName } from '../core/text';
import { assertAccess, workbookOwner } from './access';
import { digestSource, resendUnknownDigest } from './digestMail';
import { workbookKind } from './regionWorkbook';
import { DIGEST_DAY, DIGEST_HOUR, scheduleState, turnDigestsOff, turnDigestsOn, type ScheduleState } from './digestSchedule';
import { takesAnswers } from './forms';
import { installTriggers } from './triggers';
import { intakeDeps } from './services';
import { snapshotOf } from './workbookPort';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const DIGEST_SCHEDULE_TEXT = `${DIGEST_DAY}-го числа каждого месяца в ${DIGEST_HOUR}:00 по московскому времени`;

export function digestSection(spreadsheet: Spreadsheet, viewer: string) {
  const workbook = snapshotOf(spreadsheet);
  const audience = digestSource().audience(workbook);
  const state = scheduleState(viewer);
  const month = shownMonth(state);
  const log = monthLog(workbook.table('mailings'), month);
  const paused = normalizeName(readSettings(workbook.table('settings')).get(SETTING.digest) ?? '') === 'нет';
  return {
    by: state.by,
    lost: state.lost,
    when: DIGEST_SCHEDULE_TEXT,
    paused,
    methodists: audience.settings.methodists,
    ministry: audience.settings.ministry,
    coordinators: audience.coordinators.map((c) => ({ code: c.code, name: c.name, email: c.email, on: !c.off })),
    withoutCoordinator: audience.withoutCoordinator,
    problems: audience.problems,
    recipients: audience.recipients.length,
    month: {
      name: monthName(month),
      // Letters of the due month still waiting: derived from the log, nothing kept beside it.
      pending: state.due !== null && !paused && audience.recipients.some((r) => !log.done.has(r.email)),
      sent: log.sent,
      failed: log.failed,
      unknown: log.unknown,
      unknownRecipients: log.unknownRecipients,
    },
  };
}

/** The month «Настройки…» reports on: the one being sent, else the one sent last. */
function shownMonth(state: ScheduleState) {
  const now = new Date();
  return state.due ?? reportedMonth(now.getFullYear(), now.getMonth() + 1);
}

/**
 * «Отправить повторно»: the letters go from the account that turned the digests on, so only that account resends;
 * the action is in «Журнал изменений».
 */
export function resendDigestLetter(spreadsheet: Spreadsheet, recipient: string): string {
  const user = assertAccess(spreadsheet);
  const state = scheduleState(user);
  if (user !== state.by)
    throw new Error(`Письма рассылки уходят от имени ${state.by || 'владельца книги'}: повторно отправить может только этот аккаунт.`);
  const month = shownMonth(state);
  const to = resendUnknownDigest(spreadsheet, month, recipient);
  inTransaction(intakeDeps(spreadsheet, user), ({ audit }) =>
    audit.record(DIGEST_ACTION.resend, SHEETS.mailings.name, to, 'Статус', MAIL_STATUS.sending, MAIL_STATUS.resent),
  );
  return to;
}

function assertDigestOwner(spreadsheet: Spreadsheet): string {
  const user = assertAccess(spreadsheet);
  if (user !== workbookOwner()) throw new Error(`Менять рассылку может только владелец книги (${workbookOwner()}).`);
  return user;
}

export interface RecipientsChange {
  readonly methodists: readonly string[];
  readonly ministry: readonly string[];
  readonly coordinatorsOff: readonly string[];
}

/**
 * The owner's save: addresses checked (a non-e-mail is refused by name); returns the settings that changed and what
 * that means for the letters, in words.
 */
export function saveDigestRecipients(spreadsheet: Spreadsheet, change: RecipientsChange): { changed: string[]; saved: string } {
  const user = assertDigestOwner(spreadsheet);
  const next = {
    methodists: normalizeAccessList(change.methodists),
    ministry: normalizeAccessList(change.ministry),
    off: normalizeAccessList(change.coordinatorsOff),
  };
  // A regional workbook has the ministry's letter only.
  const values = workbookKind() === 'regional' ? { [SETTING.ministry]: next.ministry.join(', ') } : recipientValues(next);
  const changed = inTransaction(intakeDeps(spreadsheet, user), ({ workbook, audit }) =>
    recordSettings(workbook, audit, DIGEST_ACTION.recipients, values),
  );
  return { changed, saved: recipientsSavedText(changed, next) };
}

/**
 * The owner turns the monthly letters on (the scheduler's «digest» job; the scheduler's trigger installed if the
 * workbook has none yet) or off (the job removed); «Ежемесячная рассылка» follows. The letters go from the triggers'
 * owner's account (MailApp sends as the trigger's owner), named in the audit row.
 * Turned on with no «Адреса методистов», the owner becomes the methodist (as `marshrut run` does), so the
 * municipality's own letter goes somewhere; returns the address so added, if any.
 */
export function switchDigests(spreadsheet: Spreadsheet, on: boolean): string | null {
  const user = assertDigestOwner(spreadsheet);
  const sender = on ? installTriggers(spreadsheet, takesAnswers(spreadsheet)).owner : scheduleState(user).by || user;
  if (on) turnDigestsOn(sender, new Date());
  else turnDigestsOff();
  const schedule = `${DIGEST_SCHEDULE_TEXT}, письма от имени ${sender}`;
  const [action, before, after] = on ? [DIGEST_ACTION.on, 'выключено', schedule] : [DIGEST_ACTION.off, schedule, 'выключено'];
  return inTransaction(intakeDeps(spreadsheet, user), ({ workbook, audit }) => {
    audit.record(action, SHEETS.settings.name, SETTING.digest, 'Расписание', before, after);
    const noMethodist = on && workbookKind() === 'municipal' && digestAudience(workbook).settings.methodists.length === 0;
    recordSettings(workbook, audit, action, {
      [SETTING.digest]: on ? 'Да' : 'Нет',
      ...(noMethodist ? { [SETTING.methodists]: user } : {}),
    });
    return noMethodist ? user : null;
  });
}
