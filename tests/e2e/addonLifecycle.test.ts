// An Editor add-on's life cycle (issue 16 §3): opened in a document it was never used in, Google runs onOpen (and
// onInstall) in AuthMode.NONE, where only the menu may be built («Triggers for Editor add-ons»,
// developers.google.com/workspace/add-ons/concepts/editor-triggers, «AuthMode.NONE»).
import { openBuiltWorkbook } from '../support/e2eBuild';

const functionsOf = (wb: ReturnType<typeof openBuiltWorkbook>) =>
  wb.runtime.ui.menus.at(-1)!.items.flatMap((i) => ('functionName' in i ? [i.functionName] : []));

test.each(['onOpen', 'onInstall'])('%s in AuthMode.NONE offers «Настроить книгу» only and reads no document property', (handler) => {
  const wb = openBuiltWorkbook();
  const NONE = (wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp).AuthMode.NONE;
  wb.runtime.calls.reset();
  wb.sandbox.call(handler, { authMode: NONE });
  // Only the menu: Ui and Menu calls of SpreadsheetApp, no PropertiesService, no sheet read.
  expect(wb.runtime.calls.total('PropertiesService')).toBe(0);
  expect(Object.keys(wb.runtime.calls.counts).filter((k) => k.includes('.') && !/^(Ui|Menu|SpreadsheetApp\.getUi)/.test(k))).toEqual([]);
  expect(functionsOf(wb)).toEqual(['menuSetupWorkbook']);
});

test("in LIMITED mode (a template's own onOpen) the full menu is built", () => {
  const wb = openBuiltWorkbook();
  const LIMITED = (wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp).AuthMode.LIMITED;
  wb.sandbox.call('onOpen', { authMode: LIMITED });
  expect(functionsOf(wb)).toContain('menuCreateForms');
  expect(functionsOf(wb)).toContain('menuShowSettings');
});

test('the runtime refuses any other service call in AuthMode.NONE, as Google does', () => {
  const wb = openBuiltWorkbook();
  const NONE = (wb.runtime.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp).AuthMode.NONE;
  expect(() => wb.sandbox.call('menuSetupWorkbook', { authMode: NONE })).toThrow('You do not have permission to call');
  wb.sandbox.call('onOpen', { authMode: NONE }); // the menu alone is allowed
});
