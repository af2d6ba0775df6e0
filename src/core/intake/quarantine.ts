// «Карантин»: submissions that could not be accepted, with every raw answer and a Russian reason. A methodist
// fixes the answers and re-processes; nothing is lost (SPEC §5).
import { z } from 'zod';
import type { Clock } from '../ports';
import type { Row, Table } from '../table';
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

/** Look-ups over the quarantine rows, built in one pass: a batch of thousands of submissions never rescans. */
interface QuarantineIndex {
  byId: Map<string, number>;
  /** Waiting rows by form + answers JSON (the same answers filed again are not duplicated). */
  waitingByAnswers: Map<string, number>;
  /** Waiting rows by response id (a respondent's fix through the edit link settles them). */
  waitingByResponse: Map<string, number[]>;
  nextNumber: number;
}

export class Quarantine {
  private cached?: QuarantineIndex;

  constructor(
    private readonly workbook: Workbook,
    private readonly clock: Clock,
  ) {}

  private get table(): Table {
    return this.workbook.table('quarantine');
  }

  private get index(): QuarantineIndex {
    if (!this.cached) {
      const index: QuarantineIndex = { byId: new Map(), waitingByAnswers: new Map(), waitingByResponse: new Map(), nextNumber: 1 };
      for (let i = 0; i < this.table.size; i++) {
        const id = this.table.text(i, 'id');
        index.byId.set(id, i);
        index.nextNumber = Math.max(index.nextNumber, Number(/(\d+)$/.exec(id)?.[1] ?? 0) + 1);
        if (this.table.text(i, 'status') === QUARANTINE_WAITING) this.indexWaiting(index, i);
      }
      this.cached = index;
    }
    return this.cached;
  }

  private answersKey(i: number): string {
    return `${this.table.text(i, 'form')}\n${this.table.text(i, 'answers')}`;
  }

  private indexWaiting(index: QuarantineIndex, i: number): void {
    index.waitingByAnswers.set(this.answersKey(i), i);
    const responseId = this.table.text(i, 'responseId');
    if (responseId) index.waitingByResponse.set(responseId, [...(index.waitingByResponse.get(responseId) ?? []), i]);
  }

  private unindexWaiting(i: number): void {
    const index = this.index;
    if (index.waitingByAnswers.get(this.answersKey(i)) === i) index.waitingByAnswers.delete(this.answersKey(i));
    const responseId = this.table.text(i, 'responseId');
    const rows = (index.waitingByResponse.get(responseId) ?? []).filter((r) => r !== i);
    if (rows.length) index.waitingByResponse.set(responseId, rows);
    else index.waitingByResponse.delete(responseId);
  }

  /** Changes a row, keeping the look-ups true (they key on status, answers and response id). */
  private change(i: number, values: Row): void {
    const wasWaiting = this.table.text(i, 'status') === QUARANTINE_WAITING;
    if (wasWaiting) this.unindexWaiting(i);
    this.table.update(i, values);
    if (this.table.text(i, 'status') === QUARANTINE_WAITING) this.indexWaiting(this.index, i);
  }

  private findIndex(id: string): number {
    return this.index.byId.get(id) ?? -1;
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
    const index = this.index;
    const same = index.waitingByAnswers.get(`${entry.form}\n${answers}`);
    if (same !== undefined) {
      // The same answers again (a file imported twice): one row, which follows the latest response.
      this.change(same, { responseId: entry.responseId, receivedAt: entry.receivedAt });
      return this.table.text(same, 'id');
    }
    const id = `К-${String(index.nextNumber++).padStart(5, '0')}`;
    const i = this.table.append({ ...entry, id, status: QUARANTINE_WAITING, answers });
    index.byId.set(id, i);
    this.indexWaiting(index, i);
    return id;
  }

  /** A re-processed row that failed again: its answers (as fixed) and the new reason are kept. */
  retry(id: string, reason: string, answers: Record<string, string>): string {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { reason, answers: JSON.stringify(answers), processedAt: this.clock.now() });
    return id;
  }

  /** Accepted after a fix: the answers as accepted are kept, so a rebuild replays the fix, not the original. */
  resolve(id: string, answers: Record<string, string>): void {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { status: QUARANTINE_ACCEPTED, answers: JSON.stringify(answers), processedAt: this.clock.now() });
  }

  dismiss(id: string): void {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { status: QUARANTINE_DISMISSED, processedAt: this.clock.now() });
  }

  /** A respondent fixed a rejected answer through the edit link: the waiting rows of that response are settled. */
  resolveResponse(responseId: string, answers: Record<string, string>): void {
    for (const i of [...(this.index.waitingByResponse.get(responseId) ?? [])]) this.resolve(this.table.text(i, 'id'), answers);
  }

  /** Before a rebuild replays every live response: their waiting rows go, the replay files its own again. */
  dropWaitingOfResponses(): void {
    const t = this.table;
    t.retain((i) => !(t.text(i, 'responseId') && t.text(i, 'status') === QUARANTINE_WAITING));
    this.cached = undefined;
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
