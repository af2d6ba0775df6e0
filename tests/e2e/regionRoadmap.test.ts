// The ministry's letter counts overdue roadmap items per municipality (SPEC §7: «Overdue roadmap items are listed
// in the methodists' letters»; issue 15: a roadmap per municipality). A refresh reads each municipal workbook's
// «Дорожная карта» (and the events naming its items) with its «Показатели»; «Муниципалитеты» keeps the counts and the
// regional letter lists them, most overdue first — counts only. Today is 20.11.2025.
import { workbookUrl } from '../../src/core/region/workbookId';
import { SHEETS } from '../../src/core/schema/sheets';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { addMunicipality, openRegionalWorkbook, recordsOf } from '../support/region';

jest.setTimeout(60_000);

const MINISTRY = 'minobr@mo.example';
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** roadmap.csv loaded into a municipal workbook (made active for the call, as a methodist there would). */
function loadRoadmap(region: LocalWorkbook, municipality: Spreadsheet, csv: string[]): void {
  region.runtime.spreadsheets.setActive(municipality);
  try {
    region.rpc('rpcImportReference', {
      sheet: 'roadmap',
      csvText: ['Пункт,Мероприятие,Срок,Отметка о выполнении,Дата выполнения', ...csv].join('\n'),
    });
  } finally {
    region.runtime.spreadsheets.setActive(region.spreadsheet);
  }
}

/** An event typed into «Мероприятия» by hand, held, naming a roadmap item. */
function heldEvent(municipality: Spreadsheet, title: string, start: Date, item: string): void {
  const sheet = municipality.getSheetByName(SHEETS.events.name)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  const cells: Record<string, unknown> = {
    'Название мероприятия': title,
    'Вид мероприятия': 'Семинар',
    Уровень: 'Муниципальный',
    'Дата начала': start,
    Статус: 'Проведено',
    'Пункт дорожной карты': item,
  };
  sheet.getRange(2, 1, 1, header.length).setValues([header.map((h) => cells[h] ?? '')]);
}

const clock = { now: new Date(2025, 10, 20, 10, 0) };
const region = openRegionalWorkbook({ now: () => clock.now });
const klin = addMunicipality(region, 'Клин');
const dubna = addMunicipality(region, 'Дубна');
const ruza = addMunicipality(region, 'Руза');
const serpukhov = addMunicipality(region, 'Серпухов');
// Клин: 1.1 (May) and 1.4 (quarterly, nothing done in 2025) overdue; 1.2 done by its mark; 1.3 by a held event.
loadRoadmap(region, klin, [
  '1.1,Положение об ИОМ,Май 2025 г.,,',
  '1.2,Реестр наставников,Июнь 2025 г.,Выполнено,20.06.2025',
  '1.3,Форум молодых педагогов,Сентябрь 2025 г.,,',
  '1.4,Отчёт в министерство,ежеквартально,,',
  '2.1,Конференция,Декабрь 2025 г.,,',
]);
heldEvent(klin, 'Форум «Молодой педагог»', new Date(2025, 8, 18), 'п. 1.3');
// Дубна: one item overdue of two. Руза: none overdue. Серпухов keeps no roadmap.
loadRoadmap(region, dubna, ['1,Положение,Октябрь 2025 г.,,', '2,Семинар,Декабрь 2025 г.,,']);
loadRoadmap(region, ruza, ['1,Положение,Август 2025 г.,Выполнено,01.08.2025']);
region.rpc('rpcRegionAdd', { lines: [klin, dubna, ruza, serpukhov].map((s) => workbookUrl(s.getId())) });
region.rpc('rpcRegionRefresh');

test('«Муниципалитеты» keeps each municipality’s items and overdue items (held events count as done)', () => {
  expect(
    recordsOf(region.spreadsheet, 'municipalities').map((r) => [r['Муниципалитет'], r['Пунктов дорожной карты'], r['Просрочено пунктов']]),
  ).toEqual([
    ['Клин', 5, 2],
    ['Дубна', 2, 1],
    ['Руза', 1, 0],
    ['Серпухов', 0, 0],
  ]);
});

test('the ministry’s letter lists overdue items per municipality, most first, and how many have none', () => {
  region.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: [MINISTRY], coordinatorsOff: [] });
  region.rpc('rpcSettingsDigestSchedule', { on: true });
  clock.now = new Date(2025, 11, 1, 8, 5);
  region.runtime.triggers.fireTimeTriggers(clock.now);
  const letter = region.runtime.mail.outbox.find((m) => m.to === MINISTRY)!;
  expect(letter.body).toContain('Просроченные пункты дорожных карт');
  expect(letter.body).toMatch(/Муниципалитет +Просрочено +Всего пунктов\n *Клин +2 +5\n *Дубна +1 +2\n/);
  expect(letter.body).toContain('Без просроченных пунктов: 1 из 3 муниципалитетов с дорожной картой.');
  expect(letter.body).not.toContain('Положение об ИОМ'); // counts only
  expect(letter.htmlBody).toContain('Просроченные пункты дорожных карт');
});
