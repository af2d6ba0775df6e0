// The ministry's monthly letter from the regional workbook (issue 18 point 1) through the built bundle: «Адреса
// министерства» and the schedule in the regional «Настройки…», the letter on the 1st with the region's indicators,
// the municipalities meeting each and those furthest behind, the ones left out and why — aggregates only — logged in
// «Рассылки» and never sent twice.
import { workbookUrl } from '../../src/core/region/workbookId';
import { ORGS_CSV, STAFF_CSV } from '../support/e2eBuild';
import { addMunicipality, openRegionalWorkbook, recordsOf } from '../support/region';

jest.setTimeout(60_000);

const MINISTRY = 'minobr@mo.example';
const clock = { now: new Date(2025, 10, 20, 10, 0) };
const region = openRegionalWorkbook({ now: () => clock.now });
const klin = addMunicipality(region, 'Клин');
// Дубна's ОО-1 has 10 staff, not 60: 40 people per methodist (plan ≤ 70), where Клин has 90.
const dubna = addMunicipality(region, 'Дубна', { orgs: ORGS_CSV.replace(',ШНОР,60,', ',ШНОР,10,') });
const ruza = addMunicipality(region, 'Руза');
region.runtime.spreadsheets.restrictTo(ruza, ['owner@ruza.example']);
region.rpc('rpcRegionAdd', { lines: [klin, dubna, ruza].map((s) => workbookUrl(s.getId())) });
region.rpc('rpcRegionRefresh');
region.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: [MINISTRY], coordinatorsOff: [] });
region.rpc('rpcSettingsDigestSchedule', { on: true });

function monthPasses(at: Date): void {
  clock.now = at;
  region.runtime.triggers.fireTimeTriggers(at);
}

const letters = () => region.runtime.mail.outbox.filter((m) => m.subject.startsWith('Маршрут:'));

describe('on the 1st the ministry gets one letter about the region', () => {
  monthPasses(new Date(2025, 11, 1, 8, 5));
  const [letter] = letters();

  test('one letter, to the ministry, named for the region; logged in «Рассылки»', () => {
    expect(letters().map((l) => l.to)).toEqual([MINISTRY]);
    expect(letter!.subject).toBe('Маршрут: сводка за ноябрь 2025 — регион (сводные данные региона)');
    expect(recordsOf(region.spreadsheet, 'mailings').map((r) => [r['Получатель'], r['Тип'], r['Статус']])).toEqual([
      [MINISTRY, 'Министерство', 'Отправлено'],
    ]);
  });

  test('the region’s indicators with fact, plan and status; who meets each and who is furthest behind; who was left out and why', () => {
    const totals = recordsOf(region.spreadsheet, 'regionIndicators').filter((r) => r['Муниципалитет'] === 'Итого по региону');
    const diagnosed = totals.find((r) => r['Код'] === '2')!;
    expect(letter!.body).toContain('Показатели региона');
    expect(letter!.body).toContain('в сводке 2 из 3 муниципалитетов');
    expect(letter!.body).toContain(String(diagnosed['Показатель']));
    expect(letter!.body).toContain('  • 4. выполняют 1 из 2: Дубна; дальше всех от плана — Клин (на 20 выше плана).');
    expect(letter!.body).toContain(
      '  • 2. не выполняет ни один из 2; дальше всех от плана — Дубна (на 60\u00a0п.\u00a0п. ниже плана), Клин (на 60\u00a0п.\u00a0п. ниже плана).',
    );
    // 10: no municipal or regional МО meeting in either (seed 000 L494): both at 0 %, 80 points below, in name order.
    expect(letter!.body).toContain(
      '  • 10. не выполняет ни один из 2; дальше всех от плана — Дубна (на 80\u00a0п.\u00a0п. ниже плана), Клин (на 80\u00a0п.\u00a0п. ниже плана).',
    );
    expect(letter!.body).toContain('Не вошли в сводку');
    // Руза could not be opened, so its name is unknown: the list names its workbook.
    expect(letter!.body).toContain(`  • ${ruza.getId()}: Нет доступа: книга не открыта для`);
    expect(letter!.htmlBody).toContain('Показатели региона');
  });

  test('aggregates only: no name, e-mail or birth date of anyone on the municipal rosters', () => {
    const roster = STAFF_CSV.split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    for (const [name, , , , birth, , , email] of roster) {
      for (const value of [name!, birth!, email!].filter(Boolean)) {
        expect({ value, inText: letter!.body.includes(value), inHtml: letter!.htmlBody!.includes(value) }).toEqual({
          value,
          inText: false,
          inHtml: false,
        });
      }
    }
    expect(Buffer.byteLength(letter!.htmlBody!, 'utf8')).toBeLessThan(200 * 1024);
  });

  test('a second run in the month sends nothing', () => {
    monthPasses(new Date(2025, 11, 1, 9, 10));
    monthPasses(new Date(2025, 11, 2, 9, 10));
    expect(letters()).toHaveLength(1);
  });
});

describe('the change on a year earlier, from the years the refreshes kept (issue 18 p.1)', () => {
  const clock2 = { now: new Date(2025, 10, 20, 10, 0) };
  const region2 = openRegionalWorkbook({ now: () => clock2.now });
  const klin2 = addMunicipality(region2, 'Клин', { recompute: false });
  const dubna2 = addMunicipality(region2, 'Дубна', { recompute: false });
  region2.rpc('rpcRegionAdd', { lines: [klin2, dubna2].map((s) => workbookUrl(s.getId())) });
  const recompute = (year: number) => {
    for (const municipal of [klin2, dubna2]) {
      region2.runtime.spreadsheets.setActive(municipal);
      region2.rpc('rpcKpiRecompute', { year });
    }
    region2.runtime.spreadsheets.setActive(region2.spreadsheet);
    region2.rpc('rpcRegionRefresh');
  };
  // 2024: both with a school of 60 by ОО-1 — 90 people per regional methodist each. Then Дубна's school is 10 by
  // ОО-1: in 2025 it has 40, Клин still 90. The region: 2024 (90 + 90) ÷ 2 = 90; 2025 (90 + 40) ÷ 2 = 65: −25.
  recompute(2024);
  region2.runtime.spreadsheets.setActive(dubna2);
  region2.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV.replace(',ШНОР,60,', ',ШНОР,10,') });
  region2.runtime.spreadsheets.setActive(region2.spreadsheet);
  recompute(2025);
  region2.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: [MINISTRY], coordinatorsOff: [] });
  region2.rpc('rpcSettingsDigestSchedule', { on: true });
  clock2.now = new Date(2025, 11, 1, 8, 5);
  region2.runtime.triggers.fireTimeTriggers(clock2.now);
  const [letter] = region2.runtime.mail.outbox.filter((m) => m.subject.startsWith('Маршрут:'));

  test('«За год» per indicator: the region’s value against its value of the year before', () => {
    const total4 = recordsOf(region2.spreadsheet, 'regionIndicators').find(
      (r) => r['Муниципалитет'] === 'Итого по региону' && r['Код'] === '4',
    )!;
    expect(total4['Значение']).toBe(65);
    expect(String(total4['Факт по годам'])).toBe('2024: 90 (180 / 2); 2025: 65 (130 / 2)');
    expect(letter!.htmlBody).toContain('За год');
    expect(letter!.body).toContain('↓\u00a0−25');
    expect(letter!.htmlBody).toContain('↓\u00a0−25');
  });
});
