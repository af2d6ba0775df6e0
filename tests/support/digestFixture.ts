// A small municipality for the monthly digests, as a methodist's CSV folder: the indicators' folder (kpiFixture)
// with coordinators' e-mails in «Организации» (two at the kindergarten, none at the methodical service), roster
// e-mails, a teacher whose name is an HTML tag, December 2024 activity, an overdue IOM and a quarantined answer.
// The digest of December 2024 is the one sent on 1 January 2025.
import { join } from 'node:path';
import { importFolder } from '../../src/local/importFolder';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { openBuiltWorkbook } from './e2eBuild';
import { KPI_FILES, writeKpiFolder } from './kpiFixture';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const OWNER = 'metodist@klin.example';
export const MINISTRY = 'minobr@mo.example';
export const COORDINATORS = { Ш1: ['sh1@klin.example'], Ш2: ['sh2@klin.example'], ДС: ['ds@klin.example', 'ds-zam@klin.example'] } as const;

const csvLine = (cells: string[]) => cells.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
const lines = (text: string) => text.trimEnd().split('\r\n');

function withRows(file: string, rows: string[][], edit: (line: string) => string = (l) => l): string {
  return [...lines(KPI_FILES[file]!).map(edit), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}

/** Roster e-mails of the fixture: none may reach the ministry. */
export const ROSTER_EMAILS = ['ivanova@klin.example', 'kuznetsov@klin.example', 'volkova@klin.example'];

export const DIGEST_FILES: Record<string, string> = {
  ...KPI_FILES,
  'organizations.csv': withRows('organizations.csv', [], (line) =>
    line
      .replace(/^(Ш1,.*),$/, `$1,${COORDINATORS.Ш1[0]}`)
      .replace(/^(Ш2,.*),$/, `$1,${COORDINATORS.Ш2[0]}`)
      .replace(/^(ДС,.*),$/, `$1,"${COORDINATORS.ДС.join(', ')}"`),
  ),
  'staff.csv': withRows(
    'staff.csv',
    [[HOSTILE, 'Ш1', 'Учитель', 'Информатика', '02.02.1990', '01.09.2015', '', '', '', '', '', 'Реестр']],
    (line) =>
      line
        .replace(/^(Иванова Ирина Петровна,(?:[^,]*,){6})/, `$1${ROSTER_EMAILS[0]}`)
        .replace(/^(Кузнецов Андрей Сергеевич,(?:[^,]*,){6})/, `$1${ROSTER_EMAILS[1]}`)
        .replace(/^(Волкова Анна Олеговна,(?:[^,]*,){6})/, `$1${ROSTER_EMAILS[2]}`),
  ),
  'iom.csv': withRows('iom.csv', [
    // overdue: ended 30.11.2024, still «Реализуется»
    [
      '01.03.2024 9:00:00',
      '',
      HOSTILE,
      'МОУ «Школа № 1»',
      'Учитель',
      'Информатика',
      '',
      '',
      '',
      '',
      '',
      '01.03.2024',
      '30.11.2024',
      '',
      'Реализуется',
      '',
    ],
    // developed in December 2024
    [
      '05.12.2024 9:00:00',
      '',
      'Соколова Мария Игоревна',
      'МОУ «Школа № 2»',
      'Учитель',
      'Химия',
      '',
      '',
      '',
      '',
      '',
      '05.12.2024',
      '',
      '',
      'Разработан',
      '',
    ],
    // filed in December, starts in January 2025: in neither December's nor 2024's figures
    [
      '20.12.2024 9:00:00',
      '',
      'Волкова Анна Олеговна',
      'МДОУ «Детский сад № 3»',
      'Воспитатель',
      '',
      '',
      '',
      '',
      '',
      '',
      '10.01.2025',
      '',
      '',
      'Разработан',
      '',
    ],
    // quarantined: 31 February; it names Ш1
    [
      '06.12.2024 9:00:00',
      '',
      'Смирнова Ольга Викторовна',
      'МОУ «Школа № 1»',
      'Руководитель',
      '',
      '',
      '',
      '',
      '',
      '',
      '31.02.2024',
      '',
      '',
      'Разработан',
      '',
    ],
  ]),
  'events.csv': withRows('events.csv', [
    [
      '01.12.2024 8:00:00',
      'Семинар «Цифровая школа»',
      'Семинар',
      'Муниципальный',
      '10.12.2024',
      '',
      'Очно',
      'МОУ «Школа № 2»',
      '',
      'Учителя',
      '',
      '',
      'Проведено',
      '',
      '',
    ],
  ]),
  'mentoring.csv': withRows('mentoring.csv', [
    [
      '02.12.2024 9:00:00',
      '',
      'Кузнецов Андрей Сергеевич',
      'МОУ «Школа № 2»',
      'Соколова Мария Игоревна',
      'МОУ «Школа № 2»',
      'Педагог — педагог',
      'Нет',
      '02.12.2024',
      '',
      'Действует',
      '',
    ],
  ]),
};

export function writeDigestFolder(dir: string, files: Record<string, string> = DIGEST_FILES): string {
  return writeKpiFolder(dir, files);
}

/**
 * The fixture loaded and klin recomputed for 2024 by the owner, with a methodist and a ministry address saved in
 * «Настройки…»; `clock` is the runtime's clock (a test moves it); `files` the folder (DIGEST_FILES, or a variant of it).
 */
export function digestWorkbook(dir: string, clock: { now: Date }, files: Record<string, string> = DIGEST_FILES): LocalWorkbook {
  const wb = openBuiltWorkbook({ user: OWNER, now: () => clock.now });
  wb.menu('menuSetupWorkbook');
  importFolder(wb, writeDigestFolder(join(dir, 'data'), files));
  wb.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
  wb.rpc('rpcKpiRecompute', { year: 2024 });
  wb.rpc('rpcSettingsSaveDigest', { methodists: [OWNER], ministry: [MINISTRY], coordinatorsOff: [] });
  return wb;
}

/** Every ФИО of the roster as the workbook holds it (form answers add people), with each one's ОО code. */
export function rosterNames(wb: LocalWorkbook): { name: string; org: string }[] {
  const [header = [], ...rows] = wb.spreadsheet.getSheetByName('Педагоги')!.getDataRange().getValues();
  const name = header.indexOf('ФИО');
  const org = header.indexOf('Код ОО');
  return rows.filter((r) => r[name]).map((r) => ({ name: String(r[name]), org: String(r[org]) }));
}
