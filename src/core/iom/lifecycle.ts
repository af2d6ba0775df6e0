// The IOM life cycle (SPEC §5): Разработан → Реализуется → Реализован | Не реализован; a methodist can also
// return an IOM for rework («Возвращён на доработку») with a comment, after which the teacher resubmits it.
import { IOM_STATUS_RETURNED } from '../schema/choices';
import { NATURAL_KEYS } from '../intake/keyedRegister';
import { describeRow } from '../intake/mappers';
import { inTransaction, type IntakeDeps } from '../intake/service';
import type { Row, Table } from '../table';

const NEXT: Record<string, readonly string[]> = {
  Разработан: ['Реализуется', 'Не реализован', IOM_STATUS_RETURNED],
  Реализуется: ['Реализован', 'Не реализован', IOM_STATUS_RETURNED],
  Реализован: [IOM_STATUS_RETURNED],
  'Не реализован': ['Реализуется', IOM_STATUS_RETURNED],
  [IOM_STATUS_RETURNED]: ['Разработан', 'Реализуется'],
};

export const allowedNextStatuses = (status: string): readonly string[] => NEXT[status] ?? Object.keys(NEXT);

export interface IomView {
  readonly index: number;
  readonly key: string;
  readonly row: Row;
  readonly description: string;
  readonly nextStatuses: readonly string[];
}

function viewOf(table: Table, index: number): IomView {
  const row = table.row(index);
  return {
    index,
    key: NATURAL_KEYS.iom(table, index),
    row,
    description: describeRow('iom', row),
    nextStatuses: allowedNextStatuses(String(row.status)),
  };
}

export function readIom(deps: IntakeDeps, index: number): IomView {
  return inTransaction(deps, (pipeline) => {
    const table = pipeline.workbook.table('iom');
    if (index < 0 || index >= table.size) throw new Error('Выделите строку с ИОМ на листе «ИОМ» (ниже заголовка).');
    return viewOf(table, index);
  });
}

export interface StatusChange {
  readonly index: number;
  /** The key the sidebar showed: protects against acting on a row that moved meanwhile. */
  readonly key: string;
  readonly status: string;
  readonly comment: string;
}

export function changeIomStatus(deps: IntakeDeps, change: StatusChange): IomView {
  return inTransaction(deps, (pipeline) => {
    const table = pipeline.workbook.table('iom');
    if (change.index >= table.size || NATURAL_KEYS.iom(table, change.index) !== change.key)
      throw new Error('Строка ИОМ изменилась, пока была открыта панель. Выделите её снова.');
    const current = table.text(change.index, 'status');
    if (!allowedNextStatuses(current).includes(change.status))
      throw new Error(`Из статуса «${current}» нельзя перейти в «${change.status}».`);
    if (change.status === IOM_STATUS_RETURNED && !change.comment.trim())
      throw new Error('Напишите комментарий: что педагогу нужно доработать.');
    const description = describeRow('iom', table.row(change.index));
    const updates: Row = { status: change.status, updatedAt: deps.clock.now() };
    if (change.comment.trim()) updates.methodistComment = change.comment.trim();
    for (const c of table.update(change.index, updates)) {
      if (c.key === 'updatedAt') continue;
      const header = table.columnSpec(c.key).header;
      pipeline.audit.record('Изменение ИОМ методистом', 'ИОМ', description, header, c.before, c.after);
    }
    return viewOf(table, change.index);
  });
}

/**
 * Keeps a response's edit link in its «ИОМ» row once looked up (the queue reads answers from the response sheet,
 * which has no links; the sidebar finds one on demand). Not a change of the IOM: no audit row.
 */
export function rememberEditLink(deps: IntakeDeps, index: number, key: string, url: string): IomView {
  return inTransaction(deps, (pipeline) => {
    const table = pipeline.workbook.table('iom');
    if (index >= table.size || NATURAL_KEYS.iom(table, index) !== key)
      throw new Error('Строка ИОМ изменилась, пока была открыта панель. Выделите её снова.');
    table.update(index, { editUrl: url });
    return viewOf(table, index);
  });
}
