// How Google Sheets reads a string that setValue/setValues/appendRow receive: as if a person typed it into a cell
// of a spreadsheet in the ru_RU locale (decimal comma, space as thousands separator, dd.MM.yyyy dates).
// Sources: Range.setValue (developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object): «the
// value … is interpreted as if typed by the user»), the Sheets locale settings (support.google.com/docs/answer/
// 58515), and known reports (github.com/vlucas/sheetquery/issues/20: «01234» becomes 1234 and «22 34» becomes 2234;
// getodk/getodk#463: «3 5» becomes a date). Where Google's exact rule is unknown the model converts MORE, never
// less, so a string the product forgets to protect is visible here (e.g. «1e400», currencies, «@…», «+7 (…)»).
import { zonedDate } from './zoned';

export type Parsed =
  | { kind: 'number' | 'date' | 'boolean'; value: number | Date | boolean; format?: string }
  | { kind: 'error'; value: string }
  | { kind: 'formula'; formula: string };

/** Number formats Google gives a cell whose format was «Автоматически» when it parses a typed value. */
export const FORMATS = {
  date: 'dd.MM.yyyy',
  dateTime: 'dd.MM.yyyy H:mm:ss',
  time: 'H:mm:ss',
  duration: '[h]:mm:ss',
  percent: '0%',
  percentDecimal: '0.00%',
  currency: '#,##0.00 [$₽-419]',
} as const;

/** Number in ru_RU: digits (spaces may group them), a decimal comma, an exponent. «1.5» is NOT a number here. */
const NUMBER = '[+-]?(?:\\d+(?:[ \\u00a0\\u202f]\\d+)*(?:,\\d*)?|,\\d+)(?:[eE][+-]?\\d+)?';
const NUMBER_RE = new RegExp(`^${NUMBER}$`);
const PERCENT_RE = new RegExp(`^(${NUMBER})\\s?%$`);
const CURRENCY_RE = new RegExp(`^(?:(${NUMBER})\\s?(?:₽|р\\.|руб\\.?|\\$|€)|[$€]\\s?(${NUMBER}))$`, 'i');
const BOOLEAN_RE = /^(true|false|истина|ложь)$/i;
const TIME = '(\\d{1,3}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,3}))?)?(?:\\s?(am|pm))?';
const TIME_RE = new RegExp(`^${TIME}$`, 'i');

const MONTHS: readonly (readonly string[])[] = [
  ['января', 'январь', 'янв', 'january', 'jan'],
  ['февраля', 'февраль', 'фев', 'february', 'feb'],
  ['марта', 'март', 'мар', 'march', 'mar'],
  ['апреля', 'апрель', 'апр', 'april', 'apr'],
  ['мая', 'май', 'may'],
  ['июня', 'июнь', 'июн', 'june', 'jun'],
  ['июля', 'июль', 'июл', 'july', 'jul'],
  ['августа', 'август', 'авг', 'august', 'aug'],
  ['сентября', 'сентябрь', 'сен', 'сент', 'september', 'sep', 'sept'],
  ['октября', 'октябрь', 'окт', 'october', 'oct'],
  ['ноября', 'ноябрь', 'ноя', 'нояб', 'november', 'nov'],
  ['декабря', 'декабрь', 'дек', 'december', 'dec'],
];
const monthOf = (word: string): number => {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((names) => names.includes(w)) + 1;
};
const MONTH_WORD = '([a-zа-яё]{3,9}\\.?)';

/** Day-first numeric dates (ru), year-first ISO-like dates, and dates with a month name (Russian or English). */
const DATE_PATTERNS: readonly { re: RegExp; ymd: (m: RegExpExecArray, year: () => number) => [number, number, number] }[] = [
  { re: /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})/, ymd: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?!\d)/, ymd: (m) => [fullYear(m[3]!), +m[2]!, +m[1]!] },
  { re: /^(\d{1,2})[./](\d{4})(?!\d)/, ymd: (m) => [+m[2]!, +m[1]!, 1] },
  { re: /^(\d{1,2})[./](\d{1,2})(?![\d./])/, ymd: (m, year) => [year(), +m[2]!, +m[1]!] },
  {
    re: new RegExp(`^(\\d{1,2})\\s+${MONTH_WORD}(?:\\s+(\\d{4}))?(?:\\s*г\\.?)?`, 'i'),
    ymd: (m, year) => [m[3] ? +m[3] : year(), monthOf(m[2]!), +m[1]!],
  },
  { re: new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'i'), ymd: (m) => [+m[3]!, monthOf(m[1]!), +m[2]!] },
];

function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

const toNumber = (text: string): number => Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));

/** Characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
const ASCII_DIGIT = /[0-9]/;

/**
 * True when parseTyped(raw) is certainly null and raw has no quote prefix: a cheap look at its ends instead of the
 * dozen patterns (most text written — names, titles, addresses — is this). Every reading below starts with an ASCII
 * digit or one of = + - @ , $ € (all ≤ U+0040 but €) except two: a boolean word (4–6 letters) and a date led by its
 * month's name (which holds digits). Whitespace at either end is trimmed first, so it takes the full parse.
 */
export function staysText(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return true;
  const first = raw.charCodeAt(0);
  if (first <= 0x40 || first === 0x20ac || isSpace(first) || isSpace(raw.charCodeAt(n - 1))) return false;
  if (n <= 6 && BOOLEAN_RE.test(raw)) return false;
  return !ASCII_DIGIT.test(raw);
}

/** The value Sheets stores for a typed string, or null when it stays text. */
/** `now` is asked only for a date typed without its year («1.5»). */
export function parseTyped(raw: string, timeZone: string, now: () => Date): Parsed | null {
  const text = raw.trim();
  if (text === '') return null;
  if (text.length > 1 && text.startsWith('=')) return { kind: 'formula', formula: text };
  const parsed = parseLiteral(text, timeZone, now);
  if (parsed) return parsed;
  // A leading + or - makes Sheets read the rest as a formula («+7 (999) 123-45-67» shows #ERROR!); «@» likewise
  // (Excel's implicit intersection; Sheets' own reading is undocumented, so the strict model converts it too).
  if (text.length > 1 && /^[+\-@]/.test(text)) return { kind: 'formula', formula: `=${text}` };
  return null;
}

function parseLiteral(text: string, timeZone: string, now: () => Date): Parsed | null {
  if (BOOLEAN_RE.test(text)) return { kind: 'boolean', value: /^(true|истина)$/i.test(text) };
  if (NUMBER_RE.test(text)) return number(toNumber(text));
  let m = PERCENT_RE.exec(text);
  if (m) {
    const result = number(toNumber(m[1]!) / 100);
    return result.kind === 'number' ? { ...result, format: m[1]!.includes(',') ? FORMATS.percentDecimal : FORMATS.percent } : result;
  }
  m = CURRENCY_RE.exec(text);
  if (m) {
    const result = number(toNumber(m[1] ?? m[2]!));
    return result.kind === 'number' ? { ...result, format: FORMATS.currency } : result;
  }
  const time = TIME_RE.exec(text);
  if (time) return timeOfDay(time, timeZone);
  return dateOrDateTime(text, timeZone, now);
}

/** A number Sheets cannot hold (beyond ±1.8e308) is not text any more either: the strict model stores #NUM!. */
function number(n: number): Parsed {
  return Number.isFinite(n) ? { kind: 'number', value: n } : { kind: 'error', value: '#NUM!' };
}

function clock(m: RegExpExecArray): [number, number, number, number] | null {
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3] ?? 0);
  if (minutes > 59 || seconds > 59) return null;
  const ampm = m[5]?.toLowerCase();
  if (ampm) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (ampm === 'pm' ? 12 : 0);
  }
  return [hours, minutes, seconds, Number((m[4] ?? '0').padEnd(3, '0'))];
}

/** A time of day is a Date on 30.12.1899 (Sheets' day zero); past 24 hours it is a duration. */
function timeOfDay(m: RegExpExecArray, timeZone: string): Parsed | null {
  const parts = clock(m);
  if (!parts) return null;
  const [h, mi, s, ms] = parts;
  const value = zonedDate(1899, 12, 30 + Math.floor(h / 24), h % 24, mi, s, ms, timeZone);
  return { kind: 'date', value, format: h >= 24 ? FORMATS.duration : FORMATS.time };
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
function yearIn(now: Date, timeZone: string): number {
  let f = yearFormats.get(timeZone);
  if (!f) yearFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })));
  return Number(f.format(now));
}
const TIME_AFTER_DATE = new RegExp(`^(?:\\s+|T|,\\s*)${TIME}$`, 'i');

function dateOrDateTime(text: string, timeZone: string, now: () => Date): Parsed | null {
  if (!/^[\da-zа-яё]/i.test(text)) return null;
  for (const { re, ymd } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = ymd(m, () => yearIn(now(), timeZone));
    if (!validDay(y, mo, d)) return null;
    const rest = text.slice(m[0].length);
    if (rest === '') return { kind: 'date', value: zonedDate(y, mo, d, 0, 0, 0, 0, timeZone), format: FORMATS.date };
    const t = TIME_AFTER_DATE.exec(rest);
    const parts = t && clock(t);
    if (!parts || parts[0] > 23) return null;
    return { kind: 'date', value: zonedDate(y, mo, d, ...parts, timeZone), format: FORMATS.dateTime };
  }
  return null;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
