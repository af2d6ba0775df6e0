// «Рассылки»: one row per letter (when, to whom, which role, which month, outcome, subject). It is read before
// sending — a month's digest goes to a recipient at most once — and written one row per letter as it goes: the row
// is «Отправляется» before MailApp is called and gets its outcome with the next letter's row (one write per letter).
// An execution stopped by Google in between leaves «Отправляется»: whether that letter left is unknown, and it is
// not sent again (never twice beats twice).
import type { Cell, WorkbookPort } from '../ports';
import { sheetSpec } from '../schema/sheets';
import { Table, type Row } from '../table';
import { logPeriod, type DigestMonth } from './month';

export const MAIL_STATUS = {
  sending: 'Отправляется',
  sent: 'Отправлено',
  /** Google refused for the day: the letter goes on the next run. */
  deferred: 'Отложено: исчерпан дневной лимит писем',
  failedPrefix: 'Не отправлено: ',
} as const;

export interface MonthLog {
  /** Recipients (lower-case) whose letter of the month is sent, failed for good, or was being sent when stopped. */
  readonly done: ReadonlySet<string>;
  readonly sent: number;
  readonly failed: number;
  /** «Отправляется» left by a stopped execution. */
  readonly unknown: number;
}

export function monthLog(table: Table, month: DigestMonth): MonthLog {
  const period = logPeriod(month);
  const done = new Set<string>();
  const counts = { sent: 0, failed: 0, unknown: 0 };
  for (let i = 0; i < table.size; i++) {
    const status = table.text(i, 'status');
    if (table.text(i, 'period') !== period || status === MAIL_STATUS.deferred) continue;
    done.add(table.text(i, 'recipient').toLowerCase());
    if (status === MAIL_STATUS.sent) counts.sent++;
    else if (status === MAIL_STATUS.sending) counts.unknown++;
    else counts.failed++;
  }
  return { done, ...counts };
}

const KEY_OF_HEADER = new Map(sheetSpec('mailings').columns.map((c) => [c.header, c.key]));

export interface LetterRow {
  readonly recipient: string;
  readonly kind: string;
  readonly subject: string;
}

/** The log of one sending run: read once, then one write per letter. */
export class MailingLog {
  readonly table: Table;
  private readonly rows: Cell[][];
  private inFlight: { index: number; row: Row } | null = null;
  private outcome: string | null = null;

  constructor(
    private readonly port: WorkbookPort,
    private readonly month: DigestMonth,
  ) {
    const data = port.readTable('mailings');
    this.table = new Table(sheetSpec('mailings'), data);
    this.rows = data.rows.map((r) => [...r]);
  }

  /** A row in the sheet's own column order (a methodist may have moved columns). */
  private cells(row: Row): Cell[] {
    return this.table.header.map((h) => row[KEY_OF_HEADER.get(h) ?? ''] ?? '');
  }

  /** The letter is about to be sent: its row «Отправляется», written with the previous letter's outcome. */
  begin(letter: LetterRow, at: Date): void {
    const updates = this.settled();
    const row: Row = { at, ...letter, period: logPeriod(this.month), status: MAIL_STATUS.sending };
    const values = this.cells(row);
    this.rows.push(values);
    this.port.writeTable('mailings', this.table.header, { updates, appends: [values], rows: this.rows });
    this.inFlight = { index: this.rows.length - 1, row };
  }

  /** What became of the letter in flight; written with the next letter, or by finish(). */
  settle(status: string): void {
    this.outcome = status;
  }

  finish(): void {
    const updates = this.settled();
    if (updates.length) this.port.writeTable('mailings', this.table.header, { updates, appends: [], rows: this.rows });
  }

  private settled(): { index: number; values: Cell[] }[] {
    if (!this.inFlight || this.outcome === null) return [];
    const values = this.cells({ ...this.inFlight.row, status: this.outcome });
    this.rows[this.inFlight.index] = values;
    const update = { index: this.inFlight.index, values };
    this.inFlight = null;
    this.outcome = null;
    return [update];
  }
}
