// How many cells taking answers in will add, before anything is written (issue 17: the 10M-cell wall said before
// it is hit). An upper bound per answer: its response sheet row, its register row (or a «Карантин» row, whichever
// is wider) and its «Журнал изменений» row. A plain function: the CLI calls it, and a scheduler job can.
import { FORMS, FORM_IDS, type FormId } from '../schema/forms';
import { SHEETS } from '../schema/sheets';

/** Cells one answer of `form` adds at most: response sheet row + register (or quarantine) row + audit row. */
export function cellsPerAnswer(form: FormId): number {
  const spec = FORMS[form];
  const response = 1 + (spec.collectsEmail ? 1 : 0) + spec.questions.length;
  const register = Math.max(SHEETS[spec.register].columns.length, SHEETS.quarantine.columns.length);
  return response + register + SHEETS.audit.columns.length;
}

/** Cells the answers (count per form) would add at most. */
export const intakeCells = (answers: Partial<Record<FormId, number>>): number =>
  FORM_IDS.reduce((sum, form) => sum + (answers[form] ?? 0) * cellsPerAnswer(form), 0);
