// The names offered when a form answer names no known ОО exactly (issue 19 point 6): the same name typed with other
// spacing, quotes or punctuation, or a typo or two away — never a school with another number.
import { nameKey, nearestNames } from '../../src/core/text';

const KNOWN = [
  'МБОУ «Гимназия № 2 им. А. С. Пушкина»',
  'МБОУ «Гимназия № 3 им. А. С. Пушкина»',
  'МОУ «Средняя школа № 1»',
  'МДОУ «Детский сад «Ромашка»»',
];

describe('nameKey', () => {
  test.each([
    'МБОУ "Гимназия №2 им. А.С.Пушкина"',
    'МБОУ „Гимназия № 2 им. А.С. Пушкина“',
    'мбоу гимназия N2 им а с пушкина',
    'МБОУ «Гимназия No 2 им. А. С. Пушкина»',
    'MБOУ «Гимназия № 2 им. А. С. Пушкина»', // Latin М and О
  ])('%s has the key of the known name', (typed) => {
    expect(nameKey(typed)).toBe(nameKey(KNOWN[0]!));
  });

  test('the number still tells schools apart', () => {
    expect(nameKey('Гимназия № 2')).not.toBe(nameKey('Гимназия № 3'));
  });
});

describe('nearestNames', () => {
  test('a name that differs only in spacing and punctuation: that name first, alone', () => {
    expect(nearestNames('МБОУ "Гимназия №2 им. А.С.Пушкина"', KNOWN)).toEqual(['МБОУ «Гимназия № 2 им. А. С. Пушкина»']);
  });

  test('a typo or two away', () => {
    expect(nearestNames('МБОУ Гимназия №2 им. А.С. Пушкна', KNOWN)).toEqual(['МБОУ «Гимназия № 2 им. А. С. Пушкина»']);
    expect(nearestNames('МДОУ Детский сад Ромошка', KNOWN)).toEqual(['МДОУ «Детский сад «Ромашка»»']);
  });

  test('nothing for another number or a name far away', () => {
    expect(nearestNames('МОУ «Средняя школа № 7»', KNOWN)).toEqual([]);
    expect(nearestNames('Школа № 1', KNOWN)).toEqual([]);
    expect(nearestNames('', KNOWN)).toEqual([]);
  });
});
