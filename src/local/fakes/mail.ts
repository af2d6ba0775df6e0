import { Ctx } from './context';
import { strictFake } from './strict';

export interface SentMail {
  to: string; subject: string; body: string; htmlBody?: string; name?: string; replyTo?: string;
  cc?: string; bcc?: string; at: Date;
}
export const MAIL_QUOTA_ERROR = 'Service invoked too many times for one day: email.';

export class MailState {
  readonly outbox: SentMail[] = [];
  private used = 0;
  private day = '';
  constructor(private readonly ctx: Ctx, readonly dailyQuota: number) {}
  /** Quota resets when the runtime clock passes local midnight. */
  private roll(): void {
    const n = this.ctx.now();
    const d = `${n.getFullYear()}-${n.getMonth()}-${n.getDate()}`;
    if (d !== this.day) { this.day = d; this.used = 0; }
  }
  remaining(): number { this.roll(); return Math.max(0, this.dailyQuota - this.used); }
  consume(recipients: number): void {
    this.roll();
    if (this.used + recipients > this.dailyQuota) throw new Error(MAIL_QUOTA_ERROR);
    this.used += recipients;
  }
}

function countRecipients(...lists: (string | undefined)[]): number {
  return lists.reduce((n, l) => n + (l ? l.split(',').map((s) => s.trim()).filter(Boolean).length : 0), 0);
}

class FakeMailApp implements Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  constructor(private readonly ctx: Ctx, private readonly state: MailState) {}
  sendEmail(a: any, b?: any, c?: any, d?: any): void {
    let m: Omit<SentMail, 'at'>;
    if (typeof a === 'object' && a !== null) {
      m = { to: a.to, subject: a.subject, body: a.body ?? '', htmlBody: a.htmlBody, name: a.name, replyTo: a.replyTo, cc: a.cc, bcc: a.bcc };
    } else {
      const o = (d ?? {}) as Record<string, string | undefined>;
      m = { to: a, subject: b, body: c ?? '', htmlBody: o.htmlBody, name: o.name, replyTo: o.replyTo, cc: o.cc, bcc: o.bcc };
    }
    if (!m.to) throw new Error('Failed to send email: no recipient');
    if (m.subject === undefined || m.subject === null) throw new Error('Invalid argument: subject');
    this.state.consume(countRecipients(m.to, m.cc, m.bcc));
    this.state.outbox.push({ ...m, to: String(m.to), subject: String(m.subject), body: String(m.body), at: this.ctx.now() });
  }
  getRemainingDailyQuota(): number { return this.state.remaining(); }
}

export function createMailApp(ctx: Ctx, state: MailState): GoogleAppsScript.Mail.MailApp {
  return strictFake(new FakeMailApp(ctx, state), 'MailApp', 'MailApp', ctx.env);
}
