// Text and date normalization shared by matching, validation and CSV import (SPEC §5).

const NORMALIZED_CACHE_LIMIT = 100_000;

/** `compute` memoized by its text (bounded): the same few thousand strings come back for every row of a register. */
function memoized<T>(compute: (value: string) => T): (value: string) => T {
  const results = new Map<string, T>();
  return (value) => {
    let result = results.get(value);
    if (result === undefined) {
      if (results.size >= NORMALIZED_CACHE_LIMIT) results.clear();
      result = compute(value);
      results.set(value, result);
    }
    return result;
  };
}

/** trim, collapse spaces, case-fold, «ё» = «е» — the equality SPEC §5 uses for ФИО, ОО names and event titles. */
export const normalizeName: (value: string) => string = memoized((value) => normalizeUncached(value));

// Characters that show nothing: soft hyphen, zero-width space/joiners, word joiner, BOM (pasted from PDFs, messengers).
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
const COMBINING = /[\u0300-\u036f]/;

function normalizeUncached(value: string): string {
  // NFC only when a combining mark is present (a decomposed «ё»); a mark left uncomposed (a stress mark over a
  // Cyrillic vowel, copied from a dictionary or a PDF) shows no letter of its own and is dropped.
  return (COMBINING.test(value) ? value.normalize('NFC').replace(/[\u0300-\u036f]/g, '') : value)
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

// Latin letters (lower case, after `normalizeName`) drawn like Cyrillic ones: a keyboard left on the Latin layout
// for a letter or two, or a PDF's text layer, gives «Ивaнoвa» with Latin «a», «o» that no one can see.
const HOMOGLYPHS: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  ë: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const LATIN_WORD = /[a-zë]+/g;
const ONLY_HOMOGLYPHS = /^[abcehkmoptxyë]+$/;
const CYRILLIC = /[а-я]/;
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The key people are matched by (ФИО in the intake, the roster and the indicators): `normalizeName`, dashes as «-»,
 * and in a name written in Cyrillic the Latin look-alike letters read as the Cyrillic ones. A Latin run with a letter
 * that has no Cyrillic twin («Smith») is kept as it is. The registers keep what was typed.
 */
export const normalizePersonName: (value: string) => string = memoized((value) => {
  const name = normalizeName(value).replace(DASHES, '-');
  if (!CYRILLIC.test(name)) return name;
  return name.replace(LATIN_WORD, (run) => (ONLY_HOMOGLYPHS.test(run) ? run.replace(/./g, (ch) => HOMOGLYPHS[ch]!) : run));
});

/** A looser key for column titles: also ignores punctuation, quotes and dashes («Дата начала*» = «дата начала»). */
export function normalizeTitle(value: string): string {
  return normalizeName(value)
    .replace(/[«»"'`.,:;!?()\[\]*_\-–—/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The key ОО names are compared by when an answer names none exactly: `normalizePersonName` (case, ё, Latin look-alike
 * letters, dashes) under `normalizeTitle` (quotes «»"„, punctuation), «N», «No» before a number read as «№», and no
 * spaces at all — «МБОУ "Гимназия №2 им. А.С.Пушкина"» and «МБОУ «Гимназия № 2 им. А. С. Пушкина»» have one key.
 */
export const nameKey = (value: string): string =>
  normalizeTitle(normalizePersonName(value).replace(/[„“”]/g, ' '))
    .replace(/(^|[^a-zа-я])(?:no|n)\s*(?=\d)/g, '$1№')
    .replace(/\s+/g, '');

/** Levenshtein distance of two strings, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const digitsOf = (key: string): string => key.replace(/\D+/g, ' ').trim();

/**
 * The known names nearest to `answer` (at most `max`, nearest first): the same `nameKey`, or a key a few typos away
 * (one edit per six characters, at most three). Numbers must agree: «Школа № 1» is never offered for «Школа № 2».
 */
export function nearestNames(answer: string, names: readonly string[], max = 3): string[] {
  const key = nameKey(answer);
  if (!key) return [];
  const limit = Math.min(3, Math.floor(key.length / 6));
  return names
    .map((name) => ({ name, key: nameKey(name) }))
    .filter((n) => digitsOf(n.key) === digitsOf(key))
    .map((n) => ({ name: n.name, distance: editDistance(key, n.key, limit) }))
    .filter((n) => n.distance <= limit)
    .sort((a, b) => a.distance - b.distance || compareRu(a.name, b.name))
    .slice(0, max)
    .map((n) => n.name);
}

let codeCollator: Intl.Collator | undefined;
let textCollator: Intl.Collator | undefined;
/** Codes in the order people expect («ОО-2» before «ОО-10»); one collator for a whole sort, not one per comparison. */
export const compareCodes = (a: string, b: string): number => (codeCollator ??= new Intl.Collator('ru', { numeric: true })).compare(a, b);
/** Russian alphabetical order. */
export const compareRu = (a: string, b: string): number => (textCollator ??= new Intl.Collator('ru')).compare(a, b);
/** Rows with a code, by `compareCodes`. */
export const byCode = (a: { readonly code: string }, b: { readonly code: string }): number => compareCodes(a.code, b.code);

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A calendar day (with an optional time) in local time, or null when it is not a real date in 1900–2100. */
export function makeDate(year: number, month: number, day: number, h = 0, m = 0, s = 0): Date | null {
  if (h > 23 || m > 59 || s > 59) return null;
  const d = new Date(year, month - 1, day, h, m, s);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return d;
}

// Whole matches only: «2024-01-05junk» is no date. Google's Russian export writes `dd.MM.yyyy` and
// `dd.MM.yyyy H:mm:ss`; people write `d.M.yy` or `d/M/yyyy`; FormApp hands date answers over as `yyyy-MM-dd`.
const DAY_RU = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/;
const DAY_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

type DayParts = [year: number, month: number, day: number];

/**
 * A two-digit year as Excel and Windows read it (the cut-off Russian Excel uses when it re-saves a CSV as `dd.MM.yy`):
 * 00–29 are 2000–2029, 30–99 are 1930–1999 — «16.09.24» is 2024, a birth date «01.02.80» is 1980, not 2080.
 */
export const TWO_DIGIT_YEAR_PIVOT = 30;
const centuryOf = (yy: number): number => (yy < TWO_DIGIT_YEAR_PIVOT ? 2000 : 1900) + yy;

function dayParts(text: string): DayParts | null {
  let m = DAY_RU.exec(text);
  if (m) return [m[3].length === 2 ? centuryOf(Number(m[3])) : Number(m[3]), Number(m[2]), Number(m[1])];
  m = DAY_ISO.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Why a text is not a calendar day: not a date at all, a date with a time, or a year outside 1900–2100. */
export type DayProblem = 'format' | 'time' | 'range';

/** A calendar day (no time of day: a date column never stores one) at local midnight, or why not. */
export function readDay(value: string): { date: Date } | { problem: DayProblem } {
  const text = value.trim();
  const [dayText, timeText, ...more] = text.split(/[ T,]+/);
  const parts = dayParts(dayText ?? '');
  if (!parts || more.length) return { problem: 'format' };
  if (timeText !== undefined) return { problem: withTime(parts, timeText) ? 'time' : 'format' };
  const date = makeDate(...parts);
  if (date) return { date };
  const [year] = parts;
  return { problem: year < MIN_YEAR || year > MAX_YEAR ? 'range' : 'format' };
}

/** A calendar day at local midnight, or null (see readDay). */
export function parseDay(value: string): Date | null {
  const read = readDay(value);
  return 'date' in read ? read.date : null;
}

function withTime(parts: DayParts, timeText: string): Date | null {
  const t = TIME.exec(timeText);
  return t ? makeDate(...parts, Number(t[1]), Number(t[2]), Number(t[3] ?? 0)) : null;
}

/** A moment written `dd.MM.yyyy H:mm[:ss]` (a form's «Отметка времени») or a bare day, or null. */
export function parseDateTime(value: string): Date | null {
  const [dayText, timeText, ...more] = value.trim().split(/[ T,]+/);
  const parts = dayParts(dayText ?? '');
  if (!parts || more.length) return null;
  return timeText === undefined ? makeDate(...parts) : withTime(parts, timeText);
}

/** The Russian sentence for a date answer that cannot be stored, naming the answer and where it was. */
export function dayProblemText(problem: DayProblem, text: string, where: string): string {
  switch (problem) {
    case 'time':
      return `В ${where} дата со временем «${text}»: нужна только дата (дд.мм.гггг).`;
    case 'range':
      return `Дата «${text}» в ${where} вне допустимого диапазона ${MIN_YEAR}–${MAX_YEAR}.`;
    default:
      return `Не удалось распознать дату «${text}» в ${where} (нужно дд.мм.гггг).`;
  }
}

/** A valid Date, also one made in another realm (a value handed over by the local runtime's sandbox). */
export const isDate = (v: unknown): v is Date =>
  typeof v === 'object' &&
  v !== null &&
  (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') &&
  !Number.isNaN((v as Date).getTime());

/** The day part of a date, for natural keys and labels: `dd.MM.yyyy`. */
export function formatDay(d: Date): string {
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** «1 234 567»: thousands grouped with a narrow no-break space, as Russian text writes them (no Intl: Apps Script's is partial). */
export const formatCount = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

/** The Russian noun form for a count: plural(2, ['книга', 'книги', 'книг']) → «книги». */
export function plural(n: number, [one, few, many]: readonly [string, string, string]): string {
  const tens = Math.abs(n) % 100;
  const units = tens % 10;
  if (tens > 10 && tens < 20) return many;
  return units === 1 ? one : units >= 2 && units <= 4 ? few : many;
}

export function formatDateTime(d: Date): string {
  return `${formatDay(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/**
 * Splits a checkbox answer that Google joined with «, ». Option texts may contain «, » themselves, so the known
 * options are matched greedily (longest first) at each position; what matches no option is kept as a separate
 * value so that validation can name it.
 */
export function splitCheckboxAnswer(joined: string, options: readonly string[]): string[] {
  // Per option list and distinct answer: a drain splits the same few combinations tens of thousands of times.
  if (!options.length) return splitUncached(joined, options);
  let split = checkboxSplits.get(options);
  if (!split) checkboxSplits.set(options, (split = memoized((text): readonly string[] => splitUncached(text, options))));
  return [...split(joined)];
}

const checkboxSplits = new WeakMap<readonly string[], (joined: string) => readonly string[]>();

function splitUncached(joined: string, options: readonly string[]): string[] {
  const text = joined.trim();
  if (!text) return [];
  const byLength = [...options].sort((a, b) => b.length - a.length);
  const result: string[] = [];
  let rest = text;
  while (rest.length) {
    const option = byLength.find(
      (o) => normalizeName(rest.slice(0, o.length)) === normalizeName(o) && /^(,\s*|$)/.test(rest.slice(o.length)),
    );
    const end = option ? option.length : rest.search(/,\s/) >= 0 ? rest.search(/,\s/) : rest.length;
    const part = rest.slice(0, end).trim();
    if (part) result.push(option ?? part);
    rest = rest.slice(end).replace(/^,\s*/, '');
  }
  return result;
}
