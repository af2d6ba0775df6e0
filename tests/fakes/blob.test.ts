// Utilities.base64* and Blob as Google documents them: signed Byte[], UTF-8 by default, a BOM kept by
// getDataAsString (Java's decoders keep it), an unknown charset refused.
import { createLocalRuntime } from '../../src/local/runtime';

const utilities = () => createLocalRuntime().globals.Utilities as GoogleAppsScript.Utilities.Utilities;

test('base64Decode returns signed bytes, as in Google’s reference example', () => {
  const bytes = utilities().base64Decode('R29vZ2xlIOOCsOODq+ODvOODlw==');
  expect(bytes.slice(0, 10)).toEqual([71, 111, 111, 103, 108, 101, 32, -29, -126, -80]);
  expect(utilities().base64Encode(bytes)).toBe('R29vZ2xlIOOCsOODq+ODvOODlw==');
  expect(utilities().base64Encode('Google グループ')).toBe('R29vZ2xlIOOCsOODq+ODvOODlw==');
  expect(() => utilities().base64Decode('не base64')).toThrow('Could not decode string.');
});

test('a blob decodes its bytes in the charset asked for, keeping a BOM as Java does', () => {
  const u = utilities();
  const cp1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0xb8]); // «Привет,ё»
  const blob = u.newBlob(Array.from(cp1251, (b) => (b > 127 ? b - 256 : b)));
  expect(blob.getDataAsString('windows-1251')).toBe('Привет,ё');
  expect(blob.getDataAsString()).toContain('\ufffd'); // UTF-8 by default: malformed bytes become U+FFFD
  expect(blob.getName()).toBeNull();
  expect(blob.getContentType()).toBeNull();
  expect(blob.setName('файл.csv').getName()).toBe('файл.csv');
  expect(blob.getBytes()).toEqual([-49, -16, -24, -30, -27, -14, 44, -72]);

  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ФИО;ОО', 'utf16le')]);
  const bom = u.newBlob(Array.from(utf16));
  expect(bom.getDataAsString('UTF-16LE')).toBe('\ufeffФИО;ОО');
  expect(bom.getDataAsString('UTF-16')).toBe('ФИО;ОО');
  expect(u.newBlob('\ufeffa').getDataAsString('UTF-8')).toBe('\ufeffa');
  expect(() => bom.getDataAsString('no-such-charset')).toThrow(/Unsupported charset/);
  expect(u.newBlob('текст', 'text/csv', 'a.csv').copyBlob().getName()).toBe('a.csv');
});
