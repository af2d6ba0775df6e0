// Bytes of a Russian text as Russian Excel saves it («CSV (разделители — запятые)» = Windows-1251). Node has no
// Windows-1251 encoder: the table covers the letters and the punctuation Russian text uses.
const SPECIAL: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '—': 0x97, '–': 0x96 };

export function cp1251(s: string): number[] {
  return [...s].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (SPECIAL[ch] !== undefined) return SPECIAL[ch];
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    throw new Error(`no cp1251 byte for ${ch}`);
  });
}
