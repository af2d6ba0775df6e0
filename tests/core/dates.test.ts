// Point 7 of «Intake you can trust»: dates are whole matches of the accepted formats, a date column never
// stores a time, and dates outside 1900–2100 are refused — in form answers, reference CSVs and hand-typed cells.
import { validateAnswers } from '../../src/core/intake/answers';
import { FORMS } from '../../src/core/schema/forms';
import { cellSchema } from '../../src/core/schema/rowSchema';
import { SHEETS } from '../../src/core/schema/sheets';
import { parseDateTime, parseDay, readDay } from '../../src/core/text';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d);

test('the accepted day formats, whole matches only', () => {
  expect(parseDay('15.09.2024')).toEqual(day(2024, 9, 15));
  expect(parseDay('5.9.24')).toEqual(day(2024, 9, 5));
  expect(parseDay('2024-01-05')).toEqual(day(2024, 1, 5));
  expect(parseDay(' 15/09/2024 ')).toEqual(day(2024, 9, 15));
  for (const loose of ['2024-01-05junk', '15.09.2024г', 'x15.09.2024', '2024-1-5', '15.09.2024 г.', '31.02.2024', '15.13.2024'])
    expect([loose, parseDay(loose)]).toEqual([loose, null]);
});

test('a two-digit year (README: «16.09.24» is 16 September 2024): 00–29 are 20xx, 30–99 are 19xx, as Excel reads them', () => {
  expect(parseDay('16.09.24')).toEqual(day(2024, 9, 16));
  expect(parseDay('1.9.29')).toEqual(day(2029, 9, 1));
  // A birth date or the start of a career typed with two digits is of the last century, not of the 2080s.
  expect(parseDay('01.02.80')).toEqual(day(1980, 2, 1));
  expect(parseDay('01.09.30')).toEqual(day(1930, 9, 1));
  expect(parseDateTime('16.09.24 9:05:17')).toEqual(new Date(2024, 8, 16, 9, 5, 17));
  const staff = SHEETS.staff.columns.find((c) => c.key === 'birthDate')!;
  expect(cellSchema(staff).parse('05.05.99')).toEqual(day(1999, 5, 5));
});

test('a day with a time is refused for a date column, and a broken time is no time', () => {
  expect(readDay('15.09.2024 10:30')).toEqual({ problem: 'time' });
  expect(readDay('15.09.2024 0:75')).toEqual({ problem: 'format' });
  expect(parseDateTime('15.09.2024 0:75')).toBeNull();
  expect(parseDateTime('15.09.2024 24:00:00')).toBeNull();
  expect(parseDateTime('12.09.2025 9:05:17')).toEqual(new Date(2025, 8, 12, 9, 5, 17));
});

test('years outside 1900–2100 are out of range', () => {
  expect(readDay('01.01.1850')).toEqual({ problem: 'range' });
  expect(readDay('2101-01-01')).toEqual({ problem: 'range' });
  expect(parseDay('01.01.1900')).toEqual(day(1900, 1, 1));
  expect(parseDay('31.12.2100')).toEqual(day(2100, 12, 31));
});

test('a form answer with a loose date goes to quarantine with a reason naming the question', () => {
  const base = { 'Название мероприятия': 'Семинар', 'Вид мероприятия': 'Семинар', Уровень: 'Муниципальный' };
  const reasons = (start: string) => {
    const v = validateAnswers(FORMS.events, { ...base, 'Дата начала': start });
    return v.ok ? [] : v.reasons;
  };
  expect(reasons('2024-01-05junk')).toEqual(['Не удалось распознать дату «2024-01-05junk» в вопросе «Дата начала» (нужно дд.мм.гггг).']);
  expect(reasons('15.09.2024 0:75')).toEqual(['Не удалось распознать дату «15.09.2024 0:75» в вопросе «Дата начала» (нужно дд.мм.гггг).']);
  expect(reasons('15.09.2024 10:30')).toEqual([
    'В вопросе «Дата начала» дата со временем «15.09.2024 10:30»: нужна только дата (дд.мм.гггг).',
  ]);
  expect(reasons('01.01.1850')).toEqual(['Дата «01.01.1850» в вопросе «Дата начала» вне допустимого диапазона 1900–2100.']);
  expect(reasons('15.09.2024')).toEqual([]);
});

test('a reference CSV date cell is read the same way', () => {
  const birth = cellSchema(SHEETS.staff.columns.find((c) => c.key === 'birthDate')!);
  expect(birth.safeParse('01.02.1980').data).toEqual(day(1980, 2, 1));
  const bad = birth.safeParse('01.02.1980 12:00');
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]?.message).toBe(
    'В столбце «Дата рождения» дата со временем «01.02.1980 12:00»: нужна только дата (дд.мм.гггг).',
  );
});
