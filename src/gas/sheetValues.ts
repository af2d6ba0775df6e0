// What crosses into a sheet cell. Range.setValues reads a string as if a person typed it into the spreadsheet
// (ru_RU here: «1,5» and «1e3» are numbers, «01.02.2025» and «1.5» dates, «12:30» a time, «50%» a percent, «ИСТИНА» a
// boolean, «=…», «+…», «-…», «@…» formulas). Every string that Sheets could read as anything but text is written
// with Google's quote prefix «'», which keeps it text and is not part of the stored value. Each class is one
// pattern, so a test can show that each is needed (tests/gas/sheetValues.test.ts narrows the rule one at a time).
import type { Cell } from '../core/ports';

const DECIMAL = String.raw`[+-]?(?:\d[\d\s]*(?:[.,]\d*)?|[.,]\d+)`;
const NUMBER = String.raw`${DECIMAL}(?:e[+-]?\d+)?`;
const MONTH = String.raw`[a-zа-яё]{3,9}\.?`;

/** One pattern per way Sheets reinterprets a typed string; all are tested against the trimmed string. */
export const REINTERPRETED = {
  /** Formulas and their look-alikes, and the quote prefix itself (a leading «'» would be eaten). */
  formula: /^[=+\-@']/,
  /** Digits with spaces and a decimal comma or point: «007», «1 000», «1,5». */
  number: new RegExp(`^${DECIMAL}$`),
  /** Scientific notation: «1e3», «5E-3», «1e400» (which Sheets cannot even hold). */
  exponent: new RegExp(String.raw`^${DECIMAL}e[+-]?\d+$`, 'i'),
  percent: new RegExp(String.raw`^${NUMBER}\s*%$`, 'i'),
  currency: new RegExp(String.raw`^(?:${NUMBER}\s*(?:₽|р\.?|руб\.?|\$|€)|[$€]\s*${NUMBER})$`, 'i'),
  /** Day-first and ISO dates with «.», «/», «-», month-year, and dates with a month name; a time may follow. */
  date: new RegExp(
    String.raw`^(?:\d{1,4}[./-]\d{1,4}(?:[./-]\d{1,4})?|\d{1,2}\s+${MONTH}(?:\s+\d{4})?(?:\s*г\.?)?|${MONTH}\s+\d{1,2},?\s+\d{4})(?:(?:\s+|T|,\s*)\d{1,2}:\d{1,2}.*)?$`,
    'i',
  ),
  /** «12:30», «9:05:10», «9:05 PM», «25:00» (a duration). */
  time: /^\d{1,3}:\d{1,2}(?::\d{1,2}(?:[.,]\d+)?)?\s*(?:am|pm)?$/i,
  boolean: /^(?:true|false|истина|ложь)$/i,
} as const;

export type ReinterpretedClass = keyof typeof REINTERPRETED;

/** The quote-prefix rule over the given classes (all of them in the product; fewer only in tests). */
export function quoteRule(classes: readonly ReinterpretedClass[]): (text: string) => boolean {
  const patterns = classes.map((c) => REINTERPRETED[c]);
  return (text) => {
    const trimmed = text.trim();
    return patterns.some((p) => p.test(trimmed));
  };
}

const reinterpretedAny = quoteRule(Object.keys(REINTERPRETED) as ReinterpretedClass[]);
/** The classes a text without a digit can fall in: every other one (numbers, dates, times…) needs one. */
const reinterpretedWithoutDigits = quoteRule(['formula', 'boolean']);
const DIGIT = /\d/;
// A register write passes millions of cells here, most of them names and titles with no digit: two patterns for
// them instead of eight.
const reinterpreted = (text: string): boolean => (DIGIT.test(text) ? reinterpretedAny(text) : reinterpretedWithoutDigits(text));

/** Google's «Обычный текст» number format: a cell formatted so keeps a typed string as it is (no quote prefix). */
export const PLAIN_TEXT = '@';

/**
 * A cell value as the port writes it. Text columns keep text exactly (a number that reached one is written as its
 * text); numeric columns hold numbers, and only finite ones (Infinity or NaN becomes an empty cell).
 */
export function toSheetValue(value: Cell, numeric = false, plain = false): Cell {
  // A plain-text cell keeps a quote prefix as part of the text: the string goes as it is.
  if (plain) return typeof value === 'number' ? String(value) : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return numeric ? value : toSheetValue(String(value));
  }
  if (typeof value !== 'string' || value === '') return value;
  return reinterpreted(value) ? `'${value}` : value;
}
