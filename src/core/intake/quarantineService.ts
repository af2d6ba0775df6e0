// Recovery from «Карантин» (SPEC §5): a methodist fixes a rejected submission's answers and re-processes one or
// all; an accepted row is marked «Принято», a row that fails again keeps the fixed answers and the new reason.
import { FORMS, FORM_IDS, EMAIL_TITLE, type FormId } from '../schema/forms';
import { parseDateText, isDate } from '../text';
import type { Outcome, Submission } from './pipeline';
import type { IntakePipeline } from './pipeline';
import { QUARANTINE_WAITING, type QuarantineEntry } from './quarantine';
import { inTransaction, type IntakeDeps } from './service';

export const SOURCE_QUARANTINE = 'Карантин';

export function formIdByTitle(title: string): FormId | null {
  return FORM_IDS.find((id) => FORMS[id].title === title) ?? null;
}

function toSubmission(entry: QuarantineEntry, answers: Record<string, string>): Submission | null {
  const form = formIdByTitle(entry.form);
  if (!form) return null;
  const { [EMAIL_TITLE]: email = '', ...rest } = answers;
  const received = isDate(entry.receivedAt) ? entry.receivedAt : parseDateText(String(entry.receivedAt));
  return { form, answers: rest, email, timestamp: received ?? new Date(0), responseId: entry.responseId, editUrl: '', source: SOURCE_QUARANTINE };
}

function reprocessEntry(pipeline: IntakePipeline, entry: QuarantineEntry, answers = entry.answers): Outcome {
  const submission = toSubmission(entry, answers);
  if (!submission) return { status: 'quarantined', reason: `Неизвестная форма «${entry.form}».`, quarantineId: entry.id };
  const outcome = pipeline.process(submission, entry.id);
  pipeline.audit.record(
    outcome.status === 'accepted' ? 'Карантин: запись принята' : 'Карантин: повторная обработка не удалась',
    'Карантин',
    entry.id,
  );
  return outcome;
}

/** Rows of «Карантин», each with every question of its form in form order (unanswered ones empty, to fill in). */
export function listQuarantine(deps: IntakeDeps): QuarantineEntry[] {
  return inTransaction(deps, (pipeline) =>
    pipeline.quarantine.entries().map((entry) => {
      const form = formIdByTitle(entry.form);
      if (!form) return entry;
      const answers: Record<string, string> = {};
      if (FORMS[form].collectsEmail) answers[EMAIL_TITLE] = entry.answers[EMAIL_TITLE] ?? '';
      for (const q of FORMS[form].questions) answers[q.title] = entry.answers[q.title] ?? '';
      return { ...entry, answers };
    }),
  );
}

/** Re-processes one row, with the answers as the methodist fixed them (or as stored). */
export function reprocessOne(deps: IntakeDeps, id: string, answers?: Record<string, string>): Outcome {
  return inTransaction(deps, (pipeline) => {
    const entry = pipeline.quarantine.get(id);
    if (!entry) throw new Error(`Запись карантина ${id} не найдена: возможно, лист изменён. Обновите список.`);
    if (entry.status !== QUARANTINE_WAITING) throw new Error(`Запись ${id} уже обработана (статус «${entry.status}»).`);
    return reprocessEntry(pipeline, entry, answers ?? entry.answers);
  });
}

export function reprocessAll(deps: IntakeDeps): { accepted: number; stillQuarantined: number } {
  return inTransaction(deps, (pipeline) => {
    let accepted = 0;
    let stillQuarantined = 0;
    for (const entry of pipeline.quarantine.entries()) {
      if (entry.status !== QUARANTINE_WAITING) continue;
      if (reprocessEntry(pipeline, entry).status === 'accepted') accepted++;
      else stillQuarantined++;
    }
    return { accepted, stillQuarantined };
  });
}

export function dismissEntry(deps: IntakeDeps, id: string, comment: string): void {
  inTransaction(deps, (pipeline) => {
    if (!pipeline.quarantine.get(id)) throw new Error(`Запись карантина ${id} не найдена.`);
    pipeline.quarantine.dismiss(id);
    pipeline.audit.record('Карантин: запись отклонена методистом', 'Карантин', id, 'Комментарий', '', comment);
  });
}
