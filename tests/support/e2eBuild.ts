// Shared helpers of the end-to-end tests: the built bundle (npm run build) driven through the local runtime.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHEETS, SHEET_IDS, type SheetId } from '../../src/core/schema/sheets';
import { openLocalWorkbook, type LocalWorkbook } from '../../src/local/localWorkbook';
import { ORGS_CSV, withoutNotice } from './workbook';

export const ROOT = join(__dirname, '..', '..');
export const BUILD = join(ROOT, 'build');
export const CLI = join(ROOT, 'bin', 'marshrut.cjs');

export type Mode = 'template' | 'addon';
export const MODES: readonly Mode[] = ['template', 'addon'];
/**
 * The install mode the e2e flows run in: «Шаблон» by default, «Дополнение» in jest's `addon` project
 * (jest.config.cjs sets MARSHRUT_TEST_MODE), so every flow of those files runs in both modes in CI.
 */
export const TEST_MODE: Mode = process.env.MARSHRUT_TEST_MODE === 'addon' ? 'addon' : 'template';

/** Where a mode's bundle is: build/ holds the one `npm run build` made (template by default), dist/<mode>/ the other. */
export function buildDirOf(mode: Mode = TEST_MODE): string {
  const built = existsSync(join(BUILD, 'mode.json'))
    ? (JSON.parse(readFileSync(join(BUILD, 'mode.json'), 'utf8')) as { installMode: Mode }).installMode
    : 'template';
  return built === mode ? BUILD : join(ROOT, 'dist', mode);
}

/** Fails loudly (once) when the build is missing, instead of a cascade of unrelated errors. */
export function requireBuild(): void {
  for (const dir of MODES.map(buildDirOf))
    for (const f of ['Code.js', 'exports.json', 'appsscript.json'].map((x) => join(dir, x))) {
      if (!existsSync(f)) throw new Error(`Нет ${f}: выполните npm run build перед e2e-тестами.`);
    }
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('Нет dist/cli.cjs: выполните npm run build.');
}

export const readExports = (): string[] => JSON.parse(readFileSync(join(BUILD, 'exports.json'), 'utf8')) as string[];

/** A fixed clock (moves only by what the runtime's own sleeps/lock waits add). */
export const FIXED_NOW = () => new Date(2025, 9, 1, 12, 0, 0);

export function openBuiltWorkbook(options: { user?: string; now?: () => Date; mode?: Mode } = {}): LocalWorkbook {
  requireBuild();
  const mode = options.mode ?? TEST_MODE;
  return openLocalWorkbook({ buildDir: buildDirOf(mode), now: options.now ?? FIXED_NOW, user: options.user, addon: mode === 'addon' });
}

/** The scheduler's period in a workbook's mode (src/gas/installMode.ts): 10 minutes as a template, an hour as an add-on. */
export const tickMs = (wb: LocalWorkbook): number => (wb.runtime.triggers.addonMode ? 60 : 10) * 60_000;

/** Set up by its owner, with «Организации» and «Педагоги» loaded — where a methodist starts. */
export function openReferenceWorkbook(): LocalWorkbook {
  const wb = openBuiltWorkbook();
  wb.menu('menuSetupWorkbook');
  wb.rpc('rpcImportReference', { sheet: 'organizations', csvText: ORGS_CSV });
  wb.rpc('rpcImportReference', { sheet: 'staff', csvText: STAFF_CSV });
  return wb;
}

export function sheetOf(wb: LocalWorkbook, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = wb.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`Нет листа «${name}»`);
  return sheet;
}

/** A sheet's values as the add-on reads them: set-up's «still empty» notice in the first data row is no row. */
export const valuesOf = (wb: LocalWorkbook, name: string): unknown[][] => withoutNotice(sheetOf(wb, name).getDataRange().getValues());

/** Values of a schema sheet as objects keyed by header (data rows only). */
export function rowsOf(wb: LocalWorkbook, id: SheetId): Record<string, unknown>[] {
  const [header = [], ...rows] = valuesOf(wb, SHEETS[id].name);
  return rows.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** A comparable, JSON-able picture of values (Dates as ISO strings). */
export const plain = (values: unknown[][]): unknown[][] =>
  values.map((r) =>
    r.map((v) => (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]' ? `D:${(v as Date).toISOString()}` : v)),
  );

/** Register values without the trail column «Обновлено» (its timestamp differs run to run). */
export function registerPicture(wb: LocalWorkbook, id: SheetId, ignore: string[] = ['Обновлено']): unknown[][] {
  const [header = [], ...rows] = plain(valuesOf(wb, SHEETS[id].name));
  const keep = header.map((h, i) => (ignore.includes(String(h)) ? -1 : i)).filter((i) => i >= 0);
  return [header, ...rows].map((r) => keep.map((i) => r[i]));
}

export const SCHEMA_SHEET_NAMES = SHEET_IDS.map((id) => SHEETS[id].name);

export { ORGS_CSV };

export const ORG_NAMES = ['МОУ «Средняя школа № 1»', 'МДОУ «Детский сад «Ромашка»»', 'МУ «Учебно-методический центр»'];

export const STAFF_CSV = [
  'ФИО,Код ОО,Должность,Предмет,Дата рождения,Дата начала педагогической деятельности,Квалификационная категория,Email,Роли,Методическое объединение,Молодой специалист,Источник',
  'Иванова Ирина,ОО-1,Учитель,Математика,01.02.1980,01.09.2003,Высшая,,Наставник,ШМО математики,,Реестр',
  'Петров Пётр Ильич,ОО-1,Учитель,Физика,05.05.1999,01.09.2023,,,,,Да,Реестр',
  'Сидорова Анна Олеговна,ОО-2,Воспитатель,,10.10.1990,01.09.2012,Первая,,,,,Реестр',
  'Орлова Мария Андреевна,МС,Методист,,03.03.1975,01.09.1998,,orlova@klin.example,Методист,,,Реестр',
  'Семёнов Олег,ОО-2,Руководитель,,04.04.1970,01.09.1992,,,,,,Реестр',
].join('\n');

/**
 * The scheduler's period passes in Google: its one time-driven trigger fires and the tick runs what is due — the
 * drain of the answers that wait among them. What the queue held is in the registers afterwards.
 */
export function aTickLater(wb: LocalWorkbook): void {
  wb.runtime.advance(tickMs(wb) + 1_000);
  wb.runtime.triggers.fireTimeTriggers(wb.runtime.now());
}

/** The scheduler's job rows of the workbook (document property marshrut.jobs, src/gas/scheduler.ts). */
export function scheduledJobs(wb: LocalWorkbook): Record<string, { due: number; state?: string }> {
  const properties = (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  return JSON.parse(properties.getProperty('marshrut.jobs') ?? '{}') as Record<string, { due: number; state?: string }>;
}
