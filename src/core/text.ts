// Text and date normalization shared by matching, validation and CSV import (SPEC §5).

const normalized = new Map<string, string>();
const NORMALIZED_CACHE_LIMIT = 100_000;

/** trim, collapse spaces, case-fold, «ё» = «е» — the equality SPEC §5 uses for ФИО, ОО names and event titles. */
export function normalizeName(value: string): string {
  // Indexes normalize every roster name on each execution: the same few thousand strings, so they are memoized.
  let result = normalized.get(value);
  if (result === undefined) {
    if (normalized.size >= NORMALIZED_CACHE_LIMIT) normalized.clear();
    result = normalizeUncached(value);
    normalized.set(value, result);
  }
  return result;
}

function normalizeUncached(value: string): string {
  // NFC only when a combining mark is present (a decomposed «ё»).
  return (/[\u0300-\u036f]/.test(value) ? value.normalize('NFC') : value)
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/** A looser key for column titles: also ignores punctuation, quotes and dashes («Дата начала*» = «дата начала»). */
export function normalizeTitle(value: string): string {
  return normalizeName(value)
    .replace(/[«»"'`.,:;!?()\[\]*_\-–—/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A calendar day at local midnight, or null when it is not a real date. */
export function makeDate(year: number, month: number, day: number, h = 0, m = 0, s = 0): Date | null {
  const d = new Date(year, month - 1, day, h, m, s);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return d;
}

/**
 * Parses a date as people and Google write it: `dd.MM.yyyy` (Google's Russian export), `d.M.yy`,
 * ISO `yyyy-MM-dd` (FormApp date answers), optionally followed by a time `H:mm[:ss]`.
 */
export function parseDateText(value: string): Date | null {
  const text = value.trim();
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return makeDate(year, Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  return null;
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

export function formatDateTime(d: Date): string {
  return `${formatDay(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}


/**
 * Splits a checkbox answer that Google joined with «, ». Option texts may contain «, » themselves, so the known
 * options are matched greedily (longest first) at each position; what matches no option is kept as a separate
 * value so that validation can name it.
 */
export function splitCheckboxAnswer(joined: string, options: readonly string[]): string[] {
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
