// The dashboard's roadmap panel (issue 15): how many items of «Дорожная карта» are done, overdue and still ahead
// today, and the overdue ones (Пункт, Мероприятие, Срок as written). Its own schema and builder, one field of
// DashboardData: the items' texts are the document's, never a person («Ответственный» is left out).
import * as z from 'zod';
import { dayNumber, isoDay } from '../indicators/period';
import type { Workbook } from '../workbook';
import { roadmapItemsOf, roadmapView } from '../roadmap/register';

const text = z.string().max(1000);
const count = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const roadmapPanelSchema = z.strictObject({
  /** The day the states are of (the dashboard's build day). */
  today: isoDate,
  done: count,
  overdue: count,
  /** Not done, no deadline missed yet. */
  upcoming: count,
  /** «Срок» no rule reads: neither overdue nor ahead. */
  unresolved: count,
  overdueItems: z.array(z.strictObject({ item: text, action: text, deadline: text, since: isoDate })),
});

export type RoadmapPanel = z.infer<typeof roadmapPanelSchema>;

/** The panel of a municipal workbook; null when «Дорожная карта» has no items (the page shows no panel). */
export function roadmapPanel(workbook: Workbook, now: Date): RoadmapPanel | null {
  const table = workbook.table('roadmap');
  const items = roadmapItemsOf(workbook);
  if (!items.length) return null;
  const view = roadmapView(items, table, dayNumber(now));
  return {
    today: isoDay(dayNumber(now)),
    done: view.counts.done,
    overdue: view.counts.overdue,
    upcoming: view.counts.open,
    unresolved: view.counts.unresolved,
    overdueItems: view.items
      .filter((i) => i.status === 'overdue')
      .map((i) => ({ item: i.item, action: i.action, deadline: i.deadline, since: i.overdueSince })),
  };
}
