// Google's limits, enforced by the local runtime so the product meets them in tests before it meets them in Google.
import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';

const TOO_MANY_CELLS = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

function runtime() {
  const rt = createLocalRuntime({ now: () => new Date(2025, 2, 10, 12), activeUserEmail: 'a@klin.example' });
  const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { rt, app };
}

describe('10 million cells per spreadsheet', () => {
  test('growing any grid past the limit throws Google’s error and changes nothing', () => {
    const { app } = runtime();
    const ss = app.create('Книга', 1000, 26);
    const sheet = ss.getSheets()[0]!;
    sheet.insertColumnsAfter(26, 974); // 1000 × 1000 = 1 000 000 cells
    for (let i = 0; i < 8; i++) ss.insertSheet(`Лист ${i}`).insertColumnsAfter(26, 974);
    // 9 sheets of 1 000 000 cells: one more full sheet fits, a row more does not
    const last = ss.insertSheet('Последний');
    expect(() => last.insertColumnsAfter(26, 975)).toThrow(TOO_MANY_CELLS);
    last.insertColumnsAfter(26, 974);
    expect(() => last.insertRowsAfter(1000, 1)).toThrow(TOO_MANY_CELLS);
    expect(() => ss.insertSheet('Ещё один')).toThrow(TOO_MANY_CELLS);
    sheet.getRange(1000, 1).setValue('последняя строка');
    expect(() => sheet.appendRow(['строка за пределами сетки'])).toThrow(TOO_MANY_CELLS);
    expect(
      ss
        .getSheets()
        .map((s) => s.getMaxRows() * s.getMaxColumns())
        .reduce((a, b) => a + b),
    ).toBe(10_000_000);
    last.deleteRows(2, 1);
    last.insertRowsAfter(999, 1); // room again after a delete
  });

  test('SpreadsheetApp.create(name, rows, columns) makes that grid, and no bigger than the limit', () => {
    const { app } = runtime();
    const ss = app.create('Архив', 12, 8);
    expect([ss.getSheets()[0]!.getMaxRows(), ss.getSheets()[0]!.getMaxColumns()]).toEqual([12, 8]);
    expect(() => app.create('Слишком', 10_001, 1000)).toThrow(TOO_MANY_CELLS);
  });
});

describe('sheet names are unique regardless of case', () => {
  test('inserting or renaming to a case variant throws; lookup by name stays exact', () => {
    const { app } = runtime();
    const ss = app.create('Книга');
    ss.insertSheet('Настройки');
    expect(() => ss.insertSheet('настройки')).toThrow('A sheet with the name "настройки" already exists. Please enter another name.');
    expect(() => ss.getSheets()[0]!.setName('НАСТРОЙКИ')).toThrow('already exists');
    ss.getSheetByName('Настройки')!.setName('НАСТРОЙКИ'); // its own name in another case is fine
    expect(ss.getSheetByName('Настройки')).toBeNull();
    expect(ss.getSheetByName('НАСТРОЙКИ')).not.toBeNull();
  });
});

describe('properties: 9 KB per value, 500 KB per store', () => {
  const STORE_FULL = 'You have exceeded the property storage quota. Please remove some properties and try again.';

  test('the store refuses what would pass 500 KB (keys count too) and keeps what it had', () => {
    const { rt } = runtime();
    const service = rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    const props = service.getDocumentProperties();
    const value = 'x'.repeat(9000);
    const key = (i: number) => `k${i}`.padEnd(1000, '.');
    let stored = 0;
    expect(() => {
      for (;;) {
        props.setProperty(key(stored), value);
        stored++;
      }
    }).toThrow(STORE_FULL);
    expect(stored).toBe(51); // 51 × (1 000 + 9 000) bytes fit in 500 KB, the 52nd does not
    expect(props.getProperty(key(stored))).toBeNull();
    expect(() => props.setProperties({ a: 'y'.repeat(9000), b: 'z' })).toThrow(STORE_FULL);
    expect(props.getProperty('a')).toBeNull();
    props.setProperty(key(0), 'small'); // replacing a value counts its new size only
    props.setProperty(key(51), 'y'.repeat(8000));
    expect(service.getScriptProperties().setProperty('other store', value).getProperty('other store')).toBe(value);
  });
});

describe('cache keys up to 250 characters', () => {
  test('a longer key throws on put, get and remove', () => {
    const { rt } = runtime();
    const cache = (rt.globals.CacheService as GoogleAppsScript.Cache.CacheService).getScriptCache();
    const ok = 'к'.repeat(250);
    cache.put(ok, 'v');
    expect(cache.get(ok)).toBe('v');
    const long = `${ok}!`;
    expect(() => cache.put(long, 'v')).toThrow('Argument too large: key');
    expect(() => cache.get(long)).toThrow('Argument too large: key');
    expect(() => cache.remove(long)).toThrow('Argument too large: key');
    expect(() => cache.putAll({ [long]: 'v', b: 'w' })).toThrow('Argument too large: key');
    expect(cache.get('b')).toBeNull();
  });
});

describe('installable triggers belong to the user who created them', () => {
  const script = `
    var runs = [];
    function install() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(10).create(); }
    function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
    function mine() { return ScriptApp.getProjectTriggers().length; }
    function dropAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
    function tick() { runs.push(Session.getActiveUser().getEmail() + '/' + Session.getEffectiveUser().getEmail()); }
    function getRuns() { return runs.join(' '); }
  `;

  test('each user sees and deletes only their own; a trigger runs as its owner; 20 per user', () => {
    const { rt } = runtime();
    const sb = loadBundle(script, rt);
    sb.call('install');
    rt.setActiveUser('b@klin.example');
    expect(sb.call('mine')).toBe(0);
    sb.call('dropAll'); // B cannot remove A's trigger
    expect(rt.triggers.all()).toHaveLength(1);
    expect(rt.triggers.ownerOf(rt.triggers.all()[0]!)).toBe('a@klin.example');
    rt.triggers.fireTimeTriggers(new Date(2025, 2, 10, 12, 10));
    expect(sb.call('getRuns')).toBe('a@klin.example/a@klin.example'); // B at the keyboard, A's trigger runs as A
    sb.call('many', 20);
    expect(() => sb.call('many', 1)).toThrow('This script has too many triggers.');
    rt.setActiveUser('a@klin.example');
    sb.call('many', 19); // A's own 20 are counted apart from B's
    expect(sb.call('mine')).toBe(20);
  });
});

describe('an Editor add-on’s trigger rules', () => {
  // «Triggers for Editor add-ons» (developers.google.com/workspace/add-ons/concepts/editor-triggers): one trigger of
  // each type per user per document; time-driven ones at most once an hour.
  const script = `
    function every(minutes) { ScriptApp.newTrigger('tick').timeBased().everyMinutes(minutes).create(); }
    function hourly() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
    function soon(ms) { ScriptApp.newTrigger('tick').timeBased().after(ms).create(); }
    function tick() {}
  `;
  const addon = () => {
    const rt = createLocalRuntime({ now: () => new Date(2025, 2, 10, 12), activeUserEmail: 'a@klin.example', addon: true });
    return { rt, sb: loadBundle(script, rt) };
  };

  test('a time-driven trigger more frequent than hourly throws; an hourly one is created', () => {
    const { rt, sb } = addon();
    expect(() => sb.call('every', 10)).toThrow('more frequently than once per hour');
    expect(() => sb.call('soon', 60_000)).toThrow('more frequently than once per hour');
    sb.call('hourly');
    expect(rt.triggers.all()).toHaveLength(1);
  });

  test('a second time-driven trigger of the same user throws; another user may have her own', () => {
    const { rt, sb } = addon();
    sb.call('hourly');
    expect(() => sb.call('hourly')).toThrow('only one trigger of each type per user per document');
    rt.setActiveUser('b@klin.example');
    sb.call('hourly');
    expect(rt.triggers.all()).toHaveLength(2);
  });

  test('a bound script (not an add-on) keeps its 10-minute trigger', () => {
    const rt = createLocalRuntime({ now: () => new Date(2025, 2, 10, 12), activeUserEmail: 'a@klin.example' });
    const sb = loadBundle(script, rt);
    sb.call('every', 10);
    sb.call('every', 10);
    expect(rt.triggers.all()).toHaveLength(2);
  });
});
