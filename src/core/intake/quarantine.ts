// «Карантин»: submissions that could not be accepted, with every raw answer and a Russian reason. A methodist
// fixes the answers and re-processes; nothing is lost (SPEC §5). One row per answer: an answer is identified by
// its source key (a response, a file row), never by its text — two identical wrong answers are two rows.
import * as z from 'zod';
import type { Clock } from '../ports';
import { CELL_CHAR_LIMIT } from '../limits';
import type { Row, Table } from '../table';
import type { Workbook } from '../workbook';
import { isDate } from '../text';

export const QUARANTINE_WAITING = 'Ожидает';
export const QUARANTINE_ACCEPTED = 'Принято';
export const QUARANTINE_DISMISSED = 'Отклонено';

/** The answers column holds JSON: {question title (or unused column's header): answer text}. */
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
  readonly sourceKey: string;
  readonly waitsFor: string;
}

/** Look-ups over the quarantine rows, built in one pass: a batch of thousands of submissions never rescans. */
interface QuarantineIndex {
  byId: Map<string, number>;
  bySource: Map<string, number>;
  waiting: Set<number>;
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
      const index: QuarantineIndex = { byId: new Map(), bySource: new Map(), waiting: new Set(), nextNumber: 1 };
      for (let i = 0; i < this.table.size; i++) {
        const id = this.table.text(i, 'id');
        index.byId.set(id, i);
        index.nextNumber = Math.max(index.nextNumber, Number(/(\d+)$/.exec(id)?.[1] ?? 0) + 1);
        const sourceKey = this.table.text(i, 'sourceKey');
        if (sourceKey) index.bySource.set(sourceKey, i);
        if (this.table.text(i, 'status') === QUARANTINE_WAITING) index.waiting.add(i);
      }
      this.cached = index;
    }
    return this.cached;
  }

  /** Changes a row, keeping the look-ups true (they key on status). */
  private change(i: number, values: Row): void {
    this.table.update(i, values);
    if (this.table.text(i, 'status') === QUARANTINE_WAITING) this.index.waiting.add(i);
    else this.index.waiting.delete(i);
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
      sourceKey: t.text(index, 'sourceKey'),
      waitsFor: t.text(index, 'waitsFor'),
    };
  }

  entries(): QuarantineEntry[] {
    return Array.from({ length: this.table.size }, (_, i) => this.entry(i));
  }

  get(id: string): QuarantineEntry | null {
    const i = this.findIndex(id);
    return i < 0 ? null : this.entry(i);
  }

  /** Waiting rows whose «Ждёт появления» `matches` accepts, in sheet order. */
  entriesWaitingFor(matches: (waitsFor: string) => boolean): QuarantineEntry[] {
    return [...this.index.waiting]
      .sort((a, b) => a - b)
      .filter((i) => {
        const waitsFor = this.table.text(i, 'waitsFor');
        return waitsFor !== '' && matches(waitsFor);
      })
      .map((i) => this.entry(i));
  }

  /**
   * Files a rejected answer: a new row, unless this answer (its source key) already has one. Then the row changes
   * only when the answer is newer (a respondent edited her response): loading the same file again changes nothing.
   */
  add(entry: Omit<QuarantineEntry, 'id' | 'status'>): { id: string; created: boolean } {
    const index = this.index;
    const answers = answersCell(entry.answers);
    const known = entry.sourceKey ? index.bySource.get(entry.sourceKey) : undefined;
    if (known !== undefined) {
      const stored = this.table.get(known, 'receivedAt');
      const newer = isDate(entry.receivedAt) && isDate(stored) && entry.receivedAt.getTime() > stored.getTime();
      if (newer) {
        this.change(known, { ...entry, answers, status: QUARANTINE_WAITING, processedAt: '' });
      }
      return { id: this.table.text(known, 'id'), created: false };
    }
    const id = `К-${String(index.nextNumber++).padStart(5, '0')}`;
    const i = this.table.append({ ...entry, id, status: QUARANTINE_WAITING, answers });
    index.byId.set(id, i);
    if (entry.sourceKey) index.bySource.set(entry.sourceKey, i);
    index.waiting.add(i);
    return { id, created: true };
  }

  /** A re-processed row that failed again: its answers (as fixed), the new reason and what it waits for are kept. */
  retry(id: string, reason: string, answers: Record<string, string>, waitsFor: string): void {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { reason, answers: answersCell(answers), waitsFor, processedAt: this.clock.now() });
  }

  /** Accepted after a fix: the answers as accepted are kept, so a rebuild replays the fix, not the original. */
  resolve(id: string, answers: Record<string, string>): void {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { status: QUARANTINE_ACCEPTED, answers: answersCell(answers), waitsFor: '', processedAt: this.clock.now() });
  }

  dismiss(id: string): void {
    const i = this.findIndex(id);
    if (i >= 0) this.change(i, { status: QUARANTINE_DISMISSED, processedAt: this.clock.now() });
  }

  /**
   * The answer of a waiting row was accepted from its source (a respondent fixed it through the edit link). The
   * answers are asked for only then: almost every accepted answer has no row here.
   */
  resolveSource(sourceKey: string, answers: () => Record<string, string>): void {
    const i = sourceKey ? this.index.bySource.get(sourceKey) : undefined;
    if (i !== undefined && this.index.waiting.has(i)) this.resolve(this.table.text(i, 'id'), answers());
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

const TRUNCATED = '… [обрезано: в ячейку Google Таблиц помещается не больше 50 000 символов; полный ответ — в источнике]';

/**
 * The answers as one JSON cell, within Sheets' 50,000 characters: an over-long answer (itself a reason for the
 * quarantine) is cut with a note saying so, longest first, until the cell fits. The full text stays in its source
 * (the form's response sheet, the imported file).
 */
export function answersCell(answers: Record<string, string>): string {
  let json = JSON.stringify(answers);
  if (json.length <= CELL_CHAR_LIMIT) return json;
  const cut = { ...answers };
  while (json.length > CELL_CHAR_LIMIT) {
    const [longest, value] = Object.entries(cut).sort((a, b) => b[1].length - a[1].length)[0]!;
    if (value.length <= TRUNCATED.length * 2) break; // nothing long is left to cut (never met: a form has ~16 answers)
    const excess = json.length - CELL_CHAR_LIMIT + TRUNCATED.length + 16;
    cut[longest] = cut[longest]!.slice(0, Math.max(0, cut[longest]!.length - excess)) + TRUNCATED;
    json = JSON.stringify(cut);
  }
  return json;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
