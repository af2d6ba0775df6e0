// The monthly digests' triggers and the preview the local runner writes to DIR/mail (SPEC §7). The schedule and
// the recipients are edited in «Маршрут → Настройки…» (settingsSidebar).
import * as z from 'zod';
import { parseMonthKey } from '../../core/digest/month';
import type { DigestRun } from '../../core/digest/send';
import { assertAccess } from '../access';
import { digestSource } from '../digestMail';
import { digestTick } from '../digestSchedule';
import { snapshotOf } from '../workbookPort';
import { active } from './context';
import { payloadOf } from './rpcPayload';

/** Hourly (the owner's trigger): the due month's letters still to send. */
export function onDigestTrigger(): DigestRun | null {
  return digestTick(active(), new Date());
}

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
