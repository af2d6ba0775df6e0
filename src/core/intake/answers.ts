// Validation of one form submission's answers (SPEC §5), with zod schemas derived from the form description.
// Every problem becomes a Russian sentence a methodist understands; the first one names the quarantine reason.
import * as z from 'zod';
import type { FormSpec, QuestionSpec } from '../schema/forms';
import { CELL_CHAR_LIMIT } from '../limits';
import { dayProblemText, formatCount, isDate, normalizeName, readDay, splitCheckboxAnswer } from '../text';

export type RawAnswer = string | string[];
export type RawAnswers = Record<string /* question title */, RawAnswer>;
export type Answer = string | string[] | Date;
/** Answers by question key: '' for an empty optional answer, canonical choice texts, Dates for date items. */
export type Answers = Record<string, Answer>;

const asText = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v)).trim();

type IssueSink = (message: string) => void;

/** One question's check: the canonical answer, each problem said to `issue`. Compiled once per form, with it. */
function questionCheck(question: QuestionSpec): (raw: unknown, issue: IssueSink) => Answer {
  const label = `«${question.title}»`;
  return (raw, issue) => {
    const length = asText(raw).length;
    if (length > CELL_CHAR_LIMIT) {
      // Sheets refuses such a cell: stored, the answer would be lost (or cut) — it waits for a shorter text.
      issue(
        `Ответ на вопрос ${label} длиннее ${formatCount(CELL_CHAR_LIMIT)} символов (${formatCount(length)}): столько не помещается в ячейку Google Таблиц. Сократите ответ.`,
      );
      return '';
    }
    if (question.kind === 'checkbox') {
      const options = question.choices ?? [];
      const values = Array.isArray(raw) ? raw.map(asText).filter(Boolean) : splitCheckboxAnswer(asText(raw), options);
      if (!values.length && question.required) issue(`Не заполнен обязательный вопрос ${label}.`);
      const canonical = values.map((v) => options.find((o) => normalizeName(o) === normalizeName(v)) ?? v);
      const unknown = canonical.filter((v) => !options.includes(v));
      if (unknown.length) issue(`В вопросе ${label} значение «${unknown.join('», «')}» не из списка вариантов.`);
      return canonical.filter((v, i) => canonical.indexOf(v) === i);
    }
    const text = asText(raw);
    if (!text) {
      if (question.required) issue(`Не заполнен обязательный вопрос ${label}.`);
      return '';
    }
    if (question.kind === 'date') {
      const read = readDay(text);
      if ('date' in read) return read.date;
      issue(dayProblemText(read.problem, text, `вопросе ${label}`));
      return text;
    }
    if (question.choices) {
      const match = question.choices.find((o) => normalizeName(o) === normalizeName(text));
      if (!match) issue(`В вопросе ${label} значение «${text}» не из списка вариантов.`);
      return match ?? text;
    }
    return text;
  };
}

const schemas = new Map<string, z.ZodType<Answers>>();

/**
 * The zod schema of a form's answers, keyed by question title on input and by question key on output; built once
 * per form. One transform checks every question in the form's order (each problem one issue, as before): a drain
 * validates 130k answers, and a zod object of per-question transforms cost a tenth of the intake.
 */
export function answersSchema(form: FormSpec): z.ZodType<Answers> {
  let schema = schemas.get(form.id);
  if (!schema) {
    const checks = form.questions.map((question) => ({ key: question.key, title: question.title, check: questionCheck(question) }));
    // Answers by title are a plain object, refused otherwise with z.record's own issue; the record's copy of every
    // key and value, not needed to read the questions' titles, is left out.
    schema = z.unknown().transform((byTitle, ctx) => {
      if (!z.util.isPlainObject(byTitle)) {
        ctx.addIssue({ code: 'invalid_type', expected: 'record', input: byTitle });
        return z.NEVER;
      }
      const issue: IssueSink = (message) => ctx.addIssue({ code: 'custom', message });
      const byKey: Answers = {};
      for (const { key, title, check } of checks) byKey[key] = check(byTitle[title], issue);
      return byKey;
    });
    schemas.set(form.id, schema);
  }
  return schema;
}

export type Validated = { ok: true; answers: Answers } | { ok: false; reasons: string[] };

export function validateAnswers(form: FormSpec, raw: RawAnswers): Validated {
  const result = answersSchema(form).safeParse(raw);
  if (!result.success) return { ok: false, reasons: result.error.issues.map((i) => i.message) };
  const answers = result.data;
  const start = answers.start;
  const end = answers.end;
  if (isDate(start) && isDate(end) && end.getTime() < start.getTime()) {
    const startTitle = form.questions.find((q) => q.key === 'start')?.title;
    const endTitle = form.questions.find((q) => q.key === 'end')?.title;
    return { ok: false, reasons: [`«${endTitle}» раньше, чем «${startTitle}».`] };
  }
  return { ok: true, answers };
}

/** Answers as plain strings by title, for the quarantine sheet and its editor (dates as дд.мм.гггг). */
export function answersToText(raw: RawAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [title, value] of Object.entries(raw)) out[title] = asText(value);
  return out;
}
