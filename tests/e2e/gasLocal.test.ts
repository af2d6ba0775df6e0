// The built bundle loaded by gas-local's own loader (its require() over build/), over the same fakes as the local
// runtime: the menu, the set-up and one drain behave as in the node:vm sandbox. gas-local is the ecosystem's loader;
// the sandbox stays the runtime for what gas-local cannot do (README «node:vm and gas-local»).
import vm from 'node:vm';
import gasLocal from 'gas-local';
import { FORMS } from '../../src/core/schema/forms';
import { SHEETS } from '../../src/core/schema/sheets';
import { readBuild } from '../../src/local/localWorkbook';
import { createLocalRuntime } from '../../src/local/runtime';
import type { Realm } from '../../src/local/fakes/realm';
import { BUILD, FIXED_NOW, ORGS_CSV, requireBuild } from '../support/e2eBuild';
import { withoutNotice } from '../support/workbook';

test('gas-local loads build/Code.js over the fakes: menu, set-up, and one drain files an answer', () => {
  requireBuild();
  const runtime = createLocalRuntime({ activeUserEmail: 'metodist@klin.example', htmlFiles: readBuild(BUILD).htmlFiles, now: FIXED_NOW });
  // gas-local contextifies the object it is given and evaluates every .js file under the folder in it.
  const script = gasLocal.require(BUILD, { ...runtime.globals }, { filter: (f: string) => f.endsWith('/Code.js') }) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  // The fakes make the script's Dates and Arrays in its own realm (instanceof Date holds in the bundle).
  runtime.setRealm(vm.runInContext('({ Array, Date, Object, Error })', script as vm.Context) as Realm);
  const call = (name: string, arg?: unknown) => runtime.executions.run(name, () => script[name]!(arg));
  runtime.setDispatcher(call);

  const spreadsheet = runtime.spreadsheets.create('Маршрут — книга через gas-local');
  runtime.spreadsheets.setActive(spreadsheet);
  call('onOpen', { authMode: 'FULL', source: spreadsheet });
  const items = runtime.ui.menus.flatMap((m) => m.items.flatMap((i) => ('functionName' in i ? [i.functionName] : [])));
  expect(runtime.ui.menus.map((m) => m.title)).toEqual(['Маршрут']);
  expect(items).toEqual(expect.arrayContaining(['menuSetupWorkbook', 'menuCreateForms']));

  call('menuSetupWorkbook');
  expect(spreadsheet.getSheetByName(SHEETS.events.name)).not.toBeNull();
  call('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV });
  call('menuCreateForms');
  const form = runtime.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
  runtime.forms.submit(form, {
    answers: {
      'Название мероприятия': 'Семинар через gas-local',
      'Вид мероприятия': 'Семинар',
      Уровень: 'Муниципальный',
      'Дата начала': new Date(2025, 8, 3),
      Организатор: 'МОУ «Средняя школа № 1»',
    } as never,
    timestamp: new Date(2025, 8, 3, 10),
    email: 'teacher@klin.example',
    imported: true,
  });
  // The drain comes by the clock, as Google's time-driven triggers do; it calls into gas-local's context.
  runtime.triggers.fireTimeTriggers(new Date(runtime.now().getTime() + 11 * 60_000));
  const events = withoutNotice(spreadsheet.getSheetByName(SHEETS.events.name)!.getDataRange().getValues());
  expect(events.slice(1).map((r) => r[events[0]!.indexOf('Название мероприятия')])).toEqual(['Семинар через gas-local']);
  expect(runtime.triggers.failures).toEqual([]);
});
