// Recovery from «Карантин» (SPEC §5): a methodist fixes a rejected submission's answers and re-processes one or
// all; an accepted row is marked «Принято», a row that fails again keeps the fixed answers and the new reason.
import { FORMS, FORM_IDS, EMAIL_TITLE, type FormId, type QuestionKind } from '../schema/forms';
import { dynamicChoices } from '../formChoices';
import { splitCheckboxAnswer } from '../text';
import type { Workbook } from '../workbook';
import type { Outcome } from './pipeline';
import { QUARANTINE_WAITING, type QuarantineEntry } from './quarantine';
import { inTransaction, type IntakeDeps } from './service';

export function formIdByTitle(title: string): FormId | null {
  return FORM_IDS.find((id) => FORMS[id].title === title) ?? null;
}

/** A question as the quarantine editor offers it: a dropdown, checkboxes, a date field or text. */
export interface QuestionView {
  readonly title: string;
  readonly kind: QuestionKind;
  readonly required: boolean;
  /** The allowed values, data-driven ones (ОО names, event labels) as the forms offer them now. */
  readonly choices: readonly string[];
}

/** Who answered, as a methodist recognises the card: the person (or the event) and the organisation. */
export interface Respondent {
  readonly name: string;
  readonly org: string;
  readonly email: string;
}

export interface QuarantineView extends QuarantineEntry {
  readonly respondent: Respondent;
  /** Checkbox answers split against their options (options may contain «, »), by question title. */
  readonly selections: Record<string, string[]>;
  /** For an ОО answer that names no known ОО: the nearest known names, offered first, by question title. */
  readonly suggestions: Record<string, string[]>;
}

export interface QuarantinePanel {
  readonly entries: QuarantineView[];
  /** Each form's questions in form order, by form title (the entries' `form`). */
  readonly questions: Record<string, QuestionView[]>;
}

/** Which answers name who answered; a mentoring pair is «наставник → наставляемый», an event is its title. */
const RESPONDENT: Record<FormId, { readonly name: readonly string[]; readonly org: string }> = {
  iom: { name: ['personName'], org: 'orgName' },
  events: { name: ['title'], org: 'organizer' },
  participation: { name: ['personName'], org: 'orgName' },
  mentoring: { name: ['mentorName', 'menteeName'], org: 'mentorOrgName' },
};

const titleOf = (form: FormId, key: string): string => FORMS[form].questions.find((q) => q.key === key)?.title ?? key;

function respondentOf(form: FormId, answers: Record<string, string>): Respondent {
  const answer = (key: string) => (answers[titleOf(form, key)] ?? '').trim();
  const { name, org } = RESPONDENT[form];
  return { name: name.map(answer).filter(Boolean).join(' → '), org: answer(org), email: (answers[EMAIL_TITLE] ?? '').trim() };
}

function questionViews(workbook: Workbook): Record<string, QuestionView[]> {
  const dynamic = dynamicChoices(workbook);
  const views: Record<string, QuestionView[]> = {};
  for (const form of FORM_IDS) {
    const email: QuestionView[] = FORMS[form].collectsEmail ? [{ title: EMAIL_TITLE, kind: 'text', required: false, choices: [] }] : [];
    views[FORMS[form].title] = [
      ...email,
      ...FORMS[form].questions.map((q) => ({
        title: q.title,
        kind: q.kind,
        required: Boolean(q.required),
        choices: q.choices ?? (q.choicesFrom ? dynamic[q.choicesFrom] : []),
      })),
    ];
  }
  return views;
}

/**
 * The quarantine panel: the rows of «Карантин», each with every question of its form in form order (unanswered
 * ones empty, to fill in) followed by any other column its source row had, and the forms' questions.
 */
export function quarantinePanel(deps: IntakeDeps): QuarantinePanel {
  return inTransaction(deps, (pipeline) => {
    const questions = questionViews(pipeline.workbook);
    const { directory } = pipeline;
    const orgQuestions = new Set(
      FORM_IDS.flatMap((f) => FORMS[f].questions.filter((q) => q.choicesFrom === 'organizations').map((q) => q.title)),
    );
    const entries = pipeline.quarantine.entries().map((entry): QuarantineView => {
      const form = formIdByTitle(entry.form);
      if (!form) return { ...entry, respondent: { name: '', org: '', email: '' }, selections: {}, suggestions: {} };
      const answers: Record<string, string> = {};
      const selections: Record<string, string[]> = {};
      const suggestions: Record<string, string[]> = {};
      for (const q of questions[entry.form]) {
        answers[q.title] = entry.answers[q.title] ?? '';
        if (q.kind === 'checkbox') selections[q.title] = splitCheckboxAnswer(answers[q.title], q.choices);
        if (orgQuestions.has(q.title) && answers[q.title].trim() && !directory.findOrg(answers[q.title])) {
          const similar = directory.similarOrgs(answers[q.title]);
          if (similar.length) suggestions[q.title] = similar;
        }
      }
      for (const [title, value] of Object.entries(entry.answers)) if (!(title in answers)) answers[title] = value;
      return { ...entry, answers, respondent: respondentOf(form, answers), selections, suggestions };
    });
    return { entries, questions };
  });
}

/** The rows of «Карантин» as the panel lists them. */
export const listQuarantine = (deps: IntakeDeps): QuarantineView[] => quarantinePanel(deps).entries;

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
