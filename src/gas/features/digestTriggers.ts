// The monthly digests' job of the scheduler and the preview the local runner writes to DIR/mail (SPEC §7). The
// schedule and the recipients are edited in «Маршрут → Настройки…» (settingsSidebar).
import * as z from 'zod';
import { parseMonthKey } from '../../core/digest/month';
import { assertAccess } from '../access';
import { digestSource } from '../digestMail';
import { digestJob } from '../digestSchedule';
import { JOB, registerJob } from '../scheduler';
import { snapshotOf } from '../workbookPort';
import { active } from './context';
import { payloadOf } from './rpcPayload';

// The due month's letters still to send, at the tick the job is due (scheduler.ts).
registerJob(JOB.digest, (_row, now) => {
  const { next, run } = digestJob(active(), now);
  return { next, result: run };
});

const previewPayload = z.object({ month: z.string().max(7) });

/** Every recipient's letter of a month as it would go out (nothing is sent or logged). Personal data: access list. */
export function rpcDigestPreview(payload: unknown) {
  const spreadsheet = active();
  assertAccess(spreadsheet);
  const month = parseMonthKey(payloadOf(previewPayload, payload).month);
  if (!month) throw new Error('Месяц сводки указывается как ГГГГ-ММ, например 2025-01.');
  return digestSource()
    .compose(snapshotOf(spreadsheet), month, spreadsheet.getUrl(), () => true)
    .digests.map((d) => ({
      to: d.recipient.email,
      role: d.recipient.role,
      subject: d.subject,
      html: d.html,
      text: d.text,
    }));
}
