import { Ctx } from './context';
import { isDate } from './realm';
import { makeEnum, strictFake } from './strict';
import { randomUUID } from 'node:crypto';

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function partsIn(date: Date, timeZone: string): Parts {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    fmtCache.set(timeZone, f);
  }
  const o: Record<string, string> = {};
  for (const p of f.formatToParts(date)) o[p.type] = p.value;
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(o.weekday ?? 'Sun');
  return {
    year: Number(o.year),
    month: Number(o.month),
    day: Number(o.day),
    hour: Number(o.hour) % 24,
    minute: Number(o.minute),
    second: Number(o.second),
    ms: date.getTime() % 1000,
    weekday: wd,
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
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j += 1;
    const n = j - i;
    i = j;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS_RU[p.month - 1] : n === 3 ? MONTHS_RU[p.month - 1]!.slice(0, 3) : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.ms, 3).slice(0, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][p.weekday];
        break;
      case 'u':
        out += String(p.weekday === 0 ? 7 : p.weekday);
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

// Bytes as Google hands them over: Byte[] is a Java byte[], so every value is SIGNED (−128…127). The reference's own
// example (developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String)) logs
// «R29vZ2xlIOOCsOODq+ODvOODlw==» as [71, 111, 111, 103, 108, 101, 32, -29, -126, -80, …].
const toSigned = (bytes: Uint8Array): number[] => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
const toUnsigned = (bytes: ArrayLike<number>): Uint8Array => Uint8Array.from(bytes as ArrayLike<number>, (b) => b & 0xff);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Blob.getDataAsString(charset) decodes as Java's `new String(bytes, charset)`: malformed input becomes U+FFFD, and
 * a byte-order mark is NOT removed for UTF-8, UTF-16LE or UTF-16BE (only the BOM-sniffing «UTF-16» drops it).
 * Java charset names are case-insensitive and have aliases; the ones a CSV import meets are listed here, and an
 * unknown name throws as Google does.
 */
const JAVA_CHARSETS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16',
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'iso-8859-1': 'iso-8859-1',
  'us-ascii': 'us-ascii',
  'koi8-r': 'koi8-r',
};

function decodeAs(bytes: Uint8Array, charset: string): string {
  const name = JAVA_CHARSETS[charset.trim().toLowerCase()];
  if (!name) throw new Error(`Unsupported charset: ${charset}`);
  if (name === 'utf-16') {
    const le = bytes[0] === 0xff && bytes[1] === 0xfe;
    const be = bytes[0] === 0xfe && bytes[1] === 0xff;
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(le || be ? bytes.subarray(2) : bytes);
  }
  return new TextDecoder(name, { ignoreBOM: true }).decode(bytes);
}

type BlobApi = Pick<
  GoogleAppsScript.Base.Blob,
  | 'getBytes'
  | 'setBytes'
  | 'getDataAsString'
  | 'setDataFromString'
  | 'getName'
  | 'setName'
  | 'getContentType'
  | 'setContentType'
  | 'copyBlob'
>;

class FakeBlob implements BlobApi {
  proxy!: GoogleAppsScript.Base.Blob;
  constructor(
    private readonly ctx: Ctx,
    private bytes: Uint8Array,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}
  getBytes(): GoogleAppsScript.Byte[] {
    return toSigned(this.bytes);
  }
  setBytes(data: GoogleAppsScript.Byte[]): GoogleAppsScript.Base.Blob {
    this.bytes = toUnsigned(data);
    return this.proxy;
  }
  getDataAsString(charset?: string): string {
    return decodeAs(this.bytes, charset ?? 'UTF-8');
  }
  /** Only UTF-8 is encoded locally (Node has no Windows-1251 encoder); another charset is refused, not faked. */
  setDataFromString(value: string, charset?: string): GoogleAppsScript.Base.Blob {
    if (charset !== undefined && JAVA_CHARSETS[charset.trim().toLowerCase()] !== 'utf-8')
      throw new Error(`Blob.setDataFromString(${charset}) не реализован в локальной среде Маршрута`);
    this.bytes = new TextEncoder().encode(value);
    return this.proxy;
  }
  getName(): string {
    return this.name as string;
  }
  setName(name: string): GoogleAppsScript.Base.Blob {
    this.name = name;
    return this.proxy;
  }
  getContentType(): string {
    return this.contentType as string;
  }
  setContentType(contentType: string): GoogleAppsScript.Base.Blob {
    this.contentType = contentType;
    return this.proxy;
  }
  copyBlob(): GoogleAppsScript.Base.Blob {
    return makeBlob(this.ctx, this.bytes.slice(), this.contentType, this.name);
  }
}

function makeBlob(ctx: Ctx, bytes: Uint8Array, contentType: string | null, name: string | null): GoogleAppsScript.Base.Blob {
  const impl = new FakeBlob(ctx, bytes, contentType, name);
  impl.proxy = strictFake<GoogleAppsScript.Base.Blob>(impl, 'Blob', 'Utilities', ctx.env);
  return impl.proxy;
}

/** A string argument is taken as UTF-8, as Google's overloads without a charset do. */
const bytesOf = (data: string | ArrayLike<number>): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : toUnsigned(data);

type UtilitiesApi = Pick<
  GoogleAppsScript.Utilities.Utilities,
  'formatDate' | 'getUuid' | 'sleep' | 'base64Encode' | 'base64Decode' | 'newBlob' | 'Charset'
>;

class FakeUtilities implements UtilitiesApi {
  Charset = makeEnum<typeof GoogleAppsScript.Utilities.Charset>(['US_ASCII', 'UTF_8']);
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
  base64Encode(data: string | GoogleAppsScript.Byte[]): string {
    return Buffer.from(bytesOf(data)).toString('base64');
  }
  /** Signed bytes; text that is not base-64 fails (Node's decoder alone would skip bad characters silently). */
  base64Decode(encoded: string): GoogleAppsScript.Byte[] {
    if (typeof encoded !== 'string' || !BASE64.test(encoded)) throw new Error('Could not decode string.');
    return toSigned(Buffer.from(encoded, 'base64'));
  }
  /** newBlob(data[, contentType[, name]]): data is a Byte[] or a string (UTF-8); name and type are null unless given. */
  newBlob(data: string | GoogleAppsScript.Byte[], contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return makeBlob(this.ctx, bytesOf(data), contentType ?? null, name ?? null);
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
  const write =
    (level: string) =>
    (...a: unknown[]) => {
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
