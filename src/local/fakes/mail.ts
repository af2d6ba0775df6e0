import { Ctx } from './context';
import { strictFake } from './strict';

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  at: Date;
}
export const MAIL_QUOTA_ERROR = 'Service invoked too many times for one day: email.';
/** Consumer accounts: 200 KB per message body (Workspace: 400 KB) — developers.google.com/apps-script/guides/services/quotas. */
export const MAIL_BODY_LIMIT = 200 * 1024;
export const MAIL_BODY_ERROR = 'Limit Exceeded: Email Body Size.';
const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export class MailState {
  readonly outbox: SentMail[] = [];
  /**
   * Addresses Google refuses although they are well-formed (its own parser is stricter than any published rule, and
   * some domains it will not send to): a test arms one, sendEmail throws «Invalid email: …» for it.
   */
  readonly refused = new Set<string>();
  private used = 0;
  private windowStart: number | null = null;
  constructor(
    private readonly ctx: Ctx,
    readonly dailyQuota: number,
  ) {}
  /**
   * «Quotas are per user and reset 24 hours after the first request» (developers.google.com/apps-script/guides/
   * services/quotas): not at midnight — a day's letters are counted from the first one.
   */
  private roll(): void {
    if (this.windowStart !== null && this.ctx.now().getTime() - this.windowStart >= DAY_MS) {
      this.windowStart = null;
      this.used = 0;
    }
  }
  remaining(): number {
    this.roll();
    return Math.max(0, this.dailyQuota - this.used);
  }
  consume(recipients: number): void {
    this.roll();
    if (this.used + recipients > this.dailyQuota) throw new Error(MAIL_QUOTA_ERROR);
    this.windowStart ??= this.ctx.now().getTime();
    this.used += recipients;
  }
}

/** Every address of to/cc/bcc; one that is not an e-mail is refused as Google does («Invalid email: …»). */
function recipientsOf(...lists: (string | undefined)[]): string[] {
  const addresses = lists.flatMap((l) =>
    l
      ? l
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
  const invalid = addresses.find((a) => !EMAIL.test(a));
  if (invalid !== undefined) throw new Error(`Invalid email: ${invalid}`);
  return addresses;
}

class FakeMailApp implements Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  constructor(
    private readonly ctx: Ctx,
    private readonly state: MailState,
  ) {}
  sendEmail(a: any, b?: any, c?: any, d?: any): void {
    let m: Omit<SentMail, 'at'>;
    if (typeof a === 'object' && a !== null) {
      m = {
        to: a.to,
        subject: a.subject,
        body: a.body ?? '',
        htmlBody: a.htmlBody,
        name: a.name,
        replyTo: a.replyTo,
        cc: a.cc,
        bcc: a.bcc,
      };
    } else {
      const o = (d ?? {}) as Record<string, string | undefined>;
      m = { to: a, subject: b, body: c ?? '', htmlBody: o.htmlBody, name: o.name, replyTo: o.replyTo, cc: o.cc, bcc: o.bcc };
    }
    if (!m.to) throw new Error('Failed to send email: no recipient');
    if (m.subject === undefined || m.subject === null) throw new Error('Invalid argument: subject');
    const recipients = recipientsOf(m.to, m.cc, m.bcc);
    const refused = recipients.find((r) => this.state.refused.has(r.toLowerCase()));
    if (refused !== undefined) throw new Error(`Invalid email: ${refused}`);
    if (String(m.body).length > MAIL_BODY_LIMIT || (m.htmlBody?.length ?? 0) > MAIL_BODY_LIMIT) throw new Error(MAIL_BODY_ERROR);
    this.state.consume(recipients.length);
    this.state.outbox.push({ ...m, to: String(m.to), subject: String(m.subject), body: String(m.body), at: this.ctx.now() });
  }
  getRemainingDailyQuota(): number {
    return this.state.remaining();
  }
}

export function createMailApp(ctx: Ctx, state: MailState): GoogleAppsScript.Mail.MailApp {
  return strictFake(new FakeMailApp(ctx, state), 'MailApp', 'MailApp', ctx.env);
}
