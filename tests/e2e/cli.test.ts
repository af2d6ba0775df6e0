// `marshrut run --data DIR --out DIR`: reference CSVs and Google Forms' own CSV export through the built bundle,
// intake.json with received = accepted + quarantined, idempotent re-import, Russian errors for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORM_IDS } from '../../src/core/schema/forms';
import type { RegisterId } from '../../src/core/schema/sheets';
import { importFolder } from '../../src/local/importFolder';
import { IOM_EXPORT_HEADER } from '../support/kpiFixture';
import { CLI, openBuiltWorkbook, ORGS_CSV, registerPicture, requireBuild, rowsOf, STAFF_CSV } from '../support/e2eBuild';

requireBuild();
const BOM = '\ufeff';
// Google's «Скачать ответы (.csv)» as a Russian-locale Excel re-save: BOM, semicolons, checkbox answers joined with «, ».
const IOM_CSV =
  BOM +
  [
    IOM_EXPORT_HEADER.join(';'),
    '12.09.2025 9:05:17;ivanova@klin.example;Иванова Ирина;МОУ «Средняя школа № 1»;Учитель;Математика;01.09.2025;Муниципальная;Базовый;Предметные, Метапредметные, функциональная грамотность;Стажировка, Семинар, вебинар;10.09.2025;;;Разработан;',
    '13.09.2025 10:00:00;x@klin.example;Ким Виктор;Школа № 99;Учитель;;;;;;;11.09.2025;;;Разработан;',
    '14.09.2025 11:30:00;novikova@klin.example;Новикова Вера;МДОУ «Детский сад «Ромашка»»;Воспитатель;;;;;;;12.09.2025;;;Реализуется;',
  ].join('\r\n') +
  '\r\n';

function writeData(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const runCli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('marshrut run --data --out', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'marshrut-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const data = writeData(join(tmp, 'data'), { 'organizations.csv': ORGS_CSV, 'staff.csv': STAFF_CSV, 'iom.csv': IOM_CSV });

  test('imports the folder, exits 0, writes workbook.xlsx and intake.json of the documented shape', () => {
    const out = join(tmp, 'out');
    const result = runCli(['run', '--data', data, '--out', out]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('«Учёт ИОМ»: получено 3, принято 2, в карантине 1');
    expect(existsSync(join(out, 'workbook.xlsx'))).toBe(true);
    const intake = JSON.parse(readFileSync(join(out, 'intake.json'), 'utf8'));
    expect(Object.keys(intake).sort()).toEqual([...FORM_IDS, 'reference'].sort());
    for (const form of FORM_IDS) {
      const t = intake[form];
      expect(Object.keys(t).sort()).toEqual(['accepted', 'notes', 'quarantined', 'reasons', 'received', 'unusedColumns']);
      expect(t.received).toBe(t.accepted + t.quarantined);
      expect(t.reasons).toHaveLength(t.quarantined);
      for (const r of t.reasons) expect(Object.keys(r).sort()).toEqual(['file', 'reason', 'row']);
    }
    expect(intake.iom).toEqual({
      received: 3,
      accepted: 2,
      quarantined: 1,
      reasons: [{ file: 'iom.csv', row: 3, reason: expect.stringMatching(/Организация «Школа № 99».*не найдена/) }],
      unusedColumns: [],
      notes: [],
    });
    expect(intake.events).toEqual({ received: 0, accepted: 0, quarantined: 0, reasons: [], unusedColumns: [], notes: [] });
    expect(intake.reference.organizations).toMatchObject({ file: 'organizations.csv', rows: 3, added: 3, problems: [], unusable: false });
  }, 30_000);

  test('a missing --data folder: non-zero exit and a Russian message on stderr, before anything is set up', () => {
    const result = runCli(['run', '--data', join(tmp, 'no-such-folder'), '--out', join(tmp, 'out-missing')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Папка с данными не найдена/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // an input error, not a stack trace
    // Nothing was done for a folder that is not there: no «Книга настроена: …» before the error.
    expect(result.stdout).toBe('');
  }, 30_000);

  test("iom.csv with none of the form's questions is refused, naming the columns an «Учёт ИОМ» export has", () => {
    const folder = writeData(join(tmp, 'phones'), { 'organizations.csv': ORGS_CSV, 'iom.csv': 'Имя,Телефон\nИванова,+7 900 000-00-00\n' });
    const out = join(tmp, 'out-phones');
    const result = runCli(['run', '--data', folder, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Файл «iom.csv» не похож на ответы формы «Учёт ИОМ»: ни один столбец («Имя», «Телефон»)');
    // Google's export of the form: the service columns, then every question (the schema's own titles).
    expect(result.stderr).toContain(IOM_EXPORT_HEADER.map((t) => `«${t}»`).join(', '));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Refused before anything was taken in: no answer went to «Карантин».
    expect(result.stdout).not.toMatch(/в карантине/);
    expect(existsSync(join(out, 'intake.json'))).toBe(false);
  }, 30_000);

  test('the import sidebar refuses the same file for «Учёт ИОМ» instead of quarantining every row', () => {
    const wb = openBuiltWorkbook();
    wb.menu('menuSetupWorkbook');
    expect(() => wb.rpc('rpcImportRun', { form: 'iom', csvText: 'Имя,Телефон\nИванова,+7 900 000-00-00\n' })).toThrow(
      /не похож на ответы формы «Учёт ИОМ».*«Отметка времени», «Адрес электронной почты», «ФИО педагога»/,
    );
    expect(rowsOf(wb, 'quarantine')).toHaveLength(0);
  });

  test('a reference cell problem names its column once', () => {
    const staff = [STAFF_CSV.split('\n')[0], 'Орлова Ольга,ОО-1,Учитель,,,,,,Куратор практики,,,Реестр'].join('\n');
    const folder = writeData(join(tmp, 'roles'), { 'organizations.csv': ORGS_CSV, 'staff.csv': staff });
    const result = runCli(['run', '--data', folder, '--out', join(tmp, 'out-roles')]);
    expect(result.stdout).toMatch(/строка \d+, столбец «Роли»: «Куратор практики» нет в списке/);
    expect(result.stdout).not.toContain('«Роли»: «Роли»');
  }, 30_000);

  test('an empty folder is said once, and the expected files are named without citing the SPEC', () => {
    const empty = writeData(join(tmp, 'empty'), {});
    const result = runCli(['run', '--data', empty, '--out', join(tmp, 'out-empty')]);
    expect(result.status).toBe(1);
    expect(result.stderr.match(/нет CSV|нет файлов/g)).toEqual(['нет CSV']);
    expect(result.stderr).toContain(`В папке ${empty} нет CSV-файлов.`);
    expect(result.stderr).toContain('organizations.csv — «Код ОО», «Наименование», «Тип ОО»');
    expect(result.stderr).not.toMatch(/SPEC|§/);
  }, 30_000);

  test('no --data at all: non-zero exit, Russian hint', () => {
    const result = runCli(['run', '--out', join(tmp, 'out-nodata')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Укажите папку с CSV/);
  }, 30_000);

  test('iom.csv that is not a CSV (binary bytes): non-zero exit naming the file', () => {
    const bad = writeData(join(tmp, 'binary'), {
      'organizations.csv': ORGS_CSV,
      'iom.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe, 0x00, 0x01]),
    });
    const result = runCli(['run', '--data', bad, '--out', join(tmp, 'out-binary')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Файл «iom\.csv» не похож на CSV: он двоичный/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});

describe('who the letters are from and for: --owner, --methodists, --ministry or settings.csv', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'marshrut-owner-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const files = { 'organizations.csv': ORGS_CSV, 'staff.csv': STAFF_CSV, 'iom.csv': IOM_CSV };
  const letters = (out: string) =>
    readdirSync(join(out, 'mail'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.replace(/\.txt$/, ''));

  test('the flags name the owner, the methodists and the ministry; no letter goes to the local default', () => {
    const data = writeData(join(tmp, 'flags'), files);
    const out = join(tmp, 'out-flags');
    const result = runCli([
      'run',
      '--data',
      data,
      '--out',
      out,
      '--owner',
      'Orlova@Klin.example',
      '--methodists',
      'm1@klin.example; m2@klin.example',
      '--ministry',
      'minobr@mo.example',
    ]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(
      'Письма от имени orlova@klin.example; методисты: m1@klin.example, m2@klin.example; министерство: minobr@mo.example.',
    );
    expect(letters(out)).toEqual(expect.arrayContaining(['m1@klin.example', 'm2@klin.example', 'minobr@mo.example']));
    expect(letters(out)).not.toContain('metodist@klin.example');
    expect(letters(out)).not.toContain('orlova@klin.example');
  }, 30_000);

  test('settings.csv («Параметр», «Значение», as on «Настройки») does the same; a flag wins over the file', () => {
    const settings =
      'Параметр;Значение\nВладелец книги;owner@klin.example\nАдреса методистов;a@klin.example, b@klin.example\nАдреса министерства;min@mo.example\n';
    const data = writeData(join(tmp, 'file'), { ...files, 'settings.csv': settings });
    const out = join(tmp, 'out-file');
    const result = runCli(['run', '--data', data, '--out', out, '--ministry', 'other@mo.example']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(
      'Письма от имени owner@klin.example; методисты: a@klin.example, b@klin.example; министерство: other@mo.example.',
    );
    expect(result.stdout).not.toContain('settings.csv: пропущен'); // not taken for a register or a form
    expect(letters(out)).toEqual(expect.arrayContaining(['a@klin.example', 'b@klin.example', 'other@mo.example']));
    expect(letters(out)).not.toContain('min@mo.example');
  }, 30_000);

  test('without either, the owner is the local default and the run says how to name the methodists', () => {
    const data = writeData(join(tmp, 'none'), files);
    const result = runCli(['run', '--data', data, '--out', join(tmp, 'out-none')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--methodists или строка «Адреса методистов» в settings.csv');
  }, 30_000);

  test.each([
    [['--owner', 'orlova'], /--owner: «orlova» — не адрес электронной почты/],
    [['--owner', 'a@klin.example,b@klin.example'], /--owner: нужен один адрес владельца книги, а указано 2/],
    [['--methodists', 'm1@klin.example, методист'], /--methodists: «методист» — не адрес электронной почты/],
    [['--ministry', 'minobr@'], /--ministry: «minobr@» — не адрес электронной почты/],
  ])(
    '%j is a usage error: exit 2, nothing written',
    (flags, message) => {
      const data = writeData(join(tmp, 'bad-flag'), files);
      const out = join(tmp, `out-bad-${flags.join('')}`);
      const result = runCli(['run', '--data', data, '--out', out, ...flags]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    },
    30_000,
  );

  test('a wrong line of settings.csv: exit 1, the file and its line named, before anything is set up', () => {
    const settings = 'Параметр,Значение\nАдреса методистов,m1@klin.example\nАдреса министерства,minobr at mo.example\nОтчётный год,2024\n';
    const data = writeData(join(tmp, 'bad-file'), { ...files, 'settings.csv': settings });
    const result = runCli(['run', '--data', data, '--out', join(tmp, 'out-bad-file')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('settings.csv, строка 3: «minobr» — не адрес электронной почты.');
    expect(result.stdout).toBe('');
  }, 30_000);
});

describe('the same folder imported twice into one workbook (in process)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'marshrut-twice-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const data = writeData(join(tmp, 'data'), { 'organizations.csv': ORGS_CSV, 'staff.csv': STAFF_CSV, 'iom.csv': IOM_CSV });
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  const registers: RegisterId[] = ['iom', 'diagnostics', 'events', 'participation', 'mentoring'];
  const picture = (ignore: string[]) => ({
    ...Object.fromEntries(registers.map((id) => [id, registerPicture(wb, id, ignore)])),
    organizations: registerPicture(wb, 'organizations', []),
    staff: registerPicture(wb, 'staff', []),
    waitingQuarantine: rowsOf(wb, 'quarantine').filter((r) => r['Статус'] === 'Ожидает').length,
  });
  const first = importFolder(wb, data);
  const afterFirst = picture(['Обновлено']);
  const afterFirstData = picture(['Обновлено', 'ID ответа', 'Ссылка для редактирования']);
  const second = importFolder(wb, data);

  test('the first import: 2 accepted, the unknown-ОО row quarantined', () => {
    expect(first.intake.iom).toMatchObject({ received: 3, accepted: 2, quarantined: 1, reasons: [{ row: 3 }] });
    expect(wb.runtime.forms.all()).toHaveLength(4);
  });

  test('the second import reports the still-quarantined row as quarantined, not accepted', () => {
    // Quarantine.add() does not file the same waiting answers twice and returns the first entry's id; that entry
    // holds the FIRST import's response id, and importFolder.tallyFromWorkbook() matches «Карантин» by the NEW
    // response id — so the row counts as accepted although it is in no register.
    expect(second.intake.iom).toEqual(first.intake.iom);
  });

  test('the registers hold the same data after the second import (nothing doubled)', () => {
    expect(picture(['Обновлено', 'ID ответа', 'Ссылка для редактирования'])).toEqual(afterFirstData);
    expect(rowsOf(wb, 'iom')).toHaveLength(2);
    expect(rowsOf(wb, 'diagnostics')).toHaveLength(1);
    expect(afterFirstData.waitingQuarantine).toBe(1);
  });

  test('the registers are unchanged cell for cell (ignoring «Обновлено»)', () => {
    // A re-import is a new Google response for each CSV row: if the natural-key upsert adopts the new response
    // id and edit link, the rows «change» although no answer did.
    expect(picture(['Обновлено'])).toEqual(afterFirst);
  });
});
