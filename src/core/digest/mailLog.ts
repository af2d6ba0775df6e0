// «Рассылки»: one row per letter (when, to whom, which role, which month, outcome, subject). It is read before
// sending — a month's digest goes to a recipient at most once — and written around each letter: the row is written
// «Отправляется» right before MailApp is called, and gets its outcome in the write right after. Google may stop an
// execution at any service call; only a stop at sendEmail itself (or at that next write) leaves «Отправляется»:
// whether that letter left is unknown, it is not sent again on its own (never twice beats twice), and «Настройки…»
// names it with «Отправить повторно».
import type { Cell, WorkbookPort } from '../ports';
import { sheetSpec } from '../schema/sheets';
import { Table, type Row } from '../table';
import { logPeriod, type DigestMonth } from './month';

export const MAIL_STATUS = {
  sending: 'Отправляется',
  sent: 'Отправлено',
  /** A letter whose fate was unknown, sent again by hand from «Настройки…». */
  resent: 'Отправлено повторно',
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
  /** Their recipients, as logged: «Настройки…» names them and offers «Отправить повторно». */
  readonly unknownRecipients: readonly string[];
}

export function monthLog(table: Table, month: DigestMonth): MonthLog {
  const period = logPeriod(month);
  const done = new Set<string>();
  const counts = { sent: 0, failed: 0, unknown: 0 };
  const unknownRecipients: string[] = [];
  for (let i = 0; i < table.size; i++) {
    const status = table.text(i, 'status');
    if (table.text(i, 'period') !== period || status === MAIL_STATUS.deferred) continue;
    done.add(table.text(i, 'recipient').toLowerCase());
    if (status === MAIL_STATUS.sent || status === MAIL_STATUS.resent) counts.sent++;
    else if (status === MAIL_STATUS.sending) {
      counts.unknown++;
      unknownRecipients.push(table.text(i, 'recipient'));
    } else counts.failed++;
  }
  return { done, ...counts, unknownRecipients };
}

const KEY_OF_HEADER = new Map(sheetSpec('mailings').columns.map((c) => [c.header, c.key]));

export interface LetterRow {
  readonly recipient: string;
  readonly kind: string;
  readonly subject: string;
}

/** The log of one sending run: read once, then a write right before and right after each letter. */
export class MailingLog {
  readonly table: Table;
  private readonly rows: Cell[][];
  private inFlight: { index: number; row: Row } | null = null;

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

  /** The letter is about to be sent: its row «Отправляется» — the last write before MailApp is called. */
  begin(letter: LetterRow, at: Date): void {
    const row: Row = { at, ...letter, period: logPeriod(this.month), status: MAIL_STATUS.sending };
    const values = this.cells(row);
    this.rows.push(values);
    this.port.writeTable('mailings', this.table.header, { updates: [], appends: [values], rows: this.rows });
    this.inFlight = { index: this.rows.length - 1, row };
  }

  /** A letter left «Отправляется» by a stopped run is sent again by hand: its own row takes the outcome. */
  resume(recipient: string, at: Date): LetterRow | null {
    const index = unknownRow(this.table, this.month, recipient);
    if (index < 0) return null;
    const row: Row = { ...this.table.row(index), at };
    this.inFlight = { index, row };
    return {
      recipient: this.table.text(index, 'recipient'),
      kind: this.table.text(index, 'kind'),
      subject: this.table.text(index, 'subject'),
    };
  }

  /** What became of the letter in flight, written at once: the first service call after MailApp's. */
  settle(status: string): void {
    if (!this.inFlight) return;
    const { index, row } = this.inFlight;
    const values = this.cells({ ...row, status });
    this.rows[index] = values;
    this.inFlight = null;
    this.port.writeTable('mailings', this.table.header, { updates: [{ index, values }], appends: [], rows: this.rows });
  }
}

/** The row of `recipient`'s letter of `month` whose fate is unknown, or -1. */
function unknownRow(table: Table, month: DigestMonth, recipient: string): number {
  const period = logPeriod(month);
  const wanted = recipient.trim().toLowerCase();
  for (let i = table.size - 1; i >= 0; i--) {
    if (
      table.text(i, 'period') === period &&
      table.text(i, 'status') === MAIL_STATUS.sending &&
      table.text(i, 'recipient').toLowerCase() === wanted
    )
      return i;
  }
  return -1;
}
