// Sending the digests from Apps Script: MailApp behind the core's MailPort, and one run of a month under a lock.
// MailApp.sendEmail(recipient, subject, body, options): `body` is the plain-text alternative, `options.htmlBody`
// what mail clients that render HTML show (developers.google.com/apps-script/reference/mail/mail-app#sendEmail).
// Google allows 100 recipients a day on a consumer account, 1,500 on Workspace, counted over 24 hours from the first
// one (developers.google.com/apps-script/guides/services/quotas); a refused letter throws «Service invoked too many
// times for one day: email.».
import {
  MailQuotaExceeded,
  MUNICIPAL_DIGESTS,
  REGIONAL_DIGESTS,
  resendDigest,
  sendDigests,
  type DigestRun,
  type DigestSource,
  type MailPort,
} from '../core/digest/send';
import { workbookKind } from './regionWorkbook';
import type { DigestMonth } from '../core/digest/month';
import { systemClock } from './services';
import { SheetsWorkbookPort } from './workbookPort';

/** Stop beginning letters this long into the execution: Google stops it at 6 minutes, the rest goes on later. */
export const DIGEST_TIME_BUDGET_MS = 4.5 * 60_000;
const QUOTA_MESSAGE = /too many times for one day: email/i;
const SENDER_NAME = 'Маршрут';

export const mailAppPort: MailPort = {
  remainingDailyQuota: () => MailApp.getRemainingDailyQuota(),
  send(letter) {
    try {
      MailApp.sendEmail(letter.to, letter.subject, letter.text, { htmlBody: letter.html, name: SENDER_NAME });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (QUOTA_MESSAGE.test(message)) throw new MailQuotaExceeded(message);
      throw error;
    }
  },
};

/**
 * One run of `month`'s digests, or null when another run holds the lock. Every run executes as the owner of the
 * digest triggers, so the owner's user lock keeps two runs apart without holding up anyone's form answers or panels
 * (the script lock would, for minutes).
 */
/** A regional workbook sends the ministry's letter; a municipal one its own. */
export const digestSource = (): DigestSource => (workbookKind() === 'regional' ? REGIONAL_DIGESTS : MUNICIPAL_DIGESTS);

/** «Отправить повторно»: one letter of `month` whose fate is unknown, under the same lock as the monthly runs. */
export function resendUnknownDigest(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, month: DigestMonth, recipient: string): string {
  const lock = LockService.getUserLock();
  if (!lock.tryLock(10_000)) throw new Error('Сейчас идёт рассылка: отправьте повторно, когда она закончится.');
  try {
    return resendDigest(
      { workbook: new SheetsWorkbookPort(spreadsheet), mail: mailAppPort, clock: systemClock, workbookUrl: spreadsheet.getUrl() },
      month,
      recipient,
      digestSource(),
    );
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

export function runDigests(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, month: DigestMonth): DigestRun | null {
  const started = Date.now();
  const lock = LockService.getUserLock();
  if (!lock.tryLock(10_000)) return null;
  try {
    return sendDigests(
      {
        workbook: new SheetsWorkbookPort(spreadsheet),
        mail: mailAppPort,
        clock: systemClock,
        workbookUrl: spreadsheet.getUrl(),
        deadline: started + DIGEST_TIME_BUDGET_MS,
      },
      month,
      digestSource(),
    );
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
