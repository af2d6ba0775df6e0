// Which text encoding a CSV file's bytes are in (issue «Intake you can trust», point 3): what methodists bring is
// UTF-8 (Google's export, with or without BOM), UTF-16 with BOM (Excel's «Unicode text»), or Windows-1251
// (Russian Excel's «CSV (разделители — запятые)»). Pure: the CLI decodes with TextDecoder, Apps Script with
// a Blob made from the bytes (`getDataAsString(charset)`, src/gas/uploadedFile.ts) — both accept these charset names.

export type Charset = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'windows-1251';

/** Bytes as Node (0…255) or Apps Script (signed, −128…127) hand them over. */
export type Bytes = ArrayLike<number>;

const byteAt = (bytes: Bytes, i: number): number => bytes[i] & 0xff;

/** A strictly valid UTF-8 sequence (no overlongs, no surrogates, nothing past U+10FFFF). */
function isUtf8(bytes: Bytes, from: number): boolean {
  let i = from;
  while (i < bytes.length) {
    const b = byteAt(bytes, i);
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!length || i + length > bytes.length) return false;
    const second = byteAt(bytes, i + 1);
    const low = (b === 0xe0 && 0xa0) || (b === 0xf0 && 0x90) || 0x80;
    const high = (b === 0xed && 0x9f) || (b === 0xf4 && 0x8f) || 0xbf;
    if (second < low || second > high) return false;
    for (let k = 2; k < length; k++) if ((byteAt(bytes, i + k) & 0xc0) !== 0x80) return false;
    i += length;
  }
  return true;
}

/** Bytes Windows-1251 uses for Russian text: letters А–я, Ё/ё, №, «», dashes, quotes, no-break space, ellipsis. */
const CP1251_TEXT = new Set([0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x96, 0x97, 0x91, 0x92, 0x93, 0x94, 0xa0, 0x85]);

/**
 * Windows-1251 Russian text: nearly every byte above 0x7F is a letter or the punctuation above, and most letters
 * are lower case (0xE0–0xFF). KOI8-R, the other single-byte Cyrillic, puts lower case at 0xC0–0xDF and fails this.
 */
function looksLikeCp1251(bytes: Bytes): boolean {
  let high = 0;
  let text = 0;
  let lower = 0;
  let letters = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = byteAt(bytes, i);
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0) {
      letters++;
      text++;
      if (b >= 0xe0) lower++;
    } else if (CP1251_TEXT.has(b)) text++;
  }
  return high > 0 && text >= high * 0.95 && lower * 2 > letters;
}

/** Control characters no CSV holds (NUL, and the C0 set but tab, line feed, carriage return, form feed). */
function hasBinary(bytes: Bytes, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = byteAt(bytes, i);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
  }
  return false;
}

/** The encoding of a text file, or null when it is none of those we read (binary, KOI8-R, UTF-16 without BOM…). */
export function detectCharset(bytes: Bytes): Charset | null {
  const b0 = byteAt(bytes, 0);
  const b1 = byteAt(bytes, 1);
  if (bytes.length >= 3 && b0 === 0xef && b1 === 0xbb && byteAt(bytes, 2) === 0xbf) return isUtf8(bytes, 3) ? 'UTF-8' : null;
  if (bytes.length >= 2 && b0 === 0xff && b1 === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 2 && b0 === 0xfe && b1 === 0xff) return 'UTF-16BE';
  if (hasBinary(bytes, 0)) return null;
  if (isUtf8(bytes, 0)) return 'UTF-8';
  return looksLikeCp1251(bytes) ? 'windows-1251' : null;
}

/** The Russian refusal for a file that detectCharset cannot read: a binary file, or text in another encoding. */
export function unreadableFileMessage(file: string, bytes: Bytes): string {
  const advice = 'Сохраните его из Excel как «CSV UTF-8 (разделитель — запятая)» или скачайте ответы из Google Форм заново.';
  return hasBinary(bytes, 0)
    ? `Файл «${file}» не похож на CSV: он двоичный (например, XLSX или PDF). ${advice}`
    : `Файл «${file}» не удалось прочитать: это не текст в кодировке UTF-8, UTF-16 или Windows-1251. ${advice}`;
}
