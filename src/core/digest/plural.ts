// Russian plural forms: «1 педагог», «2 педагога», «5 педагогов», «11 педагогов», «21 педагог».
// Hand-written: date-fns knows months, not nouns, and Apps Script's Intl (PluralRules) is not to be relied on.
import { formatCount } from '../text';

/** Forms for 1, for 2–4 and for 5–20 (and 0). */
export type NounForms = readonly [one: string, few: string, many: string];

export function pluralForm(n: number, [one, few, many]: NounForms): string {
  const tens = Math.abs(n) % 100;
  const units = tens % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

/** «3 мероприятия» (digit groups with a no-break space). */
export const counted = (n: number, forms: NounForms): string => `${formatCount(n)} ${pluralForm(n, forms)}`;

export const NOUNS = {
  teacher: ['педагог', 'педагога', 'педагогов'],
  answer: ['ответ', 'ответа', 'ответов'],
  /** An abbreviation: one form for every number. */
  iom: ['ИОМ', 'ИОМ', 'ИОМ'],
} as const satisfies Record<string, NounForms>;
