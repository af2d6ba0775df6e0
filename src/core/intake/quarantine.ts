// «Карантин»: submissions that could not be accepted, with every raw answer and a Russian reason. A methodist
// fixes the answers and re-processes; nothing is lost (SPEC §5).
import { z } from 'zod';
import type { Clock } from '../ports';
import type { Table } from '../table';
import type { Workbook } from '../workbook';
import { isDate } from '../text';

export const QUARANTINE_WAITING = 'Ожидает';
export const QUARANTINE_ACCEPTED = 'Принято';
export const QUARANTINE_DISMISSED = 'Отклонено';

/** The answers column holds JSON: {question title: answer text}. */
export const quarantineAnswersSchema = z.record(z.string(), z.string());

export interface QuarantineEntry {
  readonly id: string;
  readonly form: string;
  readonly receivedAt: Date | string;
  readonly reason: string;
  readonly status: string;
  readonly answers: Record<string, string>;
  readonly responseId: string;
  readonly source: string;
}

export class Quarantine {
  private nextNumber?: number;

  constructor(
    private readonly workbook: Workbook,
    private readonly clock: Clock,
  ) {}

  private get table(): Table {
    return this.workbook.table('quarantine');
  }

  private findIndex(id: string): number {
    for (let i = 0; i < this.table.size; i++) if (this.table.text(i, 'id') === id) return i;
    return -1;
  }

  entry(index: number): QuarantineEntry {
    const t = this.table;
    const parsed = quarantineAnswersSchema.safeParse(safeJson(t.text(index, 'answers')));
    const receivedAt = t.get(index, 'receivedAt');
    return {
      id: t.text(index, 'id'),
      form: t.text(index, 'form'),
      receivedAt: isDate(receivedAt) ? receivedAt : String(receivedAt),
      reason: t.text(index, 'reason'),
      status: t.text(index, 'status'),
      answers: parsed.success ? parsed.data : {},
      responseId: t.text(index, 'responseId'),
      source: t.text(index, 'source'),
    };
  }

  entries(): QuarantineEntry[] {
    return Array.from({ length: this.table.size }, (_, i) => this.entry(i));
  }

  get(id: string): QuarantineEntry | null {
    const i = this.findIndex(id);
    return i < 0 ? null : this.entry(i);
  }

  /** Files a rejected submission; the same answers already waiting (a file imported twice) are not filed again. */
  add(entry: Omit<QuarantineEntry, 'id' | 'status'>): string {
    const answers = JSON.stringify(entry.answers);
    for (let i = 0; i < this.table.size; i++) {
      const t = this.table;
      if (t.text(i, 'status') === QUARANTINE_WAITING && t.text(i, 'form') === entry.form && t.text(i, 'answers') === answers) {
        // The same answers again (a file imported twice): one row, which follows the latest response.
        t.update(i, { responseId: entry.responseId, receivedAt: entry.receivedAt });
        return t.text(i, 'id');
      }
    }
    if (this.nextNumber === undefined) {
      let max = 0;
      for (let i = 0; i < this.table.size; i++) max = Math.max(max, Number(/(\d+)$/.exec(this.table.text(i, 'id'))?.[1] ?? 0));
      this.nextNumber = max + 1;
    }
    const id = `К-${String(this.nextNumber++).padStart(5, '0')}`;
    this.table.append({ ...entry, id, status: QUARANTINE_WAITING, answers });
    return id;
  }

  /** A re-processed row that failed again: its answers (as fixed) and the new reason are kept. */
  retry(id: string, reason: string, answers: Record<string, string>): string {
    const i = this.findIndex(id);
    if (i >= 0) this.table.update(i, { reason, answers: JSON.stringify(answers), processedAt: this.clock.now() });
    return id;
  }

  /** Accepted after a fix: the answers as accepted are kept, so a rebuild replays the fix, not the original. */
  resolve(id: string, answers: Record<string, string>): void {
    const i = this.findIndex(id);
    if (i >= 0) this.table.update(i, { status: QUARANTINE_ACCEPTED, answers: JSON.stringify(answers), processedAt: this.clock.now() });
  }

  dismiss(id: string): void {
    const i = this.findIndex(id);
    if (i >= 0) this.table.update(i, { status: QUARANTINE_DISMISSED, processedAt: this.clock.now() });
  }

  /** A respondent fixed a rejected answer through the edit link: the waiting row is settled. */
  resolveResponse(responseId: string, answers: Record<string, string>): void {
    for (let i = 0; i < this.table.size; i++)
      if (this.table.text(i, 'responseId') === responseId && this.table.text(i, 'status') === QUARANTINE_WAITING)
        this.resolve(this.table.text(i, 'id'), answers);
  }

  /**
   * Answers a methodist fixed and got accepted, by response id, with when: a rebuild uses them in place of the
   * raw response — unless the respondent edited the response after that.
   */
  acceptedFixes(): Map<string, { answers: Record<string, string>; at: Date }> {
    const fixes = new Map<string, { answers: Record<string, string>; at: Date }>();
    for (let i = 0; i < this.table.size; i++) {
      const entry = this.entry(i);
      const at = this.table.get(i, 'processedAt');
      if (entry.status === QUARANTINE_ACCEPTED && entry.responseId && isDate(at))
        fixes.set(entry.responseId, { answers: entry.answers, at });
    }
    return fixes;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
