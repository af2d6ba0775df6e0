// «Пункт» of «Дорожная карта» stays as typed. In Google's ru_RU locale a typed «2.2» is the date 2 February and
// «1.10» is 1 October (the local spreadsheet reads typed strings as Google does: tests/fakes/values.test.ts), so the
// column is formatted as plain text at set-up and the add-on writes its values as text. SPEC §3: «Пункт (the item's
// number, e.g. «2.2»)».
import { openReferenceWorkbook, rowsOf, sheetOf } from '../support/e2eBuild';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

function columnOf(wb: LocalWorkbook, header: string): number {
  const sheet = sheetOf(wb, 'Дорожная карта');
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.indexOf(header) + 1;
}

const CSV = ['Пункт,Мероприятие,Срок', '2.2,Форум молодых педагогов,Май 2025 г.', '1.10,Реестр наставников,Июнь 2025 г.'].join('\n');

test('«2.2» and «1.10» typed by hand into «Пункт» stay text; in another text column «2.2» would be a date', () => {
  const wb = openReferenceWorkbook();
  const sheet = sheetOf(wb, 'Дорожная карта');
  const item = columnOf(wb, 'Пункт');
  expect(sheet.getRange(2, item, 1, 1).getNumberFormat()).toBe('@');
  sheet.getRange(2, item).setValue('2.2');
  sheet.getRange(3, item).setValue('1.10');
  expect([sheet.getRange(2, item).getValue(), sheet.getRange(3, item).getValue()]).toEqual(['2.2', '1.10']);
  // What the format prevents: the same typing in «Мероприятие» (no plain-text format) is read as a date.
  const action = sheet.getRange(2, columnOf(wb, 'Мероприятие'));
  action.setValue('2.2');
  expect(Object.prototype.toString.call(action.getValue())).toBe('[object Date]');
});

test('roadmap.csv and the sidebar’s mark write «Пункт» as text, without a quote prefix — also where the format was lost', () => {
  const wb = openReferenceWorkbook();
  // A workbook set up before «Пункт» was plain text: the column has the automatic format.
  const sheet = sheetOf(wb, 'Дорожная карта');
  sheet.getRange(2, columnOf(wb, 'Пункт'), sheet.getMaxRows() - 1, 1).setNumberFormat('');
  wb.rpc('rpcImportReference', { sheet: 'roadmap', csvText: CSV });
  expect(rowsOf(wb, 'roadmap').map((r) => r['Пункт'])).toEqual(['2.2', '1.10']);
  const view = wb.rpc('rpcRoadmapMark', { row: 1, item: '1.10', doneDate: '2025-06-20', proof: '', comment: '' }) as {
    items: { item: string; status: string }[];
  };
  expect(view.items.map((i) => [i.item, i.status])).toEqual([
    ['2.2', 'overdue'],
    ['1.10', 'done'],
  ]);
  expect(rowsOf(wb, 'roadmap').map((r) => r['Пункт'])).toEqual(['2.2', '1.10']);
});
