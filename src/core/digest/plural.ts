// Counted nouns of the letters: «1 педагог», «2 педагога», «5 педагогов», «11 педагогов», «21 педагог» (the form
// from core/text's plural: date-fns knows months, not nouns, and Apps Script's Intl.PluralRules is not relied on).
import { formatCount, plural } from '../text';

/** Forms for 1, for 2–4 and for 5–20 (and 0). */
export type NounForms = readonly [one: string, few: string, many: string];

/** «3 мероприятия» (digit groups with a no-break space). */
export const counted = (n: number, forms: NounForms): string => `${formatCount(n)} ${plural(n, forms)}`;

export const NOUNS = {
  teacher: ['педагог', 'педагога', 'педагогов'],
  answer: ['ответ', 'ответа', 'ответов'],
  /** An abbreviation: one form for every number. */
  iom: ['ИОМ', 'ИОМ', 'ИОМ'],
} as const satisfies Record<string, NounForms>;
