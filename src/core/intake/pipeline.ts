// The one intake pipeline (SPEC §5) that the live form trigger, CSV import, quarantine re-processing and the
// rebuild all use: validate → match → upsert by natural key → audit; or quarantine with a Russian reason.
// It works on the in-memory Workbook snapshot; the caller flushes once, under the script lock.
import type { Clock } from '../ports';
import { FORMS, FORM_IDS, EMAIL_TITLE, type FormId } from '../schema/forms';
import { SHEETS, type RegisterId } from '../schema/sheets';
import type { Row } from '../table';
import { isDate, parseDateText } from '../text';
import type { Workbook } from '../workbook';
import { answersToText, validateAnswers, type RawAnswers } from './answers';
import { Directory } from './directory';
import { eventKey, KeyedRegister } from './keyedRegister';
import { describeRow, MAPPERS, Rejection } from './mappers';
import { AuditTrail } from './audit';
import { Quarantine } from './quarantine';

export interface Submission {
  readonly form: FormId;
  readonly answers: RawAnswers;
  readonly email: string;
  readonly timestamp: Date;
  /** Google's response id; '' for a CSV row. */
  readonly responseId: string;
  readonly editUrl: string;
  /** Where it came from, for the quarantine and the audit: «Форма», «Импорт CSV», «Пересборка». */
  readonly source: string;
}

export type Outcome =
  | { status: 'accepted'; register: RegisterId; action: 'added' | 'updated' | 'unchanged'; description: string }
  | { status: 'quarantined'; reason: string; quarantineId: string };

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

  /** An event by its dropdown label `Название (дд.мм.гггг)`: parsed back to the natural key, then looked up. */
  private findEvent(label: string): { title: string; start: Date | string } | null {
    const match = /^(.*)\((\d{1,2}\.\d{1,2}\.\d{4})\)\s*$/.exec(label.trim());
    const start = match && parseDateText(match[2]);
    if (!match || !start) return null;
    const events = this.register('events');
    const index = events.find(eventKey(match[1], start));
    if (index === undefined) return null;
    const stored = events.table.get(index, 'start');
    return { title: events.table.text(index, 'title'), start: isDate(stored) ? stored : String(stored) };
  }

  /** Never throws for bad input: what cannot be accepted is quarantined with every raw answer. */
  process(submission: Submission, quarantineId = ''): Outcome {
    const form = FORMS[submission.form];
    let reason: string;
    try {
      const validated = validateAnswers(form, submission.answers);
      if (validated.ok) {
        const mapped = MAPPERS[form.id](validated.answers, {
          directory: this.directory,
          findEvent: (label) => this.findEvent(label),
          email: submission.email,
          editUrl: submission.editUrl,
        });
        const outcome = this.store(mapped.register, mapped.row, submission);
        for (const extra of mapped.also) this.store(extra.register, extra.row, submission, false);
        const accepted = withEmail(submission);
        if (quarantineId) this.quarantine.resolve(quarantineId, accepted);
        else if (submission.responseId) this.quarantine.resolveResponse(submission.responseId, accepted);
        return outcome;
      }
      reason = validated.reasons.join(' ');
    } catch (error) {
      // A bug must not lose a submission either: it waits in quarantine with the message for the developers.
      reason = error instanceof Rejection ? error.message : `Внутренняя ошибка обработки: ${String(error)}`;
    }
    const answers = withEmail(submission);
    const id = quarantineId
      ? this.quarantine.retry(quarantineId, reason, answers)
      : this.quarantine.add({ form: form.title, receivedAt: submission.timestamp, reason, answers, responseId: submission.responseId, source: submission.source });
    return { status: 'quarantined', reason, quarantineId: id };
  }

  /** `ownRow`: the response's own register row, found again by response id when the response is edited. */
  private store(register: RegisterId, row: Row, submission: Submission, ownRow = true): Outcome & { status: 'accepted' } {
    const now = this.clock.now();
    const result = this.register(register).upsert(
      { ...row, responseId: submission.responseId },
      ownRow ? submission.responseId : '',
      { receivedAt: submission.timestamp, updatedAt: now },
      { updatedAt: now },
    );
    const description = describeRow(register, row);
    const sheet = SHEETS[register].name;
    if (result.action === 'added') this.audit.record(`Добавлена запись (${submission.source})`, sheet, description);
    for (const change of result.changes) {
      const header = SHEETS[register].columns.find((c) => c.key === change.key)?.header ?? change.key;
      this.audit.record(`Обновлена запись (${submission.source})`, sheet, description, header, change.before, change.after);
    }
    return { status: 'accepted', register, action: result.action, description };
  }
}

/** The raw answers as the quarantine keeps them: text by question title, the respondent's e-mail included. */
function withEmail(submission: Submission): Record<string, string> {
  const answers = answersToText(submission.answers);
  if (submission.email) answers[EMAIL_TITLE] = submission.email;
  return answers;
}

/** Per form: received = accepted + quarantined, always; with the quarantine reasons by data row. */
export interface FormTally {
  received: number;
  accepted: number;
  quarantined: number;
  reasons: { row: number; reason: string }[];
}

export type IntakeReport = Record<FormId, FormTally>;

export function emptyReport(): IntakeReport {
  const report = {} as IntakeReport;
  for (const id of FORM_IDS) report[id] = { received: 0, accepted: 0, quarantined: 0, reasons: [] };
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

