// The sidebar «Дорожная карта» (SPEC §3): each item with its «Срок» as written and as resolved, its state today, and
// the methodist's mark. An item named by a held event is done «по мероприятию …» — derived at read time from
// «Мероприятия» (never written back into the register), so the sidebar, roadmap_completion, the digest and the
// dashboard read one rule and a cancelled event un-does nothing by hand.
import { endOfMonth } from 'date-fns';
import { EVENT_STATUS_DEFAULT } from '../schema/choices';
import { sheetSpec } from '../schema/sheets';
import { Table } from '../table';
import type { TableData } from '../ports';
import { normalizeName, parseDay } from '../text';
import { dayNumber, dayOfCell, isoDay, shownDay, type Day } from '../indicators/period';
import { inTransaction, type IntakeDeps } from '../intake/service';
import type { Workbook } from '../workbook';
import { deadlinesWithin, shownDeadline } from './deadlines';
import { overdueItems, readRoadmap, roadmapKey, type HeldRoadmapEvent, type RoadmapItemState } from './status';

export type RoadmapStatus = 'done' | 'overdue' | 'open' | 'unresolved';

export const ROADMAP_STATUS_TEXT: Record<RoadmapStatus, string> = {
  done: 'Выполнено',
  overdue: 'Просрочено',
  open: 'Не выполнено',
  unresolved: 'Срок не распознан',
};

/** One item as the sidebar shows it; dates are `yyyy-mm-dd` strings (they cross google.script.run). */
export interface RoadmapRowView {
  readonly row: number;
  readonly item: string;
  readonly action: string;
  /** «Срок» as written. */
  readonly deadline: string;
  /** The resolved deadlines in words, or why «Срок» could not be read. */
  readonly deadlineText: string;
  readonly unresolved: boolean;
  readonly responsible: string;
  readonly kind: string;
  readonly mark: string;
  readonly status: RoadmapStatus;
  /** How it was done: «Отмечено 20.05.2024», «по мероприятию «…» (15.04.2024)»; '' when it is not. */
  readonly doneText: string;
  readonly doneDate: string;
  readonly proof: string;
  readonly comment: string;
  /** The overdue deadline ('' unless overdue). */
  readonly overdueSince: string;
  /** Deadline filters: one passed (before today); one in today's month; one in the next three months. */
  readonly due: { readonly passed: boolean; readonly thisMonth: boolean; readonly soon: boolean };
}

export interface RoadmapView {
  readonly today: string;
  readonly items: readonly RoadmapRowView[];
  readonly responsibles: readonly string[];
  readonly counts: Readonly<Record<RoadmapStatus, number>>;
}

const HELD = normalizeName(EVENT_STATUS_DEFAULT);

/** The held events (status Проведено or empty, as the indicators read it) that name a roadmap item. */
export function heldRoadmapEvents(events: Table): HeldRoadmapEvent[] {
  const [item, status, title, start] = [events.texts('roadmapItem'), events.texts('status'), events.texts('title'), events.cells('start')];
  const out: HeldRoadmapEvent[] = [];
  for (let i = 0; i < events.size; i++) {
    const day = dayOfCell(start(i));
    if (!item(i) || day === null || (normalizeName(status(i)) || HELD) !== HELD) continue;
    out.push({ item: item(i), day, title: title(i) });
  }
  return out;
}

/** The roadmap items read once with the held events that mark them (two sheets, no roster). */
export const roadmapItemsOf = (workbook: Workbook): RoadmapItemState[] =>
  readRoadmap(workbook.table('roadmap'), heldRoadmapEvents(workbook.table('events')));

const EVERY_TEXT = { month: 'ежемесячно', quarter: 'ежеквартально', year: 'ежегодно' } as const;
const addMonths = (day: Day, months: number): Day => {
  const d = new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1 + months, 1);
  return dayNumber(endOfMonth(d));
};

function deadlineText(state: RoadmapItemState, today: Day): string {
  const rule = state.rule;
  if (rule.kind === 'unresolved') return rule.reason;
  if (rule.kind === 'dates') return rule.days.map(shownDeadline).join(', ');
  const next = deadlinesWithin(rule, today, today + 100000)[0];
  return `${EVERY_TEXT[rule.unit]}${next === undefined ? '' : `, ближайший срок — ${shownDeadline(next)}`}`;
}

/** Done today: a day it was done on — for a recurring «Срок», in the current year (as overdueItems reads it). */
function doneOf(state: RoadmapItemState, today: Day): string {
  const since = state.rule.kind === 'every' ? Math.floor(today / 10000) * 10000 + 101 : 0;
  if (state.markedDay !== null && state.markedDay >= since && state.markedDay <= today) return `Отмечено ${shownDay(state.markedDay)}`;
  const event = [...state.byEvents].reverse().find((e) => e.day >= since && e.day <= today);
  return event ? `По мероприятию «${event.title ?? event.item}» (${shownDay(event.day)})` : '';
}

export function roadmapView(items: readonly RoadmapItemState[], table: Table, today: Day): RoadmapView {
  const overdue = new Map(overdueItems(items, today).map((o) => [o.item.row, o.deadline]));
  const monthStart = Math.floor(today / 100) * 100 + 1;
  const [monthEnd, soonEnd] = [addMonths(today, 0), addMonths(today, 3)];
  const counts: Record<RoadmapStatus, number> = { done: 0, overdue: 0, open: 0, unresolved: 0 };
  const views = items.map((state): RoadmapRowView => {
    const doneText = doneOf(state, today);
    const unresolved = state.rule.kind === 'unresolved';
    const late = overdue.get(state.row);
    const status: RoadmapStatus = late !== undefined ? 'overdue' : doneText ? 'done' : unresolved ? 'unresolved' : 'open';
    counts[status]++;
    const doneDate = dayOfCell(table.get(state.row, 'doneDate'));
    return {
      row: state.row,
      item: state.item,
      action: state.action,
      deadline: state.deadline,
      deadlineText: deadlineText(state, today),
      unresolved,
      responsible: state.responsible,
      kind: state.kind,
      mark: state.mark,
      status,
      doneText,
      doneDate: doneDate === null ? '' : isoDay(doneDate),
      proof: table.text(state.row, 'proof'),
      comment: table.text(state.row, 'comment'),
      overdueSince: late === undefined ? '' : isoDay(late),
      due: {
        passed: deadlinesWithin(state.rule, 0, today - 1).length > 0,
        thisMonth: deadlinesWithin(state.rule, monthStart, monthEnd).length > 0,
        soon: deadlinesWithin(state.rule, today, soonEnd).length > 0,
      },
    };
  });
  const responsibles = [...new Set(items.map((i) => i.responsible.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'ru'));
  return { today: isoDay(today), items: views, responsibles, counts };
}

/**
 * A municipal workbook's roadmap as the region counts it: items and those overdue today (held events included).
 * `events` may be only its key columns (title, start, status, «Пункт дорожной карты»); null = no «Мероприятия».
 */
export function roadmapStanding(roadmap: TableData, events: TableData | null, today: Day): { items: number; overdue: number } {
  const emptyEvents: TableData = { header: sheetSpec('events').columns.map((c) => c.header), rows: [] };
  const items = readRoadmap(
    new Table(sheetSpec('roadmap'), roadmap),
    heldRoadmapEvents(new Table(sheetSpec('events'), events ?? emptyEvents)),
  );
  return { items: items.length, overdue: overdueItems(items, today).length };
}

/** The sidebar's list, read under the lock like every panel's read (two sheets). */
export function readRoadmapView(deps: IntakeDeps): RoadmapView {
  return inTransaction(deps, (pipeline) => {
    const items = roadmapItemsOf(pipeline.workbook);
    return roadmapView(items, pipeline.workbook.table('roadmap'), dayNumber(deps.clock.now()));
  });
}

export interface RoadmapMark {
  readonly row: number;
  /** «Пункт» the sidebar showed: protects against marking a row that moved meanwhile. */
  readonly item: string;
  /** `yyyy-mm-dd`. */
  readonly doneDate: string;
  readonly proof: string;
  readonly comment: string;
}

/**
 * Marks an item done on a day (not after today) with an optional https link and comment. «Выполнено с нарушением
 * срока» when a deadline of a dated «Срок» had passed before that day; a recurring one is «Выполнено». Each changed
 * cell goes to «Журнал изменений».
 */
export function markRoadmapItem(deps: IntakeDeps, mark: RoadmapMark): RoadmapView {
  return inTransaction(deps, (pipeline) => {
    const table = pipeline.workbook.table('roadmap');
    if (mark.row < 0 || mark.row >= table.size || roadmapKey(table.text(mark.row, 'item')) !== roadmapKey(mark.item))
      throw new Error('Лист «Дорожная карта» изменился, пока была открыта панель. Нажмите «Обновить» и отметьте пункт снова.');
    const date = parseDay(mark.doneDate);
    const today = dayNumber(deps.clock.now());
    if (!date) throw new Error('Укажите дату выполнения.');
    if (dayNumber(date) > today) throw new Error('Дата выполнения не может быть позже сегодняшнего дня.');
    const proof = mark.proof.trim();
    if (proof && !/^https:\/\/\S+$/i.test(proof))
      throw new Error('Подтверждение — ссылка, начинающаяся с https:// (документ, страница сайта).');
    const state = readRoadmap(table, []).find((s) => s.row === mark.row)!;
    const late = state.rule.kind === 'dates' && state.rule.days.some((d) => d < dayNumber(date));
    const description = `Пункт ${table.text(mark.row, 'item')}`;
    const updates = {
      mark: late ? 'Выполнено с нарушением срока' : 'Выполнено',
      doneDate: date,
      proof,
      comment: mark.comment.trim(),
    };
    const sheet = sheetSpec('roadmap').name;
    for (const c of table.update(mark.row, updates))
      pipeline.audit.record('Отметка пункта дорожной карты', sheet, description, table.columnSpec(c.key).header, c.before, c.after);
    return roadmapView(roadmapItemsOf(pipeline.workbook), table, today);
  });
}
