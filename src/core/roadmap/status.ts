// The state of «Дорожная карта» items over one snapshot (SPEC §3, §6): when each was done — the methodist's mark with
// its date, or a held event whose «Пункт дорожной карты» names it — and which deadlines of a period it met.
// roadmap_completion: items with a deadline in P done by that deadline / items with a deadline in P.
import { ROADMAP_DONE_MARKS } from '../schema/choices';
import type { Table } from '../table';
import { normalizeName } from '../text';
import { dayOfCell, type Day } from '../indicators/period';
import { deadlinesWithin, parseDeadline, type DeadlineRule } from './deadlines';

export interface RoadmapItemState {
  readonly row: number;
  readonly item: string;
  readonly action: string;
  readonly deadline: string;
  readonly responsible: string;
  readonly kind: string;
  readonly mark: string;
  readonly rule: DeadlineRule;
  /** The days it was done on: the marked «Дата выполнения», and the start of each held event naming it. */
  readonly doneDays: readonly Day[];
  /** The marked «Дата выполнения» when «Отметка» says done. */
  readonly markedDay: Day | null;
  /** The held events naming it, in date order: it is done by them without a mark (derived, never written back). */
  readonly byEvents: readonly HeldRoadmapEvent[];
}

/** A held event («Проведено») whose «Пункт дорожной карты» is `item`; `title` names it for the methodist. */
export interface HeldRoadmapEvent {
  readonly item: string;
  readonly day: Day;
  readonly title?: string;
}

/** «2.2», «п. 2.2», «Пункт 2.2.» name the same item: its number, or the whole text when it has none. */
export const roadmapKey = (text: string): string => /\d+(?:\.\d+)*/.exec(text)?.[0] ?? normalizeName(text);

const DONE = new Set(ROADMAP_DONE_MARKS.map(normalizeName));

export function readRoadmap(table: Table, heldEvents: readonly HeldRoadmapEvent[]): RoadmapItemState[] {
  const byKey = new Map<string, HeldRoadmapEvent[]>();
  for (const e of [...heldEvents].sort((a, b) => a.day - b.day)) {
    const key = roadmapKey(e.item);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(e);
  }
  const items: RoadmapItemState[] = [];
  for (let i = 0; i < table.size; i++) {
    const item = table.text(i, 'item');
    if (!item) continue;
    const mark = table.text(i, 'mark');
    const marked = DONE.has(normalizeName(mark)) ? dayOfCell(table.get(i, 'doneDate')) : null;
    const deadline = table.text(i, 'deadline');
    const byEvents = byKey.get(roadmapKey(item)) ?? [];
    items.push({
      row: i,
      item,
      action: table.text(i, 'action'),
      deadline,
      responsible: table.text(i, 'responsible'),
      kind: table.text(i, 'kind'),
      mark,
      rule: parseDeadline(deadline),
      doneDays: [...(marked === null ? [] : [marked]), ...byEvents.map((e) => e.day)].sort((a, b) => a - b),
      markedDay: marked,
      byEvents,
    });
  }
  return items;
}

/**
 * The deadlines of `item` in [from, to] and whether it met them: done on a day no later than the last of them — and,
 * for a recurring «Срок» («ежегодно»), not before `from` (last year's report does not do this year's).
 */
export function deadlineMet(item: RoadmapItemState, from: Day, to: Day): { readonly deadlines: readonly Day[]; readonly met: boolean } {
  const deadlines = deadlinesWithin(item.rule, from, to);
  if (!deadlines.length) return { deadlines, met: false };
  const last = deadlines[deadlines.length - 1]!;
  const since = item.rule.kind === 'every' ? from : 0;
  return { deadlines, met: item.doneDays.some((d) => d >= since && d <= last) };
}

/** roadmap_completion over [from, to]: indices of the items with a deadline there, and those that met it. */
export function roadmapCompletion(items: readonly RoadmapItemState[], from: Day, to: Day): { population: number[]; covered: Set<number> } {
  const population: number[] = [];
  const covered = new Set<number>();
  items.forEach((item, i) => {
    const { deadlines, met } = deadlineMet(item, from, to);
    if (!deadlines.length) return;
    population.push(i);
    if (met) covered.add(i);
  });
  return { population, covered };
}

/**
 * Items whose latest passed deadline (before `today`) was not met: not done by today — for a recurring «Срок», not
 * done in the year of that deadline (a yearly report done last year does not do this year's).
 */
export function overdueItems(items: readonly RoadmapItemState[], today: Day): { item: RoadmapItemState; deadline: Day }[] {
  const out: { item: RoadmapItemState; deadline: Day }[] = [];
  const lastYear = (Math.floor(today / 10000) - 1) * 10000 + 101;
  for (const item of items) {
    const passed = deadlinesWithin(item.rule, item.rule.kind === 'every' ? lastYear : 0, today - 1);
    if (!passed.length) continue;
    const deadline = passed[passed.length - 1]!;
    const since = item.rule.kind === 'every' ? Math.floor(deadline / 10000) * 10000 + 101 : 0;
    if (!item.doneDays.some((d) => d >= since && d <= today)) out.push({ item, deadline });
  }
  return out;
}

/** Items whose «Срок» no rule reads: shown to the methodist with what to type. */
export const unresolvedItems = (items: readonly RoadmapItemState[]) =>
  items.flatMap((item) => (item.rule.kind === 'unresolved' ? [{ item, reason: item.rule.reason }] : []));
