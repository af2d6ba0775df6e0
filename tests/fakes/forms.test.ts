import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';

function setup() {
  const rt = createLocalRuntime({ now: () => new Date(2025, 2, 10, 12, 0, 0) });
  const FormApp = rt.globals.FormApp as GoogleAppsScript.Forms.FormApp;
  const ss = rt.spreadsheets.create('Журнал');
  const form = FormApp.create('Заявка');
  form.setCollectEmail(true);
  form.addTextItem().setTitle('ФИО').setRequired(true);
  form.addListItem().setTitle('Школа').setChoiceValues(['№1', '№2']);
  form.addCheckboxItem().setTitle('Темы').setChoiceValues(['A', 'B', 'C']);
  form.addDateItem().setTitle('Дата');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  return { rt, FormApp, ss, form };
}

describe('FormApp', () => {
  test('destination sheet gets Google header and rows', () => {
    const { rt, ss, form } = setup();
    const sheet = ss.getSheetByName('Ответы на форму (1)')!;
    expect(sheet).not.toBeNull();
    expect(sheet.getFormUrl()).toBe(form.getPublishedUrl());
    expect(ss.getSheetByName('Лист1')!.getFormUrl()).toBeNull();
    expect(sheet.getRange(1, 1, 1, 6).getValues()[0]).toEqual([
      'Отметка времени',
      'Адрес электронной почты',
      'ФИО',
      'Школа',
      'Темы',
      'Дата',
    ]);
    const ts = new Date(2025, 2, 1, 9, 30);
    const r = rt.forms.submit(form, {
      answers: { ФИО: 'Иванова', Школа: '№2', Темы: ['A', 'C'], Дата: new Date(2025, 3, 15) },
      timestamp: ts,
      email: 'i@x.ru',
    });
    const row = sheet.getRange(2, 1, 1, 6).getValues()[0]!;
    expect(row).toEqual([ts, 'i@x.ru', 'Иванова', '№2', 'A, C', new Date(2025, 3, 15)]);
    expect(r.getItemResponses().map((x) => x.getResponse())).toEqual(['Иванова', '№2', ['A', 'C'], '2025-04-15']);
    form.addParagraphTextItem().setTitle('Комментарий');
    expect(sheet.getRange(1, 7).getValue()).toBe('Комментарий');

    const id = r.getId();
    rt.forms.editResponse(id, { ФИО: 'Иванова-Петрова' });
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getRange(2, 3).getValue()).toBe('Иванова-Петрова');
    expect(form.getResponse(id).getId()).toBe(id);
    expect(form.getResponses()).toHaveLength(1);
  });

  test('invalid choice and missing required answer throw', () => {
    const { rt, form } = setup();
    const school = form.getItems()[1]!.asListItem();
    expect(() => school.createResponse('№9')).toThrow('Invalid response submitted to item.');
    expect(() => rt.forms.submit(form, { answers: { Школа: '№1' } })).toThrow('ФИО');
    expect(() => form.getItems()[0]!.asListItem()).toThrow("Item can't be cast to ListItem.");
  });

  test('ON_FORM_SUBMIT triggers fire with Google-shaped events through the sandbox', () => {
    const { rt, form, ss } = setup();
    const sb = loadBundle(
      `
      var seen = [];
      function onSubmitForm(e) { seen.push({ kind: 'form', id: e.response.getId(), title: e.source.getTitle(), auth: String(e.authMode), uid: e.triggerUid }); }
      function onSubmitSheet(e) { seen.push({ kind: 'sheet', fio: e.namedValues['ФИО'][0], n: e.values.length, row: e.range.getRow(), isArr: Array.isArray(e.values) }); }
      function install(formId, ssId) {
        ScriptApp.newTrigger('onSubmitForm').forForm(FormApp.openById(formId)).onFormSubmit().create();
        ScriptApp.newTrigger('onSubmitSheet').forSpreadsheet(ssId).onFormSubmit().create();
      }
      function getSeen() { return JSON.stringify(seen); }
    `,
      rt,
    );
    sb.call('install', form.getId(), ss.getId());
    const r = rt.forms.submit(form, { answers: { ФИО: 'Петров' } });
    const seen = JSON.parse(sb.call('getSeen') as string);
    expect(seen[0]).toMatchObject({ kind: 'form', id: r.getId(), title: 'Заявка', auth: 'FULL' });
    expect(seen[0].uid).toEqual(expect.any(String));
    expect(seen[1]).toEqual({ kind: 'sheet', fio: 'Петров', n: 6, row: 2, isArr: true });
  });
});

describe('ScriptApp triggers', () => {
  test('21st trigger throws; time triggers fire on the month day', () => {
    const rt = createLocalRuntime();
    const sb = loadBundle(
      `
      var fired = [];
      function monthly(e) { fired.push(e['day-of-month'] + '/' + e.month + ' ' + e.timezone); }
      function install() { ScriptApp.newTrigger('monthly').timeBased().onMonthDay(5).atHour(3).nearMinute(0).inTimezone('Europe/Moscow').create(); }
      function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('monthly').timeBased().everyDays(1).create(); }
      function getFired() { return fired.join(';'); }
    `,
      rt,
    );
    sb.call('install');
    rt.triggers.fireTimeTriggers(new Date(2025, 2, 4, 3, 0));
    rt.triggers.fireTimeTriggers(new Date(2025, 2, 5, 2, 30)); // its day, before its hour
    rt.triggers.fireTimeTriggers(new Date(2025, 2, 5, 3, 0));
    rt.triggers.fireTimeTriggers(new Date(2025, 2, 5, 9, 0)); // once a day, however often the clock is moved
    expect(sb.call('getFired')).toBe('5/3 Europe/Moscow');
    rt.triggers.fireTimeTriggers(new Date(2025, 3, 5, 4, 0)); // and again next month
    expect(sb.call('getFired')).toBe('5/3 Europe/Moscow;5/4 Europe/Moscow');
    sb.call('many', 19);
    expect(rt.triggers.all()).toHaveLength(20);
    expect(() => sb.call('many', 1)).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });
});
