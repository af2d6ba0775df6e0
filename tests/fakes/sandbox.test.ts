import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';

const CODE = `
function onOpen(e) { SpreadsheetApp.getUi().createMenu('X').addItem('a', 'b').addToUi(); }
function probe() { return [typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof module].join(','); }
function dates() {
  var v = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue();
  return [v instanceof Date, Array.isArray(SpreadsheetApp.getActiveSpreadsheet().getSheets())].join(',');
}
function writeDate() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValues([[new Date(2025, 0, 2)]]); }
function catches() {
  try { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(2000, 1); } catch (e) { return e instanceof Error; }
}
function logIt() { console.log('hi'); Logger.log('n=%s', 3); }
var VERSION = '1';
const HIDDEN_CONST = 2;
`;

describe('sandbox', () => {
  test('runs a bundle over the fakes only', () => {
    const rt = createLocalRuntime();
    const ss = rt.spreadsheets.create('S');
    rt.spreadsheets.setActive(ss);
    const sb = loadBundle(CODE, rt);
    sb.call('onOpen', {});
    expect(rt.ui.menus[0]).toEqual({ title: 'X', addon: false, items: [{ caption: 'a', functionName: 'b' }] });
    expect(sb.call('probe')).toBe('undefined,undefined,undefined,undefined,undefined');
    expect(sb.globalNames().sort()).toEqual(
      ['HIDDEN_CONST', 'VERSION', 'catches', 'dates', 'logIt', 'onOpen', 'probe', 'writeDate'].sort(),
    );
    expect(sb.has('onOpen')).toBe(true);
    expect(sb.has('SpreadsheetApp')).toBe(false);
    expect(sb.has('nope')).toBe(false);
  });

  test('cross-realm values: dates and errors look native inside, Dates stored from inside are Dates', () => {
    const rt = createLocalRuntime();
    const ss = rt.spreadsheets.create('S');
    rt.spreadsheets.setActive(ss);
    const sb = loadBundle(CODE, rt);
    sb.call('writeDate');
    const v = ss.getSheets()[0]!.getRange('A1').getValue();
    expect(Object.prototype.toString.call(v)).toBe('[object Date]');
    expect(ss.getSheets()[0]!.getRange('A1').getDisplayValue()).toBe('02.01.2025');
    expect(sb.call('dates')).toBe('true,true');
    expect(sb.call('catches')).toBe(true);
    sb.call('logIt');
    expect(rt.log).toEqual(['hi', 'n=3']);
  });

  test("the script's clock is the runtime's: new Date() and Date.now() follow the `now` option", () => {
    const rt = createLocalRuntime({ now: () => new Date(2025, 0, 15, 9, 30) });
    const sb = loadBundle(
      'function clock() { return [new Date().getFullYear(), Date.now(), new Date(2020, 1, 2).getMonth(), new Date() instanceof Date]; }',
      rt,
    );
    expect(sb.call('clock')).toEqual([2025, new Date(2025, 0, 15, 9, 30).getTime(), 1, true]);
  });
});
