import { Ctx } from './context';
import { isDate } from './realm';
import { strictFake } from './strict';
import { randomUUID } from 'node:crypto';

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; weekday: number }

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function partsIn(date: Date, timeZone: string): Parts {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23', weekday: 'short',
    });
    fmtCache.set(timeZone, f);
  }
  const o: Record<string, string> = {};
  for (const p of f.formatToParts(date)) o[p.type] = p.value;
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(o.weekday ?? 'Sun');
  return {
    year: Number(o.year), month: Number(o.month), day: Number(o.day), hour: Number(o.hour) % 24,
    minute: Number(o.minute), second: Number(o.second), ms: date.getTime() % 1000, weekday: wd,
  };
}

const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Java SimpleDateFormat subset (d, M, y, H, h, m, s, S, E, a, quoted literals), honouring `timeZone`. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!isDate(date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
  const p = partsIn(date, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) { out += ch; i += 1; continue; }
    let j = i;
    while (pattern[j] === ch) j += 1;
    const n = j - i;
    i = j;
    switch (ch) {
      case 'y': out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'M': out += n >= 4 ? MONTHS_RU[p.month - 1] : n === 3 ? MONTHS_RU[p.month - 1]!.slice(0, 3) : pad(p.month, n); break;
      case 'd': out += pad(p.day, n); break;
      case 'H': out += pad(p.hour, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'm': out += pad(p.minute, n); break;
      case 's': out += pad(p.second, n); break;
      case 'S': out += pad(p.ms, 3).slice(0, n); break;
      case 'a': out += p.hour < 12 ? 'AM' : 'PM'; break;
      case 'E': out += ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][p.weekday]; break;
      case 'u': out += String(p.weekday === 0 ? 7 : p.weekday); break;
      default: throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

type UtilitiesApi = Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'getUuid' | 'sleep'>;

class FakeUtilities implements UtilitiesApi {
  constructor(private readonly ctx: Ctx) {}
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    return formatDate(date as Date, timeZone, format);
  }
  getUuid(): string {
    return randomUUID();
  }
  /** No real wait: advances the runtime clock. */
  sleep(milliseconds: GoogleAppsScript.Integer): void {
    this.ctx.advance(milliseconds);
  }
}

export function createUtilities(ctx: Ctx): GoogleAppsScript.Utilities.Utilities {
  return strictFake(new FakeUtilities(ctx), 'Utilities', 'Utilities', ctx.env);
}

class FakeLogger {
  readonly lines: string[] = [];
  log(format: unknown, ...values: unknown[]): this {
    let msg = String(format);
    if (values.length) {
      let k = 0;
      msg = msg.replace(/%s/g, () => String(values[k++]));
      if (k === 0) msg = [format, ...values].map(String).join(' ');
    }
    this.lines.push(msg);
    return this;
  }
  getLog(): string {
    return this.lines.join('\n');
  }
  clear(): void {
    this.lines.length = 0;
  }
}

export function createLogger(ctx: Ctx): { fake: GoogleAppsScript.Base.Logger; lines: string[] } {
  const impl = new FakeLogger();
  return { fake: strictFake(impl, 'Logger', 'Logger', ctx.env), lines: impl.lines };
}

/** `console` for the sandbox: writes into the same log lines as Logger (no process stdout). */
export function createConsole(lines: string[]): Record<string, (...a: unknown[]) => void> {
  const write = (level: string) => (...a: unknown[]) => {
    lines.push(`${level}${a.map((x) => (typeof x === 'string' ? x : safeJson(x))).join(' ')}`);
  };
  return { log: write(''), info: write(''), warn: write('WARN '), error: write('ERROR '), debug: write('') };
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
