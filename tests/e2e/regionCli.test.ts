// `marshrut region --municipal DIR1 DIR2 … --out DIR` end to end: two small generated municipalities run through
// `marshrut run`, plus a folder only set up; the region's totals in region.json are the sums of the municipalities'
// kpi.json numerators and denominators, the folder without indicators is left out with its reason, region.xlsx
// holds the regional sheets; the list flag in both its forms, and the usage errors.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateMunicipality, writeMunicipality } from '../../src/local/demo/municipality';
import type { DashboardData } from '../../src/core/dashboard/data';
import type { kpiJson } from '../../src/local/kpiOutput';
import type { regionJson } from '../../src/local/region';
import { CLI, requireBuild } from '../support/e2eBuild';

requireBuild();
jest.setTimeout(120_000);

const runCli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-region-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Kpi = ReturnType<typeof kpiJson>;
type Region = ReturnType<typeof regionJson>;
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A small generated municipality run through `marshrut run`: its output folder. */
function municipality(name: string, seed: number, staff: number, year = 2025): string {
  const out = join(tmp, `m${seed}`);
  writeMunicipality(join(out, 'data'), generateMunicipality({ seed, organizations: 4, staff, municipality: name }));
  const run = runCli(['run', '--data', join(out, 'data'), '--out', out, '--year', String(year)]);
  if (run.status !== 0) throw new Error(run.stderr);
  return out;
}

describe('marshrut region --municipal A --municipal B C --out R (both forms of the list at once)', () => {
  const north = municipality('Северный район', 11, 40);
  const south = municipality('Южный район', 12, 90);
  const empty = join(tmp, 'empty');
  const setup = runCli(['setup', '--out', empty]);
  const out = join(tmp, 'region');
  const result = runCli(['region', '--municipal', north, '--municipal', south, empty, '--out', out]);
  const region = readJson<Region>(join(out, 'region.json'));

  test('exits 0, prints each municipality’s state and the totals, writes region.xlsx and region.json', () => {
    expect(setup.status).toBe(0);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('В сводке 2 из 3 (набор «klin», 2025 год):');
    expect(result.stdout).toContain('  Северный район: в сводке');
    expect(result.stdout).toMatch(/ {2}empty: Нет показателей: набор показателей не загружен/);
    expect(result.stdout).toContain(`Записано: ${join(out, 'region.xlsx')}`);
    expect(result.stdout).toContain(`Записано: ${join(out, 'region.json')}`);
  });

  test('region.json has the documented shape; each municipality names its folder', () => {
    expect(Object.keys(region)).toEqual([
      'region',
      'preset',
      'year',
      'updatedAt',
      'municipalities',
      'indicators',
      'byMunicipality',
      'unreadFolders',
    ]);
    expect(region.municipalities.map((m) => [m.name, m.status, m.folder])).toEqual([
      ['Северный район', 'read', north],
      ['Южный район', 'read', south],
      ['empty', 'noIndicators', empty],
    ]);
    expect(Object.keys(region.municipalities[0]!)).toEqual([
      'name',
      'workbook',
      'read',
      'checkedAt',
      'status',
      'reason',
      'preset',
      'computedAt',
      'period',
      'roadmap',
      'folder',
    ]);
    expect(Object.keys(region.indicators[0]!)).toEqual([
      'code',
      'name',
      'unit',
      'numerator',
      'denominator',
      'value',
      'plan',
      'comparator',
      'status',
      'period',
      'explanation',
      'computedAt',
      'history',
    ]);
    expect(region.byMunicipality.map((m) => [m.name, m.folder, m.indicators.length])).toEqual([
      ['Северный район', north, 11],
      ['Южный район', south, 11],
    ]);
  });

  test('the totals are the sums of the two kpi.json numerators and denominators; values from those sums', () => {
    const a = readJson<Kpi>(join(north, 'kpi.json')).indicators;
    const b = readJson<Kpi>(join(south, 'kpi.json')).indicators;
    const sum = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
    region.indicators.forEach((total, k) => {
      expect([total.code, total.numerator, total.denominator]).toEqual([
        a[k]!.code,
        sum(a[k]!.numerator, b[k]!.numerator),
        sum(a[k]!.denominator, b[k]!.denominator),
      ]);
    });
    const diagnosed = region.indicators.find((i) => i.code === '2')!;
    expect(diagnosed.value).toBe(Math.round((1000 * diagnosed.numerator!) / diagnosed.denominator!) / 10);
    // Not the mean of the two percentages (the municipalities differ in size).
    const mean = ((a[1]!.value as number) + (b[1]!.value as number)) / 2;
    expect(Math.abs((diagnosed.value as number) - mean)).toBeGreaterThan(0.05);
  });

  test('region.xlsx holds the regional workbook’s sheets', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'region.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Муниципалитеты',
      'Сводные показатели',
      'Дашборд',
      'Журнал изменений',
      'Рассылки',
      'Настройки',
    ]);
    expect(book.getWorksheet('Сводные показатели')!.getCell('A2').value).toBe('Итого по региону');
    // The regional «Дашборд» was rebuilt by the refresh: its chart's place holds the chart's title and table.
    const dashboard = book.getWorksheet('Дашборд')!;
    const titles: unknown[] = [];
    dashboard.eachRow((row) => row.eachCell((cell) => titles.push(cell.value)));
    expect(titles).toContain('Диаграмма «Показатели: план и факт»');
  });

  test('dashboard.html: the region’s totals, and each municipality read as a unit with its own figures', () => {
    expect(result.stdout).toContain(`Записано: ${join(out, 'dashboard.html')}`);
    const html = readFileSync(join(out, 'dashboard.html'), 'utf8');
    const payload = html.match(/<script type="application\/json" id="payload">(.*?)<\/script>/s)![1]!;
    const data = JSON.parse(payload).data as DashboardData;
    expect(data).toMatchObject({ unitKind: 'municipality', ioms: null, events: null, pairs: null });
    expect(data.units.map((u) => u.name)).toEqual(['Северный район', 'Южный район']);
    expect(data.indicators.map((i) => [i.code, i.numerator, i.denominator])).toEqual(
      region.indicators.map((i) => [i.code, i.numerator, i.denominator]),
    );
    const south = region.byMunicipality[1]!;
    const diagnosed = data.indicators.find((i) => i.code === '2')!;
    expect(diagnosed.byUnit.find((u) => u.unit === south.workbook)).toMatchObject({
      numerator: south.indicators.find((i) => i.code === '2')!.numerator,
      denominator: south.indicators.find((i) => i.code === '2')!.denominator,
    });
  });
});

describe('totals the ministry can trust (issue 18 point 4)', () => {
  const north = municipality('Северный район', 11, 40);
  const west = municipality('Западный район', 13, 30, 2024);
  const copy = join(tmp, 'north-copy');
  cpSync(north, copy, { recursive: true });
  const broken = join(tmp, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, 'workbook.xlsx'), readFileSync(join(north, 'workbook.xlsx')).subarray(0, 3000));
  const out = join(tmp, 'trust');
  const result = runCli([
    'region',
    '--municipal',
    north,
    `${north}/`,
    copy,
    broken,
    west,
    '--out',
    out,
    '--region',
    'Северная область',
    '--ministry',
    'minobr@north.example',
  ]);
  const region = readJson<Region>(join(out, 'region.json'));
  const alone = readJson<Kpi>(join(north, 'kpi.json')).indicators;

  test('one folder given twice, and a copy of its workbook under another ID, count once: the totals are that municipality’s', () => {
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Папка ${north}/ указана повторно: книга муниципалитета входит в сводку один раз.`);
    expect(region.municipalities.map((m) => [m.folder, m.status])).toEqual([
      [north, 'read'],
      [copy, 'copy'],
      [west, 'otherYear'],
    ]);
    expect(region.municipalities[1]!.reason).toBe(
      'Тот же муниципалитет: «Северный район» с теми же показателями уже в сводке по книге в строке 2 — это её копия. В сводку муниципалитет входит один раз.',
    );
    expect(region.indicators.map((i) => [i.code, i.numerator, i.denominator])).toEqual(
      alone.map((i) => [i.code, i.numerator, i.denominator]),
    );
  });

  test('a broken workbook.xlsx leaves its folder out with a Russian reason; the run goes on', () => {
    const reason = `${join(broken, 'workbook.xlsx')} повреждён или это не книга Excel (.xlsx). Запишите его заново («marshrut run --out») или скачайте книгу из Google Таблиц: «Файл → Скачать → Microsoft Excel».`;
    expect(result.stdout).toContain(`Не вошла в сводку: ${reason}`);
    expect(result.stdout + result.stderr).not.toMatch(/zip|central directory/i);
    expect(region.unreadFolders).toEqual([{ folder: broken, reason }]);
  });

  test('workbooks of another year are named, not summed: the totals are of one year, with its plans', () => {
    expect(region.year).toBe(2025);
    expect(region.municipalities[2]!.reason).toMatch(
      /^Другой год: показатели рассчитаны за 2024 год, а большинство книг — за 2025; сводка — за 2025 год\./,
    );
    expect(region.indicators.find((i) => i.code === '2')!.plan).not.toBeNull();
  });

  test('--ministry: the ministry’s letter of the month after the period is written to DIR/mail, named for the region', () => {
    expect(result.stdout).toContain(`Сводки за декабрь 2025 (рассылка 1 января 2026): писем — 1, записано в ${join(out, 'mail')}`);
    const text = readFileSync(join(out, 'mail', 'minobr@north.example.txt'), 'utf8');
    expect(text).toContain('Северная область: сводные данные муниципалитетов, без персональных данных.');
    expect(text).toContain('в сводке 1 из 3 муниципалитетов');
    expect(text).toContain('Западный район: Другой год');
    expect(existsSync(join(out, 'mail', 'minobr@north.example.html'))).toBe(true);
  });

  test('the region’s name titles the dashboard; the municipality filter shows names, not workbook IDs', () => {
    const html = readFileSync(join(out, 'dashboard.html'), 'utf8');
    const data = JSON.parse(html.match(/<script type="application\/json" id="payload">(.*?)<\/script>/s)![1]!).data as DashboardData;
    expect(data.title).toBe('Северная область');
    expect(html).not.toContain('региональная книга');
  });
});

describe('the command line', () => {
  const folder = join(tmp, 'nothing-here');

  test('no folder with a workbook.xlsx: exit 1, each folder named with why', () => {
    const result = runCli(['region', '--municipal', folder, join(tmp, 'other'), '--out', join(tmp, 'r2')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `Не вошла в сводку: В папке ${folder} нет workbook.xlsx: укажите папку, в которую писал «marshrut run --out».`,
    );
    expect(result.stdout).toContain(`Не вошла в сводку: В папке ${join(tmp, 'other')} нет workbook.xlsx`);
    expect(result.stderr).toBe('Ошибка: Ни одна из папок не прочитана — сводить нечего. Причины выше.\n');
  });

  test('a folder not after --municipal is a usage error (exit 2), before anything is read', () => {
    const result = runCli(['region', '--out', join(tmp, 'r3'), folder]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Ошибка: Лишний аргумент «.*nothing-here» для команды «region»\./);
    expect(existsSync(join(tmp, 'r3'))).toBe(false);
  });

  test('no --municipal, or an unknown preset: usage errors', () => {
    expect(runCli(['region', '--out', join(tmp, 'r4')])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^Ошибка: Укажите папки муниципалитетов: --municipal DIR1 DIR2 …/),
    });
    expect(runCli(['region', '--municipal', folder, '--preset', 'moscow'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^Ошибка: Неизвестный набор показателей «moscow»/),
    });
  });

  test('marshrut help lists the command', () => {
    expect(runCli(['help']).stdout).toContain(
      'marshrut region --municipal DIR1 DIR2 … [--out DIR] [--preset ID] [--region НАЗВАНИЕ] [--ministry АДРЕСА]',
    );
    expect(runCli(['region', '--municipal', folder, '--ministry', 'minobr'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^Ошибка: --ministry: «minobr» — не e-mail/),
    });
  });
});
