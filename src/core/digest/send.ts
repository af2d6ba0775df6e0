// One sending run of a month's digests: the daily quota first (nothing is read when Google allows no letter),
// then «Рассылки» (who already has this month's letter), then the letters of the others — as many as the quota and
// the execution's time budget allow. What is left goes on the next run; the caller schedules it.
import type { Clock, WorkbookPort } from '../ports';
import { Workbook } from '../workbook';
import { composeDigests, type Digest } from './compose';
import { MAIL_STATUS, MailingLog, monthLog } from './mailLog';
import type { DigestMonth } from './month';
import { digestAudience, roleLabel, type DigestAudience, type DigestRecipient } from './recipients';
import { composeRegionalDigests, regionalAudience } from './regional';

/** Whose letters a workbook sends: a municipal workbook its methodists', coordinators' and ministry's, a regional one the ministry's. */
export interface DigestSource {
  audience(workbook: Workbook): DigestAudience;
  compose(
    workbook: Workbook,
    month: DigestMonth,
    url: string,
    wanted: (r: DigestRecipient) => boolean,
  ): { digests: Digest[]; audience: DigestAudience };
}

export const MUNICIPAL_DIGESTS: DigestSource = { audience: digestAudience, compose: composeDigests };
export const REGIONAL_DIGESTS: DigestSource = { audience: regionalAudience, compose: composeRegionalDigests };

export interface Letter {
  readonly to: string;
  readonly subject: string;
  /** The plain-text alternative. */
  readonly text: string;
  readonly html: string;
}

/** Google refused a letter for the day («Service invoked too many times for one day: email.»). */
export class MailQuotaExceeded extends Error {}

export interface MailPort {
  /** Letters (recipients) Google allows for the rest of the day. */
  remainingDailyQuota(): number;
  /** Throws MailQuotaExceeded when Google refuses for the day, another Error when this letter cannot go. */
  send(letter: Letter): void;
}

export interface DigestRunDeps {
  readonly workbook: WorkbookPort;
  readonly mail: MailPort;
  readonly clock: Clock;
  readonly workbookUrl: string;
  /** No letter is begun after this moment (ms): the rest goes on the next run, before Google stops the execution. */
  readonly deadline: number;
}

export interface DigestRun {
  readonly month: DigestMonth;
  readonly recipients: number;
  /** Letters of this month already in «Рассылки» before this run. */
  readonly before: number;
  readonly sent: readonly string[];
  readonly failed: readonly { readonly email: string; readonly reason: string }[];
  /** Recipients still without this month's letter. */
  readonly left: number;
  readonly stoppedBy: 'quota' | 'time' | null;
}

export function sendDigests(deps: DigestRunDeps, month: DigestMonth, source: DigestSource = MUNICIPAL_DIGESTS): DigestRun {
  const quota = deps.mail.remainingDailyQuota();
  const log = new MailingLog(deps.workbook, month);
  const { done } = monthLog(log.table, month);
  const workbook = new Workbook(deps.workbook);
  const run = { month, before: done.size, sent: [] as string[], failed: [] as { email: string; reason: string }[] };
  if (quota <= 0) {
    const waiting = source.audience(workbook).recipients.filter((r) => !done.has(r.email)).length;
    return { ...run, recipients: done.size + waiting, left: waiting, stoppedBy: waiting ? 'quota' : null };
  }
  const { digests, audience } = source.compose(workbook, month, deps.workbookUrl, (r) => !done.has(r.email));
  let stoppedBy: DigestRun['stoppedBy'] = null;
  let handled = 0;
  for (const digest of digests) {
    if (handled >= quota) stoppedBy = 'quota';
    else if (deps.clock.now().getTime() > deps.deadline) stoppedBy = 'time';
    if (stoppedBy) break;
    const to = digest.recipient.email;
    log.begin({ recipient: to, kind: roleLabel(digest.recipient), subject: digest.subject }, deps.clock.now());
    try {
      deps.mail.send({ to, subject: digest.subject, text: digest.text, html: digest.html });
      log.settle(MAIL_STATUS.sent);
      run.sent.push(to);
    } catch (error) {
      if (error instanceof MailQuotaExceeded) {
        log.settle(MAIL_STATUS.deferred);
        stoppedBy = 'quota';
        break;
      }
      const reason = error instanceof Error ? error.message : String(error);
      log.settle(`${MAIL_STATUS.failedPrefix}${reason}`);
      run.failed.push({ email: to, reason });
    }
    handled++;
  }
  return { ...run, recipients: audience.recipients.length, left: digests.length - handled, stoppedBy };
}

/**
 * «Отправить повторно»: the methodist sends again a letter left «Отправляется» by a stopped run (she has checked it
 * did not arrive). Its own row takes the outcome, so the month's tally stays one letter per recipient.
 */
const QUOTA_GONE = 'Дневной лимит писем Google исчерпан: отправьте повторно завтра.';

export function resendDigest(
  deps: Omit<DigestRunDeps, 'deadline'>,
  month: DigestMonth,
  recipient: string,
  source: DigestSource = MUNICIPAL_DIGESTS,
): string {
  if (deps.mail.remainingDailyQuota() <= 0) throw new Error(QUOTA_GONE);
  const log = new MailingLog(deps.workbook, month);
  const letter = log.resume(recipient, deps.clock.now());
  if (!letter) throw new Error(`У ${recipient} нет письма за этот месяц с неизвестной судьбой: повторно отправлять нечего.`);
  const wanted = letter.recipient.toLowerCase();
  const { digests } = source.compose(new Workbook(deps.workbook), month, deps.workbookUrl, (r) => r.email === wanted);
  const digest = digests[0];
  if (!digest) {
    log.settle(`${MAIL_STATUS.failedPrefix}адрес больше не среди получателей рассылки`);
    throw new Error(`${letter.recipient} больше не среди получателей рассылки: письмо не отправлено.`);
  }
  try {
    deps.mail.send({ to: digest.recipient.email, subject: digest.subject, text: digest.text, html: digest.html });
  } catch (error) {
    // Refused for the day: nothing left, the row stays as it was for tomorrow's attempt.
    if (error instanceof MailQuotaExceeded) throw new Error(QUOTA_GONE);
    log.settle(`${MAIL_STATUS.failedPrefix}${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  log.settle(MAIL_STATUS.resent);
  return digest.recipient.email;
}
