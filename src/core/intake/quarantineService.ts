// Recovery from «Карантин» (SPEC §5): a methodist fixes a rejected submission's answers and re-processes one or
// all; an accepted row is marked «Принято», a row that fails again keeps the fixed answers and the new reason.
import { FORMS, FORM_IDS, EMAIL_TITLE, type FormId } from '../schema/forms';
import type { Outcome } from './pipeline';
import { QUARANTINE_WAITING, type QuarantineEntry } from './quarantine';
import { inTransaction, type IntakeDeps } from './service';

export function formIdByTitle(title: string): FormId | null {
  return FORM_IDS.find((id) => FORMS[id].title === title) ?? null;
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
      // Columns of the source row that fed no question are shown too: nothing the respondent wrote is hidden.
      for (const [title, value] of Object.entries(entry.answers)) if (!(title in answers)) answers[title] = value;
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
    return pipeline.reprocess(entry, answers ?? entry.answers);
  });
}

export function reprocessAll(deps: IntakeDeps): { accepted: number; stillQuarantined: number } {
  return inTransaction(deps, (pipeline) => {
    let accepted = 0;
    let stillQuarantined = 0;
    for (const entry of pipeline.quarantine.entries()) {
      if (entry.status !== QUARANTINE_WAITING) continue;
      if (pipeline.reprocess(entry).status === 'accepted') accepted++;
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
