// The one intake pipeline (SPEC §5) that the live form trigger, CSV import, quarantine re-processing and the
// rebuild all use: validate → match → upsert by natural key → audit; or quarantine with a Russian reason.
// It works on the in-memory Workbook snapshot; the caller flushes once, under the script lock.
import type { Clock } from '../ports';
import { FORMS, FORM_IDS, EMAIL_TITLE, type FormId } from '../schema/forms';
import { SHEETS, type RegisterId } from '../schema/sheets';
import type { Row, Table } from '../table';
import { isDate, parseDateTime } from '../text';
import type { Workbook } from '../workbook';
import { answersToText, validateAnswers, type RawAnswers } from './answers';
import { Directory } from './directory';
import { acrossSources, eventKey, KeyedRegister, NATURAL_KEYS, type MergePolicy } from './keyedRegister';
import { describeRow, MAPPERS, parseEventLabel, Rejection, waitsForEvent } from './mappers';
import { AuditTrail } from './audit';
import { Quarantine, type QuarantineEntry } from './quarantine';

export interface Submission {
  readonly form: FormId;
  readonly answers: RawAnswers;
  /** The e-mail the form collected: who filled it in. */
  readonly email: string;
  readonly timestamp: Date;
  /** Google's response id; '' for a CSV row. */
  readonly responseId: string;
  readonly editUrl: string;
  /** Where it came from, for the quarantine and the audit: «Форма», «Импорт CSV», «Пересборка». */
  readonly source: string;
  /**
   * Which answer this is at its source — a live response (`r:` + its id) or a file row (`f:` + a fingerprint of its
   * content and its ordinal among identical rows): «Карантин» holds one row per answer, and an answer loaded again
   * finds its row instead of adding one.
   */
  readonly sourceKey: string;
  /** Columns of the source row that feed no question, by header: a quarantined answer keeps them too. */
  readonly extra?: Readonly<Record<string, string>>;
}

export type Outcome =
  | { status: 'accepted'; register: RegisterId; action: 'added' | 'updated' | 'unchanged'; key: string; description: string }
  | { status: 'quarantined'; reason: string; quarantineId: string; created: boolean };

export const SOURCE_QUARANTINE = 'Карантин';

export class IntakePipeline {
  readonly directory: Directory;
  readonly audit: AuditTrail;
  readonly quarantine: Quarantine;
  private readonly registers = new Map<RegisterId, KeyedRegister>();

  constructor(
    readonly workbook: Workbook,
    private readonly clock: Clock,
    actor: string,
  ) {
    this.directory = new Directory(workbook);
    this.audit = new AuditTrail(workbook, clock, actor);
    this.quarantine = new Quarantine(workbook, clock);
  }

  private register(id: RegisterId): KeyedRegister {
    let register = this.registers.get(id);
    if (!register) {
      register = new KeyedRegister(this.workbook, id);
      this.registers.set(id, register);
    }
    return register;
  }

  /**
   * An event by its dropdown label `Название (дд.мм.гггг)`: parsed back to the natural key, then looked up — in the
   * journal's titles and dates only, unless the journal is here whole (events were answered in this run too).
   */
  private findEvent(label: string): { title: string; start: Date | string } | null {
    const key = this.labelKey(label);
    if (key === null) return null;
    const register = this.registers.get('events');
    const table = register?.table ?? this.workbook.lookup('events', ['title', 'start']);
    const index = register ? register.find(key) : this.eventKeys(table).get(key);
    if (index === undefined) return null;
    const stored = table.get(index, 'start');
    return { title: table.text(index, 'title'), start: isDate(stored) ? stored : String(stored) };
  }

  /** A dropdown label's natural key, or null: per distinct label (a drain reads the same few thousand again and again). */
  private readonly labelKeys = new Map<string, string | null>();
  private labelKey(label: string): string | null {
    let key = this.labelKeys.get(label);
    if (key === undefined) {
      const parsed = parseEventLabel(label);
      key = parsed ? eventKey(parsed.title, parsed.start) : null;
      this.labelKeys.set(label, key);
    }
    return key;
  }

  /** The journal's rows by natural key, for a look-up table (built once per table read). */
  private readonly lookedUp = new WeakMap<Table, Map<string, number>>();
  private eventKeys(table: Table): Map<string, number> {
    let keys = this.lookedUp.get(table);
    if (!keys) {
      keys = new Map();
      for (let i = 0; i < table.size; i++) keys.set(NATURAL_KEYS.events(table, i), i);
      this.lookedUp.set(table, keys);
    }
    return keys;
  }

  /** Never throws for bad input: what cannot be accepted is quarantined with every raw answer. */
  process(submission: Submission, quarantineId = ''): Outcome {
    const form = FORMS[submission.form];
    let rejection: Rejection;
    try {
      const validated = validateAnswers(form, submission.answers);
      if (validated.ok) {
        const mapped = MAPPERS[form.id](validated.answers, {
          directory: this.directory,
          findEvent: (label) => this.findEvent(label),
          respondent: submission.email,
          editUrl: submission.editUrl,
        });
        const outcome = this.store(mapped.register, mapped.row, submission);
        for (const extra of mapped.also) this.store(extra.register, extra.row, submission, false);
        if (quarantineId) this.quarantine.resolve(quarantineId, rawAnswers(submission));
        else this.quarantine.resolveSource(submission.sourceKey, () => rawAnswers(submission));
        if (mapped.register === 'events' && outcome.action === 'added')
          this.releaseWaiting(waitsForEvent(outcome.key), outcome.description);
        return outcome;
      }
      rejection = new Rejection(validated.reasons.join(' '));
    } catch (error) {
      // A bug must not lose a submission either: it waits in quarantine with the message for the developers.
      rejection = error instanceof Rejection ? error : new Rejection(`Внутренняя ошибка обработки: ${String(error)}`);
    }
    const reason = rejection.message;
    const answers = rawAnswers(submission);
    if (quarantineId) {
      this.quarantine.retry(quarantineId, reason, answers, rejection.waitsFor);
      return { status: 'quarantined', reason, quarantineId, created: false };
    }
    const filed = this.quarantine.add({
      form: form.title,
      receivedAt: submission.timestamp,
      reason,
      answers,
      responseId: submission.responseId,
      source: submission.source,
      sourceKey: submission.sourceKey,
      waitsFor: rejection.waitsFor,
    });
    return { status: 'quarantined', reason, quarantineId: filed.id, created: filed.created };
  }

  /** Re-processes a waiting «Карантин» row, with the answers as a methodist fixed them (or as stored). */
  reprocess(entry: QuarantineEntry, answers = entry.answers, why = ''): Outcome {
    const form = FORM_IDS.find((id) => FORMS[id].title === entry.form);
    if (!form) return { status: 'quarantined', reason: `Неизвестная форма «${entry.form}».`, quarantineId: entry.id, created: false };
    const { [EMAIL_TITLE]: email = '', ...rest } = answers;
    const received = isDate(entry.receivedAt) ? entry.receivedAt : parseDateTime(String(entry.receivedAt));
    const submission: Submission = {
      form,
      answers: rest,
      email,
      timestamp: received ?? new Date(0),
      responseId: entry.responseId,
      editUrl: '',
      source: SOURCE_QUARANTINE,
      sourceKey: entry.sourceKey,
    };
    const outcome = this.process(submission, entry.id);
    const action = outcome.status === 'accepted' ? 'Карантин: запись принята' : 'Карантин: повторная обработка не удалась';
    this.audit.record(why ? `${action} (${why})` : action, SHEETS.quarantine.name, entry.id);
    return outcome;
  }

  /**
   * The waiting rows that failed for lack of exactly `waitsFor` (an event just accepted, an ОО just loaded) are
   * re-processed by themselves, each with a line in «Журнал изменений» (SPEC §5).
   */
  releaseWaiting(waitsFor: string | ((waitsFor: string) => boolean), what: string): number {
    const matches = typeof waitsFor === 'string' ? (w: string) => w === waitsFor : waitsFor;
    const waiting = this.quarantine.entriesWaitingFor(matches);
    for (const entry of waiting) this.reprocess(entry, entry.answers, `автоматически: появилось ${what}`);
    return waiting.length;
  }

  /** `ownRow`: the response's own register row, found again by response id when the response is edited. */
  private store(register: RegisterId, row: Row, submission: Submission, ownRow = true): Outcome & { status: 'accepted' } {
    const now = this.clock.now();
    // «Получено» is when the answer the row holds was sent: an older answer never replaces a newer one.
    const result = this.register(register).upsert(
      // Object.assign, not `{ ...row, responseId }`: a property after a spread costs V8 a runtime call (mappers.ts, iom).
      Object.assign({}, row, { responseId: submission.responseId }),
      ownRow ? submission.responseId : '',
      { receivedAt: submission.timestamp, updatedAt: now },
      { receivedAt: submission.timestamp, updatedAt: now },
      (index) => this.mergePolicy(register, row, index, submission.timestamp),
    );
    const description = describeRow(register, row);
    const sheet = SHEETS[register].name;
    // «Кто» of a form's answer is who filled it in, when the form collected her e-mail.
    const who = submission.email || undefined;
    if (result.action === 'added')
      this.audit.record(`Добавлена запись (${submission.source})`, sheet, description, '', undefined, undefined, who);
    for (const change of result.changes) {
      const header = SHEETS[register].columns.find((c) => c.key === change.key)?.header ?? change.key;
      this.audit.record(`Обновлена запись (${submission.source})`, sheet, description, header, change.before, change.after, who);
    }
    return { status: 'accepted', register, action: result.action, key: result.key, description };
  }

  /**
   * A later submission replaces the earlier one (SPEC §5), so an earlier one never replaces a later one: loading
   * an export again, or fixing an old quarantined answer after a newer one arrived, changes nothing. Where two
   * sources meet in «Диагностика», the IOM form's diagnostic only fills what a diagnostics.csv row left empty (and
   * the file does the same to the form's rows): neither overwrites the other.
   */
  private mergePolicy(register: RegisterId, row: Row, index: number, sent: Date): MergePolicy {
    const table = this.register(register).table;
    if (register === 'diagnostics' && acrossSources(table, index, String(row.source), 'replace') === 'fillEmpty') return 'fillEmpty';
    const stored = table.get(index, 'receivedAt');
    return isDate(stored) && sent.getTime() < stored.getTime() ? 'keepStored' : 'replace';
  }
}

/** The raw answers as the quarantine keeps them: text by question title, the respondent's e-mail, unused columns. */
function rawAnswers(submission: Submission): Record<string, string> {
  const answers: Record<string, string> = { ...submission.extra, ...answersToText(submission.answers) };
  if (submission.email) answers[EMAIL_TITLE] = submission.email;
  return answers;
}

/** Per form: received = accepted + quarantined, always; with the quarantine reasons by data row. */
export interface FormTally {
  received: number;
  accepted: number;
  quarantined: number;
  reasons: { row: number; reason: string; file?: string }[];
  /** Columns of the source that fed no question («Не использованы столбцы: …»). */
  unusedColumns: string[];
  /** What the methodist should know about how the columns were read (two columns for one question…). */
  notes: string[];
}

export type IntakeReport = Record<FormId, FormTally>;

export const emptyTally = (): FormTally => ({ received: 0, accepted: 0, quarantined: 0, reasons: [], unusedColumns: [], notes: [] });

export function emptyReport(): IntakeReport {
  const report = {} as IntakeReport;
  for (const id of FORM_IDS) report[id] = emptyTally();
  return report;
}

export function tally(report: IntakeReport, form: FormId, outcome: Outcome, row: number): void {
  const t = report[form];
  t.received++;
  if (outcome.status === 'accepted') t.accepted++;
  else {
    t.quarantined++;
    t.reasons.push({ row, reason: outcome.reason });
  }
}
