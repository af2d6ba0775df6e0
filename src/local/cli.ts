// `marshrut` — the local runner: the add-on's own bundle over the local Apps Script runtime, no Google account.
// Every command is declared once in COMMANDS (its flags, its usage line, what it does): the parser refuses an
// unknown command or flag with exit 2 before anything is read or written.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FORMS, FORM_IDS } from '../core/schema/forms';
import { openLocalWorkbook, type LocalWorkbook } from './localWorkbook';
import { csvFilesOf, importFolder, InputError, type FolderImport } from './importFolder';
import { exportWorkbookXlsx } from './xlsx';
import { generateMunicipality, writeMunicipality } from './demo/municipality';
import { kpiTable, parseKpiOptions, recomputeIndicators, writeKpiJson, type KpiOptions } from './kpiOutput';
import { Timings } from './timings';
import { writeDigests } from './digestOutput';
import { checkSettingFlags, FlagError, readRunSettings, type SettingFlags } from './runSettings';
import { writeDashboardHtml } from './dashboardOutput';
import { PRESET_IDS } from '../core/indicators/presets';
import { isEmail, splitAddresses } from '../core/email';
import { runRegion } from './region';
import { DEMO_MUNICIPALITY, runStory, storyOptions } from './demo/story';
import { CELL_LIMIT, CellLimitError } from '../core/workbookHealth';
import { formatCount } from '../core/text';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

interface Command {
  /** The command line and what it does, shown by `marshrut help`. */
  readonly usage: readonly [synopsis: string, description: string];
  readonly options: Options;
  /** A flag that takes several values: `--flag A B C` (the words after it) as well as `--flag A --flag B`. */
  readonly listFlag?: string;
  run(values: Values): Promise<void>;
}

/** A wrong command line: usage is printed and the exit code is 2 (nothing has been read or written). */
class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);
const OUT: Options = { out: { type: 'string' } };
const VERBOSE: Options = { verbose: { type: 'boolean' } };
const ADDRESSES: Options = Object.fromEntries(['owner', 'methodists', 'ministry'].map((flag) => [flag, { type: 'string' }]));
const KPI: Options = Object.fromEntries(['preset', 'year', 'from', 'to', 'scope'].map((flag) => [flag, { type: 'string' }]));

const COMMANDS: Record<string, Command> = {
  setup: {
    usage: ['marshrut setup [--out DIR]', 'настроить книгу и записать DIR/workbook.xlsx'],
    options: OUT,
    async run(values) {
      const out = outDir(values);
      await finish(setUp(), out);
    },
  },
  run: {
    usage: [
      'marshrut run --data DIR [--out DIR] [--preset ID] [--year ГГГГ | --from ДАТА --to ДАТА] [--scope КОД_ОО] ' +
        '[--owner E-MAIL] [--methodists АДРЕСА] [--ministry АДРЕСА] [--verbose]',
      'загрузить CSV (справочники и выгрузки Google Форм), пересчитать показатели, записать DIR/workbook.xlsx, ' +
        'DIR/intake.json, DIR/kpi.json, DIR/dashboard.html, сводки DIR/mail и DIR/timings.json (--verbose: показать этапы); ' +
        'владелец книги и получатели писем — из --owner, --methodists, --ministry или settings.csv в папке данных',
    ],
    options: { ...OUT, data: { type: 'string' }, ...KPI, ...ADDRESSES, ...VERBOSE },
    async run(values) {
      if (typeof values.data !== 'string') throw new InputError('Укажите папку с CSV: --data DIR');
      const kpi = kpiOptions(values);
      await runImport(values.data, outDir(values), kpi, values.verbose === true, addressFlags(values));
    },
  },
  region: {
    usage: [
      'marshrut region --municipal DIR1 DIR2 … [--out DIR] [--preset ID] [--region НАЗВАНИЕ] [--ministry АДРЕСА]',
      'свести показатели муниципалитетов (папки, записанные «run --out»): DIR/region.xlsx, DIR/region.json и DIR/dashboard.html',
    ],
    options: {
      ...OUT,
      municipal: { type: 'string', multiple: true },
      preset: { type: 'string' },
      region: { type: 'string' },
      ministry: { type: 'string' },
    },
    listFlag: 'municipal',
    async run(values) {
      const municipal = (values.municipal ?? []) as string[];
      if (!municipal.length) throw new UsageError('Укажите папки муниципалитетов: --municipal DIR1 DIR2 …');
      const preset = typeof values.preset === 'string' ? values.preset.trim() : undefined;
      if (preset !== undefined && !PRESET_IDS.includes(preset))
        throw new UsageError(`Неизвестный набор показателей «${preset}». Доступны: ${PRESET_IDS.join(', ')}.`);
      const out = outDir(values);
      const region = typeof values.region === 'string' && values.region.trim() ? values.region.trim() : undefined;
      const ministry = typeof values.ministry === 'string' ? splitAddresses(values.ministry) : undefined;
      const notEmail = ministry?.find((a) => !isEmail(a));
      if (notEmail !== undefined)
        throw new UsageError(`--ministry: «${notEmail}» — не e-mail. Укажите адреса через запятую: --ministry a@minobr.ru,b@minobr.ru`);
      const written = await runRegion({ municipal, out, preset, region, ministry }, say);
      say(`Записано: ${written.xlsx}`);
      say(`Записано: ${written.json}`);
      say(`Записано: ${written.dashboard}`);
    },
  },
  demo: {
    usage: ['marshrut demo [--out DIR] [--verbose]', 'сгенерировать муниципалитет (12 ОО, ~850 педагогов) и прогнать его'],
    options: { ...OUT, ...VERBOSE },
    async run(values) {
      const out = outDir(values);
      const data = join(out, 'data');
      writeMunicipality(data, generateMunicipality(storyOptions(DEMO_MUNICIPALITY)));
      say(`Сгенерирован муниципалитет: ${data}`);
      await runImport(data, out, {}, values.verbose === true);
    },
  },
  story: {
    usage: [
      'marshrut story [--out DIR]',
      'вся история (npm start): три муниципалитета разного размера — приём, показатели, письма, дашборды — и региональная сводка',
    ],
    options: OUT,
    async run(values) {
      await runStory(outDir(values), {
        say,
        runMunicipality: (data, out) => runImport(data, out, {}, false),
        runRegion: (municipal, out, region) => runRegion({ municipal, out, region: region.name, ministry: [region.ministry] }, say),
      });
    },
  },
};

const HELP = new Set(['help', '--help', '-h']);

function usage(): string {
  const rows = [...Object.values(COMMANDS).map((c) => c.usage), ['marshrut help', 'эта справка'] as const];
  // The synopsis on its line, what it does under it: long synopses would push a table's second column off screen.
  const lines = rows.flatMap(([synopsis, description]) => [`  ${synopsis}`, `      ${description}`]);
  return ['Использование:', ...lines, '', 'По умолчанию --out out.'].join('\n');
}

/** The output folder: created if absent; a file in its place is an input error, said in Russian. */
function outDir(values: Values): string {
  const out = resolve(typeof values.out === 'string' ? values.out : 'out');
  if (existsSync(out) && !statSync(out).isDirectory()) throw new InputError(`--out указывает на файл, а нужна папка: ${out}`);
  return out;
}

/** A new workbook set up by `owner` (who ran «Настроить книгу»: the letters go in her name), or the local default. */
function setUp(owner?: string): LocalWorkbook {
  const workbook = openLocalWorkbook({ user: owner });
  workbook.menu('menuSetupWorkbook');
  say(
    'Книга настроена: ' +
      workbook.spreadsheet
        .getSheets()
        .map((s) => s.getName())
        .join(', '),
  );
  return workbook;
}

async function finish(workbook: LocalWorkbook, out: string, imported?: FolderImport): Promise<void> {
  mkdirSync(out, { recursive: true });
  await exportWorkbookXlsx(workbook.spreadsheet, join(out, 'workbook.xlsx'));
  say(`Записано: ${join(out, 'workbook.xlsx')}`);
  if (imported) {
    writeFileSync(join(out, 'intake.json'), JSON.stringify({ ...imported.intake, reference: imported.reference }, null, 2));
    say(`Записано: ${join(out, 'intake.json')}`);
  }
}

/** The summary a methodist reads: every reference problem, then per form what was received, accepted, left out. */
function printSummary({ reference, intake }: FolderImport): void {
  for (const report of Object.values(reference)) {
    if (!report.problems.length) continue;
    say(`Замечания к ${report.file}:`);
    for (const p of report.problems) {
      // A cell's message begins with its column («Роли»: «…» нет в списке): the column is said once.
      const column = p.column ? `«${p.column}»: ` : '';
      const message = column && p.message.startsWith(column) ? p.message.slice(column.length) : p.message;
      say(`  ${p.row ? `строка ${p.row}` : 'файл'}${p.column ? `, столбец «${p.column}»` : ''}: ${message}`);
    }
  }
  say('Итоги приёма:');
  for (const form of FORM_IDS) {
    const t = intake[form];
    if (!t.received) continue;
    say(`  «${FORMS[form].title}»: получено ${t.received}, принято ${t.accepted}, в карантине ${t.quarantined}`);
    if (t.unusedColumns.length) say(`      Не использованы столбцы: ${t.unusedColumns.map((c) => `«${c}»`).join(', ')}`);
    for (const note of t.notes) say(`      ${note}`);
    for (const r of t.reasons.slice(0, 3)) say(`      ${r.file ? `${r.file}, ` : ''}строка ${r.row}: ${r.reason}`);
    if (t.reasons.length > 3) say(`      … и ещё ${t.reasons.length - 3} (см. лист «Карантин» и intake.json)`);
  }
}

/** `run` and `demo`: intake, indicators, outputs — each a phase of DIR/timings.json. */
async function runImport(data: string, out: string, kpi: KpiOptions, verbose: boolean, addresses: SettingFlags = {}): Promise<void> {
  csvFilesOf(resolve(data)); // a wrong --data is said before the workbook is set up
  const settings = readRunSettings(resolve(data), addresses);
  const workbook = setUp(settings.owner);
  const timings = new Timings(workbook.runtime.calls);
  const result = importFolder(workbook, resolve(data), say, timings);
  printSummary(result);
  const report = timings.phase('recompute', () => recomputeIndicators(workbook, kpi));
  kpiTable(report).forEach((line) => say(line));
  timings.phase('digests', () => writeDigests(workbook, out, report, settings)).forEach((line) => say(line));
  await timings.phaseAsync('export', async () => {
    await finish(workbook, out, result);
    say(`Записано: ${writeKpiJson(out, report)}`);
    say(`Записано: ${writeDashboardHtml(out, workbook)}`);
  });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // Cells per staff member: what a municipality of a given size takes of Google's 10 million.
  const cells = workbook.spreadsheet.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
  const staff = result.reference.staff?.rows ?? 0;
  const perStaff = staff ? Math.round(cells / staff) : null;
  say(`Ячеек в книге: ${formatCount(cells)} из ${formatCount(CELL_LIMIT)}${perStaff ? `, на педагога ${formatCount(perStaff)}` : ''}`);
  writeFileSync(
    join(out, 'timings.json'),
    JSON.stringify({ phases: timings.phases, peakRssMb, cells, staff, cellsPerStaff: perStaff }, null, 2),
  );
  say(`Записано: ${join(out, 'timings.json')}`);
  if (verbose) [...timings.lines(), `Пик памяти: ${peakRssMb} МБ`].forEach((line) => say(line));
  const unusable = Object.values(result.reference).filter((r) => r.unusable);
  if (unusable.length) throw new InputError(`Справочник не загружен: ${unusable.map((r) => r.file).join(', ')} (см. замечания выше).`);
}

/** `--owner --methodists --ministry`, checked before anything is read: a wrong address is a usage error. */
function addressFlags(values: Values): SettingFlags {
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  try {
    return checkSettingFlags({ owner: text('owner'), methodists: text('methodists'), ministry: text('ministry') });
  } catch (error) {
    if (error instanceof FlagError) throw new UsageError(error.message);
    throw error;
  }
}

/** The indicator flags of `run`, checked before anything is read: a wrong one is a usage error. */
function kpiOptions(values: Values): KpiOptions {
  try {
    return parseKpiOptions(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The command and its flag values; a UsageError for anything the table does not declare. */
function parse(args: string[]): { command: Command; values: Values } | 'help' {
  const [name, ...rest] = args;
  if (name === undefined || HELP.has(name) || rest.some((a) => HELP.has(a))) return 'help';
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Неизвестная команда «${name}».`);
  try {
    if (!command.listFlag)
      return { command, values: parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values };
    return {
      command,
      values: withListFlag(
        name,
        command.listFlag,
        parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: true, tokens: true }),
      ),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error as Error).message;
    const flag = /'([^']+)'/.exec(message)?.[1];
    if (/Unknown option/.test(message)) throw new UsageError(`Неизвестный параметр «${flag}» для команды «${name}».`);
    if (/argument missing/.test(message)) throw new UsageError(`Параметру «${flag?.split(' ')[0]}» нужно значение.`);
    if (/Unexpected argument/.test(message)) throw new UsageError(`Лишний аргумент «${flag}» для команды «${name}».`);
    throw new UsageError(message);
  }
}

/** `--municipal A B --out X`: the words right after the list flag are its values, in order; any other is extra. */
function withListFlag(name: string, flag: string, parsed: { values: Values; tokens: ReturnType<typeof parseArgs>['tokens'] }): Values {
  const list: string[] = [];
  let listing = false;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') {
      listing = token.name === flag;
      if (listing && token.value !== undefined) list.push(token.value);
    } else if (token.kind === 'positional') {
      if (!listing) throw new UsageError(`Лишний аргумент «${token.value}» для команды «${name}».`);
      list.push(token.value);
    }
  }
  return { ...parsed.values, [flag]: list };
}

async function main(args: string[]): Promise<number> {
  const parsed = parse(args);
  if (parsed === 'help') {
    say(usage());
    return 0;
  }
  await parsed.command.run(parsed.values);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`Ошибка: ${error.message}\n\n${usage()}\n`);
      process.exit(2);
    }
    process.stderr.write(`Ошибка: ${error instanceof Error ? error.message : String(error)}\n`);
    // A refusal at the cell limit is a message for the methodist (the numbers, the way out), not a crash.
    if (!(error instanceof InputError) && !(error instanceof CellLimitError) && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
