import { detectCharset } from '../../src/core/csv/encoding';
import { cp1251 } from '../support/cp1251';

const TEXT = 'ФИО;Код ОО;Должность\r\nЁлкина Анна «№ 5» — учитель;ОО-1;Учитель\r\n';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

test('UTF-8 with and without BOM', () => {
  expect(detectCharset(utf8(TEXT))).toBe('UTF-8');
  expect(detectCharset(utf8(`\ufeff${TEXT}`))).toBe('UTF-8');
  expect(detectCharset(utf8('plain ascii,a,b\n'))).toBe('UTF-8');
});

test('UTF-16 with BOM, either byte order', () => {
  expect(detectCharset(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).toBe('UTF-16LE');
  const be = Buffer.from(TEXT, 'utf16le').swap16();
  expect(detectCharset(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('UTF-16BE');
});

test('Windows-1251 as Russian Excel saves it, and it decodes back to the text', () => {
  const bytes = cp1251(TEXT);
  expect(detectCharset(bytes)).toBe('windows-1251');
  expect(new TextDecoder('windows-1251').decode(Uint8Array.from(bytes))).toBe(TEXT);
});

test('Apps Script hands bytes over signed (−128…127): the same answer', () => {
  expect(detectCharset(cp1251(TEXT).map((b) => (b > 127 ? b - 256 : b)))).toBe('windows-1251');
  expect(detectCharset([...utf8(TEXT)].map((b) => (b > 127 ? b - 256 : b)))).toBe('UTF-8');
});

test('what is none of these is refused: binary, UTF-16 without BOM, KOI8-R', () => {
  expect(detectCharset([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])).toBeNull();
  expect(detectCharset(Buffer.from(TEXT, 'utf16le'))).toBeNull();
  // KOI8-R puts lower-case letters at 0xC0–0xDF: «привет» = d0 d2 c9 d7 c5 d4.
  expect(detectCharset([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x2c, 0xcd, 0xc9, 0xd2])).toBeNull();
  // Broken UTF-8 that is no Windows-1251 text either (bytes 0x80–0xBF that Russian text does not use).
  expect(detectCharset([0x41, 0x83, 0x84, 0x86, 0x87, 0x41])).toBeNull();
});
