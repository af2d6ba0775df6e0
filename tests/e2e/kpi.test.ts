// `marshrut run … --preset --year` end to end: the CSV folder through the built bundle, kpi.json against values
// computed by hand (tests/support/kpiFixture.ts), the table in the terminal, the indicator flags; and the same
// folder recomputed through the sidebar's RPC gives the same kpi.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import { kpiJson } from '../../src/local/kpiOutput';
import type { KpiReport } from '../../src/core/indicators/report';
import { CLI, openBuiltWorkbook, requireBuild, sheetOf } from '../support/e2eBuild';
import { CLIPPED_FILES, CLIPPED_WARNING, KLIN_2024, writeKpiFolder } from '../support/kpiFixture';

requireBuild();
jest.setTimeout(60_000);

const runCli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-kpi-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = writeKpiFolder(join(tmp, 'data'));

type Kpi = ReturnType<typeof kpiJson>;
const readKpi = (out: string): Kpi => JSON.parse(readFileSync(join(out, 'kpi.json'), 'utf8')) as Kpi;
const numbers = (kpi: Kpi) =>
  kpi.indicators.map(({ code, numerator, denominator, value, plan, comparator, status }) => ({
    code,
    numerator,
    denominator,
    value,
    plan,
    comparator,
    status,
  }));

describe('marshrut run --preset klin --year 2024', () => {
  const out = join(tmp, 'out');
  const result = runCli(['run', '--data', data, '--out', out, '--preset', 'klin', '--year', '2024']);
  const kpi = readKpi(out);

  test('exits 0 and writes kpi.json of exactly the documented shape', () => {
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(Object.keys(kpi)).toEqual(['preset', 'period', 'indicators', 'byOrganization']);
    expect(kpi.preset).toBe('klin');
    expect(kpi.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    for (const i of kpi.indicators) {
      expect(Object.keys(i)).toEqual([
        'code',
        'name',
        'measure',
        'parameters',
        'numerator',
        'denominator',
        'value',
        'plan',
        'comparator',
        'status',
        'previous',
        'change',
        'history',
        'explanation',
        'warnings',
      ]);
      expect(typeof i.code).toBe('string');
      for (const w of i.warnings) expect(Object.keys(w)).toEqual(['code', 'organization', 'counted', 'headcount', 'text']);
    }
    for (const o of kpi.byOrganization) {
      expect(Object.keys(o)).toEqual(['code', 'name', 'indicators']);
      for (const i of o.indicators) expect(Object.keys(i)).toEqual(['code', 'numerator', 'denominator', 'value']);
    }
  });

  test('every indicator equals the value computed by hand', () => {
    const got = numbers(kpi);
    expect(got.map((i) => i.code)).toEqual(KLIN_2024.map((i) => i.code));
    got.forEach((indicator, k) => {
      const expected = KLIN_2024[k]!;
      expect({ ...indicator, value: null }).toEqual({ ...expected, value: null });
      if (typeof expected.value === 'number') expect(indicator.value).toBeCloseTo(expected.value, 10);
      else expect(indicator.value).toBe(expected.value);
    });
    expect(kpi.indicators.find((i) => i.code === '3')).toMatchObject({ measure: 'share_dpp', parameters: 'население=учителя' });
    // The year before (SPEC §6 «Динамика»): 2023 had Кузнецов's IOM (01.02–31.12.2023) only, and it came before his
    // diagnostic (20.12.2023), so it is not «на основе диагностики»: 0 of 24.
    const iom = kpi.indicators.find((i) => i.code === '8.1')!;
    expect(iom.previous).toEqual({ period: { from: '2023-01-01', to: '2023-12-31' }, numerator: 0, denominator: 24, value: 0 });
    expect(iom.change).toBeCloseTo(100 / 24, 10);
    expect(kpi.indicators.find((i) => i.code === '4')).toMatchObject({ previous: null, change: null });
    expect(kpi.indicators.find((i) => i.code === '8.1')!.explanation).toMatch(
      /^Доля педагогических и руководящих работников .* ИОМ .* в 2024 году/,
    );
  });

  test('byOrganization: ОО by code, indicator values per ОО (ОО-1 where filled)', () => {
    // The methodical service is in none of klin's per-ОО figures: it has no staff in S and klin counts no events.
    expect(kpi.byOrganization.map((o) => o.code)).toEqual(['ДС', 'Ш1', 'Ш2']);
    const iom = (org: string) => kpi.byOrganization.find((o) => o.code === org)!.indicators.find((i) => i.code === '8.1');
    expect(iom('Ш1')).toEqual({ code: '8.1', numerator: 0, denominator: 20, value: 0 });
    expect(iom('Ш2')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(iom('ДС')).toEqual({ code: '8.1', numerator: 0, denominator: 1, value: 0 });
    const schools = (org: string) => kpi.byOrganization.find((o) => o.code === org)!.indicators.find((i) => i.code === '7');
    expect([schools('Ш1'), schools('Ш2'), schools('ДС')]).toEqual([
      { code: '7', numerator: 1, denominator: 1, value: 100 }, // Смирнова mentors in the pair
      { code: '7', numerator: 1, denominator: 1, value: 100 },
      undefined, // a kindergarten is not a school
    ]);
  });

  test('prints the table in the terminal', () => {
    expect(result.stdout).toContain('Показатели набора «klin», 01.01.2024–31.12.2024, весь муниципалитет:');
    expect(result.stdout).toMatch(/Код\s+Показатель\s+Числ\.\s+Знам\.\s+Факт\s+Год назад\s+Динамика\s+План\s+Статус/);
    // 2023: Кузнецов's IOM (01.02–31.12.2023) came before his diagnostic (20.12.2023): 0 of 24; 4,17 − 0 = +4,2 п. п.
    expect(result.stdout).toMatch(
      /8\.1\s+Доля педагогических работников .*\s+1\s+24\s+4,2 %\s+0 %\s+↑ \+4,2 п\. п\.\s+≥ 60 %\s+Не выполнен/,
    );
    expect(result.stdout).toContain(`Записано: ${join(out, 'kpi.json')}`);
  });

  test('the table shows every name whole, wrapped under itself: 2, 8.1 and 10 no longer read the same', () => {
    const lines = result.stdout.split('\n');
    const header = lines.findIndex((l) => /^\s+Код\s+Показатель/.test(l));
    const nameAt = lines[header]!.indexOf('Показатель');
    const names = new Map<string, string>();
    let code = '';
    const table: string[] = [];
    for (const line of lines.slice(header + 1)) {
      if (!line.startsWith('  ') || line.startsWith('  !') || line.startsWith('  Внимание')) break;
      table.push(line);
      const cell = line.slice(nameAt).split(/\s{2,}/)[0]!;
      if (line.slice(0, nameAt).trim()) names.set((code = line.slice(0, nameAt).trim()), cell);
      else names.set(code, `${names.get(code)} ${cell}`);
    }
    expect([...names]).toEqual(kpi.indicators.map((i) => [i.code, i.name]));
    const [two, eight, ten] = ['2', '8.1', '10'].map((c) => names.get(c));
    expect(new Set([two, eight, ten]).size).toBe(3);
    // Every line of the table fits a wide terminal: the names wrap at 44 characters.
    expect(Math.max(...table.map((l) => l.length))).toBeLessThan(140);
  });

  test('the same folder recomputed through the sidebar path gives the same kpi.json', () => {
    const wb = openBuiltWorkbook();
    wb.menu('menuSetupWorkbook');
    importFolder(wb, data);
    wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
    const report = wb.rpc<KpiReport>('rpcKpiRecompute', { year: 2024 });
    expect(kpiJson(report)).toEqual(kpi);
  });
});

// SPEC §6: «where an ОО's ОО-1 headcount is smaller than the people of that ОО the numerator counts, the numerator
// takes that ОО's headcount, and the row carries a warning naming the ОО and both numbers (…), shown in the sidebar,
// on the dashboard and in `kpi.json` (`warnings`)». kpiFixture's CLIPPED_FILES: Ш2 has ОО-1 = 1 and 2 diagnosed.
describe('an ОО counting more people than its ОО-1 headcount', () => {
  const clipped = writeKpiFolder(join(tmp, 'data-clipped'), CLIPPED_FILES);

  test('kpi.json: klin 2 is 2 of 22, not 3 of 22, and carries the warning; the terminal prints it', () => {
    const out = join(tmp, 'out-clipped');
    const result = runCli(['run', '--data', clipped, '--out', out, '--preset', 'klin', '--year', '2024']);
    expect(result.status).toBe(0);
    const kpi = readKpi(out);
    const row2 = kpi.indicators.find((i) => i.code === '2')!;
    expect([row2.numerator, row2.denominator]).toEqual([2, 22]);
    expect(row2.warnings).toEqual([{ code: 'headcount_exceeded', organization: 'Ш2', counted: 2, headcount: 1, text: CLIPPED_WARNING }]);
    const ш2 = kpi.byOrganization.find((o) => o.code === 'Ш2')!.indicators.find((i) => i.code === '2');
    expect(ш2).toEqual({ code: '2', numerator: 1, denominator: 1, value: 100 });
    // staff_per_methodist: Ш1 3 rows against ОО-1 20, Ш2 3 against 1.
    const row4 = kpi.indicators.find((i) => i.code === '4')!;
    expect(row4.warnings.map((w) => [w.code, w.organization, w.counted, w.headcount])).toEqual([
      ['headcount_roster_mismatch', 'Ш1', 3, 20],
      ['headcount_roster_mismatch', 'Ш2', 3, 1],
    ]);
    expect(result.stdout).toContain(`  Внимание, 2: ${CLIPPED_WARNING}`);
  });

  test('«Показатели»: the warning in «Предупреждения» and first in the note on «Факт»', () => {
    const wb = openBuiltWorkbook();
    wb.menu('menuSetupWorkbook');
    importFolder(wb, clipped);
    wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
    wb.rpc('rpcKpiRecompute', { year: 2024 });
    const sheet = sheetOf(wb, 'Показатели');
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
    const codes = sheet
      .getRange(2, header.indexOf('Код') + 1, 11, 1)
      .getValues()
      .flat();
    const row = codes.indexOf('2') + 2;
    expect(sheet.getRange(row, header.indexOf('Предупреждения') + 1).getValue()).toBe(CLIPPED_WARNING);
    const note = sheet.getRange(row, header.indexOf('Факт') + 1).getNote();
    expect(note.startsWith(`Внимание: ${CLIPPED_WARNING}\n\n`)).toBe(true);
    expect(note.length).toBeGreaterThan(`Внимание: ${CLIPPED_WARNING}\n\n`.length); // then «Как считается»
    // Row 3 (teachers, by roster rows) carries none.
    expect(sheet.getRange(codes.indexOf('3') + 2, header.indexOf('Предупреждения') + 1).getValue()).toBe('');
  });
});

describe('the indicator flags of run', () => {
  test('--scope Ш2: only that ОО', () => {
    const out = join(tmp, 'out-scope');
    const result = runCli(['run', '--data', data, '--out', out, '--preset', 'klin', '--year', '2024', '--scope', 'Ш2']);
    expect(result.status).toBe(0);
    const kpi = readKpi(out);
    // Ш2: Кузнецов, Соколова, Новиков; IOM in 2024: Новиков.
    expect(kpi.indicators.find((i) => i.code === '8.1')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(kpi.byOrganization.map((o) => o.code)).toEqual(['Ш2']);
    expect(result.stdout).toContain('ОО Ш2 — МОУ «Школа № 2»');
  });

  test('--from/--to instead of --year: the period of every row, the plan of the year it ends in', () => {
    const out = join(tmp, 'out-range');
    const result = runCli(['run', '--data', data, '--out', out, '--preset', 'klin', '--from', '01.03.2024', '--to', '2024-06-30']);
    expect(result.status).toBe(0);
    const kpi = readKpi(out);
    expect(kpi.period).toEqual({ from: '2024-03-01', to: '2024-06-30' });
    // Diagnosed 01.03–30.06: Иванова (15.03), Новиков (10.03) — the IOM form's 01.02 is before the period.
    expect(kpi.indicators.find((i) => i.code === '2')).toMatchObject({ numerator: 2, denominator: 24, plan: 60 });
  });

  test.each([
    [['--year', '24'], /--year: «24» — не год/],
    [['--from', '01.03.2024'], /Укажите обе границы периода: --from и --to/],
    [['--year', '2024', '--from', '01.01.2024', '--to', '31.01.2024'], /либо --year, либо --from и --to/],
    [['--from', '31.02.2024', '--to', '01.03.2024'], /--from: «31\.02\.2024» — не дата/],
    [['--preset', 'moscow'], /Неизвестный набор показателей «moscow»\. Доступны: klin, seversk, mo-r503, saratov, yartsevo/],
  ])('%j is a usage error: exit 2, nothing written', (flags, message) => {
    const out = join(tmp, `out-bad-${flags.join('')}`);
    const result = runCli(['run', '--data', data, '--out', out, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  test('an unknown --scope: exit 1 and a Russian message, no stack trace', () => {
    const result = runCli(['run', '--data', data, '--out', join(tmp, 'out-x'), '--scope', 'X9']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ОО с кодом «X9» нет в листе «Организации»/);
    // …and which codes there are, to type the right one (tests/support/kpiFixture.ts).
    expect(result.stderr).toMatch(/Коды ОО в книге: ДС, УМЦ, Ш1, Ш2\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
