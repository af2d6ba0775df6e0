// The files methodists really bring (issue «Intake you can trust»), through the CLI and the built bundle: Russian
// Excel's Windows-1251 with «;», UTF-16, mixed line endings, Google's own export name, columns that feed no question
// or feed one question twice, broken reference files, exports older than the event journal, and CLI misuse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import { CLI, openBuiltWorkbook, ORGS_CSV, requireBuild, rowsOf, STAFF_CSV } from '../support/e2eBuild';

requireBuild();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let folders = 0;

/** Windows-1251 bytes of a text, as Russian Excel saves «CSV (разделители — точка с запятой)». */
const CP1251 = (() => {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return (text: string) => Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
})();
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

function folder(files: Record<string, string | Buffer>): string {
  const dir = join(tmp, `data${++folders}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const intakeOf = (out: string) => JSON.parse(readFileSync(join(out, 'intake.json'), 'utf8'));

const IOM_HEADER =
  'Отметка времени;Адрес электронной почты;ФИО педагога;Образовательная организация;Должность;Начало реализации ИОМ;Статус ИОМ';
const iomRow = (time: string, name: string, org = 'МОУ «Средняя школа № 1»') => `${time};;${name};${org};Учитель;01.09.2025;Разработан`;

test('a Windows-1251 export with «;» and CRLF: every accepted row reaches «ИОМ» with its Cyrillic intact', () => {
  const text = [
    IOM_HEADER,
    iomRow('12.09.2025 9:05:17', 'Ёлкина Анна Сергеевна'),
    iomRow('12.09.2025 9:06:00', 'Щукин Юрий Эдуардович'),
  ].join('\r\n');
  const data = folder({ 'organizations.csv': CP1251(ORGS_CSV), 'iom.csv': CP1251(text) });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const result = importFolder(wb, data);
  expect(result.intake.iom).toMatchObject({ received: 2, accepted: 2, quarantined: 0 });
  expect(rowsOf(wb, 'iom').map((r) => [r['ФИО педагога'], r['ОО']])).toEqual([
    ['Ёлкина Анна Сергеевна', 'МОУ «Средняя школа № 1»'],
    ['Щукин Юрий Эдуардович', 'МОУ «Средняя школа № 1»'],
  ]);
});

// Issue 19 p.8: Excel's «sep=;» first line names the delimiter and is no header; Excel hides it, so the first
// answer is still line 2.
test.each([
  ['Windows-1251, no BOM', (t: string) => CP1251(t)],
  ['UTF-8 with a BOM before it', (t: string) => Buffer.from('\ufeff' + t, 'utf8')],
])('an export with Excel’s «sep=;» first line (%s): the line is honoured, the answers accepted', (_, bytes) => {
  const text = [
    'sep=;',
    IOM_HEADER,
    iomRow('12.09.2025 9:05:17', 'Ёлкина Анна Сергеевна'),
    iomRow('12.09.2025 9:06:00', 'Щукин Юрий Эдуардович', 'Школа № 99'),
  ].join('\r\n');
  const data = folder({ 'organizations.csv': CP1251(ORGS_CSV), 'iom.csv': bytes(text) });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const result = importFolder(wb, data);
  expect(result.intake.iom).toMatchObject({ received: 2, accepted: 1, quarantined: 1, unusedColumns: [] });
  expect(result.intake.iom.reasons).toEqual([{ file: 'iom.csv', row: 3, reason: expect.stringMatching(/«Школа № 99».*не найдена/) }]);
  expect(rowsOf(wb, 'iom').map((r) => r['ФИО педагога'])).toEqual(['Ёлкина Анна Сергеевна']);
});

test('UTF-16 with BOM and mixed line endings (CRLF header, LF and CR rows): no row lost', () => {
  const text = `${IOM_HEADER}\r\n${iomRow('12.09.2025 9:05:17', 'Иванова Ирина Петровна')}\n${iomRow('12.09.2025 9:06:00', 'Петров Пётр Ильич')}\r${iomRow('12.09.2025 9:07:00', 'Сидорова Анна Олеговна', 'ОО-2')}\n`;
  const data = folder({ 'organizations.csv': ORGS_CSV, 'iom.csv': utf16(text) });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  expect(importFolder(wb, data).intake.iom).toMatchObject({ received: 3, accepted: 3 });
  expect(rowsOf(wb, 'iom')).toHaveLength(3);
});

test('a file of another encoding is refused, naming the file', () => {
  // KOI8-R: not what Excel or Google save.
  const data = folder({
    'organizations.csv': ORGS_CSV,
    'iom.csv': Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x3b, 0xcd, 0xc9, 0xd2, 0x0a]),
  });
  const out = join(tmp, 'out-koi8');
  const result = run('run', '--data', data, '--out', out);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Файл «iom.csv» не удалось прочитать: это не текст в кодировке UTF-8, UTF-16 или Windows-1251');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test("Google's own export name is recognised by its columns; unused and doubled columns are reported, nothing lost", () => {
  const header = 'Отметка времени,ФИО,ФИО педагога,Образовательная организация,Должность,Начало реализации ИОМ,Статус ИОМ,Комментарий';
  const text = [
    header,
    '12.09.2025 9:05:17,,Иванова Ирина Петровна,МОУ «Средняя школа № 1»,Учитель,01.09.2025,Разработан,по плану школы',
    '12.09.2025 9:06:00,Петров Пётр Ильич,,МОУ «Средняя школа № 1»,Учитель,01.09.2025,Разработан,',
    '12.09.2025 9:07:00,Ким Виктор,,Школа № 99,Учитель,01.09.2025,Разработан,нет в списке ОО',
  ].join('\n');
  const data = folder({ 'organizations.csv': ORGS_CSV, 'Учёт ИОМ (Ответы) - Ответы на форму (1).csv': text });
  const out = join(tmp, 'out-google-name');
  const result = run('run', '--data', data, '--out', out);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('«Учёт ИОМ»: получено 3, принято 2, в карантине 1');
  expect(result.stdout).toContain('Не использованы столбцы: «Комментарий»');
  expect(result.stdout).toContain(
    'Столбцы «ФИО педагога» и «ФИО» относятся к одному вопросу «ФИО педагога»: в каждой строке взят первый непустой.',
  );
  const intake = intakeOf(out);
  expect(intake.iom.unusedColumns).toEqual(['Комментарий']);
  expect(intake.iom.notes).toHaveLength(1);

  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  importFolder(wb, data);
  expect(rowsOf(wb, 'iom').map((r) => r['ФИО педагога'])).toEqual(['Иванова Ирина Петровна', 'Петров Пётр Ильич']);
  // The quarantined row holds every raw column of its source row, the unused one included.
  const [waiting] = rowsOf(wb, 'quarantine');
  expect(JSON.parse(String(waiting!['Ответы']))).toMatchObject({ 'ФИО педагога': 'Ким Виктор', Комментарий: 'нет в списке ОО' });
});

test('identical wrong answers are two quarantine rows, and counted as two', () => {
  const text = [
    IOM_HEADER,
    iomRow('12.09.2025 9:05:17', 'Ким Виктор', 'Школа № 99'),
    iomRow('12.09.2025 9:05:17', 'Ким Виктор', 'Школа № 99'),
  ].join('\n');
  const data = folder({ 'organizations.csv': ORGS_CSV, 'iom.csv': text });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const first = importFolder(wb, data);
  expect(first.intake.iom).toMatchObject({ received: 2, accepted: 0, quarantined: 2 });
  expect(rowsOf(wb, 'quarantine')).toHaveLength(2);
  // Loaded again: the same two rows, no third; still counted as quarantined, not accepted.
  expect(importFolder(wb, data).intake.iom).toMatchObject({ received: 2, accepted: 0, quarantined: 2 });
  expect(rowsOf(wb, 'quarantine')).toHaveLength(2);
});

test('reference problems are printed with row and column, in intake.json, and an unusable file fails the run', () => {
  const staff = 'ФИО,Должность\nИванова Ирина Петровна,Учитель\n';
  const diagnostics =
    'ФИО,Код ОО,Дата диагностики,Процедура\nИванова Ирина Петровна,ОО-1,31.02.2025,Региональная\nПетров Пётр Ильич,ОО-1,15.09.2025,Региональная\n';
  const data = folder({ 'organizations.csv': ORGS_CSV, 'staff.csv': staff, 'diagnostics.csv': diagnostics });
  const out = join(tmp, 'out-reference');
  const result = run('run', '--data', data, '--out', out);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('Замечания к staff.csv:');
  expect(result.stdout).toMatch(/файл: Нет обязательных столбцов: «Код ОО»/);
  expect(result.stdout).toContain('строка 2, столбец «Дата диагностики»: Не удалось распознать дату «31.02.2025»');
  expect(result.stderr).toContain('Справочник не загружен: staff.csv');
  const intake = intakeOf(out);
  expect(intake.reference.staff).toMatchObject({ unusable: true, rows: 0 });
  expect(intake.reference.diagnostics.problems).toContainEqual(expect.objectContaining({ row: 2, column: 'Дата диагностики' }));
  expect(intake.reference.diagnostics).toMatchObject({ added: 1 });
});

test('an export whose participations are older than the journal entry of their event: all accepted', () => {
  const events =
    'Отметка времени,Название мероприятия,Вид мероприятия,Уровень,Дата начала\n20.09.2025 10:00:00,Семинар наставников,Семинар,Муниципальный,15.09.2025\n';
  const participation = [
    'Отметка времени,Адрес электронной почты,Мероприятие,ФИО участника,Образовательная организация',
    '15.09.2025 12:00:00,,Семинар наставников (15.09.2025),Иванова Ирина Петровна,МОУ «Средняя школа № 1»',
    '15.09.2025 12:05:00,,Семинар наставников (15.09.2025),Петров Пётр Ильич,МОУ «Средняя школа № 1»',
  ].join('\n');
  const data = folder({ 'organizations.csv': ORGS_CSV, 'staff.csv': STAFF_CSV, 'events.csv': events, 'participation.csv': participation });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  expect(importFolder(wb, data).intake.participation).toMatchObject({ received: 2, accepted: 2, quarantined: 0 });
});

test('a folder with no recognised file says which names and columns it expects', () => {
  const data = folder({ 'notes.csv': 'Заметка,Автор\nпривет,я\n' });
  const result = run('run', '--data', data, '--out', join(tmp, 'out-none'));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('нет файлов, которые можно загрузить. Найдены, но не распознаны: notes.csv.');
  expect(result.stderr).toContain('organizations.csv — «Код ОО», «Наименование», «Тип ОО»');
  expect(result.stderr).toContain('iom.csv (или выгрузка «Учёт ИОМ (Ответы)…csv») — «Отметка времени», «ФИО педагога»');
});

describe('the command line', () => {
  test('help prints usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['run', '--help']]) {
      const result = run(...args);
      expect([args, result.status]).toEqual([args, 0]);
      expect(result.stdout).toContain('marshrut run --data DIR');
    }
  });

  test('an unknown command or flag is refused with exit 2 before anything is written', () => {
    const out = join(tmp, 'out-refused');
    for (const args of [
      ['frobnicate', '--out', out],
      ['run', '--data', '.', '--outt', out],
      ['demo', '--out', out, 'extra'],
    ]) {
      const result = run(...args);
      expect([args, result.status]).toEqual([args, 2]);
      expect(result.stderr).toMatch(/Неизвестн|Лишний аргумент/);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  test('--out pointing at a file: a Russian message, no stack trace', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const result = run('setup', '--out', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--out указывает на файл, а нужна папка');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(tmp)).toContain('a-file');
  });
});

test('timings.json: every phase that ran, with its time and service calls; --verbose prints them', () => {
  const events =
    'Отметка времени,Название мероприятия,Вид мероприятия,Уровень,Дата начала\n20.09.2025 10:00:00,Семинар наставников,Семинар,Муниципальный,15.09.2025\n';
  const data = folder({ 'organizations.csv': ORGS_CSV, 'staff.csv': STAFF_CSV, 'events.csv': events });
  const out = join(tmp, 'out-timings');
  const result = run('run', '--data', data, '--out', out, '--verbose');
  expect(result.status).toBe(0);
  const timings = JSON.parse(readFileSync(join(out, 'timings.json'), 'utf8'));
  expect(timings.phases.map((p: { name: string }) => p.name)).toEqual([
    'read',
    'reference',
    'responses',
    'intake',
    'recompute',
    'digests',
    'export',
  ]);
  for (const phase of timings.phases) {
    expect(typeof phase.ms).toBe('number');
    expect(phase.ms).toBeGreaterThanOrEqual(0);
  }
  const intake = timings.phases.find((p: { name: string }) => p.name === 'intake');
  expect(intake.calls.SpreadsheetApp).toBeGreaterThan(0);
  // The drain reads the response sheets (no FormApp call per answer); the few FormApp calls are the one refresh of the
  // participation form's event list after a new event.
  expect(intake.calls.FormApp).toBeGreaterThan(0);
  expect(intake.calls.FormApp).toBeLessThan(20);
  expect(timings.peakRssMb).toBeGreaterThan(0);
  expect(result.stdout).toMatch(/Этапы:\n {2}read +\d+ мс/);
  expect(result.stdout).toMatch(/ {2}intake +\d+ мс {2}SpreadsheetApp \d+/);
});
