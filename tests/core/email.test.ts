// One e-mail rule everywhere (issue 18 point 6): a register cell, the access list and the digest recipients agree on
// what one address is — `a,b@x.ru` is refused by all three, a Cyrillic domain (`школа.рф`) accepted by all three.
import { normalizeAccessList } from '../../src/core/accessList';
import { readReferenceTable } from '../../src/core/csv/reference';
import { parseCsvTable } from '../../src/core/csv/table';
import { isEmail } from '../../src/core/email';
import { sheetSpec } from '../../src/core/schema/sheets';

const STAFF_HEADER = 'ФИО,Код ОО,Должность,Email';
const staffEmail = (email: string) =>
  readReferenceTable(parseCsvTable([STAFF_HEADER, `Иванова Ирина Петровна,Ш1,Учитель,"${email}"`].join('\r\n')), sheetSpec('staff'));

test.each([
  ['ivanova@klin.example', true],
  ['директор@школа.рф', true],
  ['Ivanova.I@Mail.Ru', true],
  ['info@xn--80aswg.xn--p1ai', true],
  ['a,b@x.ru', false],
  ['a@b@x.ru', false],
  ['ivanova@klin', false],
  ['ivanova klin@example.ru', false],
  ['<ivanova@klin.example>', false],
  ['ivanova@-klin.example', false],
])('isEmail(%s) = %s, and the register and the access list say the same', (text, valid) => {
  expect(isEmail(text)).toBe(valid);
  const { problems } = staffEmail(text);
  expect(problems.length === 0).toBe(valid);
  if (valid) expect(normalizeAccessList([text])).toEqual([text.toLowerCase()]);
  else if (!/[,\s]/.test(text)) expect(() => normalizeAccessList([text])).toThrow('Это не похоже на e-mail');
});

test('a staff member’s «Email» holds one address: a list is refused, naming the row, the column and the value', () => {
  const { problems } = staffEmail('a,b@x.ru');
  expect(problems).toEqual([
    expect.objectContaining({
      row: 2,
      message: expect.stringContaining('«Email»: «a,b@x.ru» не похоже на один адрес электронной почты (здесь нужен один адрес)'),
    }),
  ]);
});

test('an ОО’s «Email координатора» holds several, each checked by the same rule', () => {
  const table = (cell: string) =>
    readReferenceTable(
      parseCsvTable(['Код ОО,Наименование,Тип ОО,Email координатора', `Ш1,Школа № 1,Школа,"${cell}"`].join('\r\n')),
      sheetSpec('organizations'),
    );
  expect(table('sh1@klin.example, завуч@школа.рф').problems).toEqual([]);
  expect(table('sh1@klin.example, завуч@школа').problems).toEqual([
    expect.objectContaining({ message: expect.stringContaining('«завуч@школа» не похоже на адрес электронной почты') }),
  ]);
});
