// What crosses into a sheet cell. Google Sheets reinterprets strings written by setValues: «=…» (and «+…»,
// «-…», «@…» typed by a person) become formulas, «001» a number, «01.02.2025» a date. Every such string is
// written with Google's quote prefix «'», so a form answer is always stored as the text the person typed.
import type { Cell } from '../core/ports';

const REINTERPRETED = /^(?:[=+\-@']|[\d\s.,:%/-]+$|(?:true|false|истина|ложь)$)/i;

export function toSheetValue(value: Cell): Cell {
  if (typeof value !== 'string' || value === '') return value;
  return REINTERPRETED.test(value) ? `'${value}` : value;
}
