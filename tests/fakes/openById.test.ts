// Other spreadsheets in the local runtime as Google has them: SpreadsheetApp.openById fails with Google's words for a
// file not shared with the user the execution runs as, for a deleted one and for an ID that names none; document
// properties belong to the active spreadsheet («specific to the current document»).
import { createLocalRuntime } from '../../src/local/runtime';

const runtime = () => {
  const rt = createLocalRuntime({ activeUserEmail: 'region@mo.example' });
  return { rt, app: rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp };
};

test('a spreadsheet opens by its id for any user until its sharing is restricted', () => {
  const { rt, app } = runtime();
  const ss = rt.spreadsheets.create('Клин');
  expect(app.openById(ss.getId()).getName()).toBe('Клин');
  rt.spreadsheets.restrictTo(ss, ['Owner@Klin.example']);
  expect(() => rt.executions.run('read', () => app.openById(ss.getId()))).toThrow(
    'You do not have permission to access the requested document.',
  );
  expect(rt.executions.run('read', () => app.openById(ss.getId()).getName(), 'owner@klin.example')).toBe('Клин');
  rt.spreadsheets.restrictTo(ss, ['owner@klin.example', 'region@mo.example']);
  expect(rt.executions.run('read', () => app.openById(ss.getId()).getName())).toBe('Клин');
});

test('a deleted spreadsheet and an unknown id fail as in Google', () => {
  const { rt, app } = runtime();
  const ss = rt.spreadsheets.create('Руза');
  rt.spreadsheets.remove(ss);
  expect(() => app.openById(ss.getId())).toThrow(
    `Document ${ss.getId()} is missing (perhaps it was deleted, or you don't have read access?)`,
  );
  expect(() => app.openById('1NoSuchSpreadsheet000')).toThrow(
    'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  );
});

test('document properties are those of the active spreadsheet', () => {
  const { rt } = runtime();
  const props = () => (rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  const region = rt.spreadsheets.create('Регион');
  const klin = rt.spreadsheets.create('Клин');
  rt.spreadsheets.setActive(region);
  props().setProperty('marshrut.workbookKind', 'regional');
  rt.spreadsheets.setActive(klin);
  expect(props().getProperty('marshrut.workbookKind')).toBeNull();
  rt.spreadsheets.setActive(region);
  expect(props().getProperty('marshrut.workbookKind')).toBe('regional');
});
