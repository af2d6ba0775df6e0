// The monthly digests' triggers and the preview the local runner writes to DIR/mail (SPEC §7). The schedule and
// the recipients are edited in «Маршрут → Настройки…» (settingsSidebar).
import { z } from 'zod';
import { parseMonthKey, reportedMonth } from '../../core/digest/month';
import type { DigestRun } from '../../core/digest/send';
import { assertAccess } from '../access';
import { digestSource } from '../digestMail';
import { continuePending, startMonth } from '../digestSchedule';
import { snapshotOf } from '../workbookPort';
import { active } from './context';
import { payloadOf } from './rpcPayload';

/** Google's time-driven event: year and month in the trigger's time zone (Europe/Moscow). */
interface ClockEvent {
  readonly year?: number;
  readonly month?: number;
}

/** Day 1, 8:00: the month just ended goes out. */
export function onDigestMonthlyTrigger(e?: ClockEvent): DigestRun | null {
  const now = new Date();
  const year = typeof e?.year === 'number' ? e.year : now.getFullYear();
  const month = typeof e?.month === 'number' ? e.month : now.getMonth() + 1;
  return startMonth(active(), reportedMonth(year, month));
}

/** Hourly while a month's letters are not all sent; it removes itself when they are. */
export function onDigestFollowUpTrigger(): DigestRun | null {
  return continuePending(active());
}

const previewPayload = z.object({ month: z.string().max(7) });

/** Every recipient's letter of a month as it would go out (nothing is sent or logged). Personal data: access list. */
export function rpcDigestPreview(payload: unknown) {
  const spreadsheet = active();
  assertAccess(spreadsheet);
  const month = parseMonthKey(payloadOf(previewPayload, payload).month);
  if (!month) throw new Error('Месяц сводки указывается как ГГГГ-ММ, например 2025-01.');
  return digestSource().compose(snapshotOf(spreadsheet), month, spreadsheet.getUrl(), () => true).digests.map((d) => ({
    to: d.recipient.email,
    role: d.recipient.role,
    subject: d.subject,
    html: d.html,
    text: d.text,
  }));
}
