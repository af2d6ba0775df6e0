// `marshrut` — the local runner: the add-on's own bundle over the local Apps Script runtime, no Google account.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FORMS, FORM_IDS } from '../core/schema/forms';
import type { IntakeReport } from '../core/intake/pipeline';
import { openLocalWorkbook, type LocalWorkbook } from './localWorkbook';
import { importFolder, InputError } from './importFolder';
import { exportWorkbookXlsx } from './xlsx';
import { generateMunicipality, writeMunicipality } from './demo/municipality';

const USAGE = `Использование:
  marshrut setup --out DIR            настроить книгу и записать DIR/workbook.xlsx
  marshrut run --data DIR --out DIR   загрузить CSV (справочники и выгрузки Google Форм), записать workbook.xlsx и intake.json
  marshrut demo --out DIR             сгенерировать муниципалитет (12 ОО, ~850 педагогов) и прогнать его через приём`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function setUp(): LocalWorkbook {
  const workbook = openLocalWorkbook();
  workbook.menu('menuSetupWorkbook');
  say('Книга настроена: ' + workbook.spreadsheet.getSheets().map((s) => s.getName()).join(', '));
  return workbook;
}

async function finish(workbook: LocalWorkbook, out: string, intake?: IntakeReport): Promise<void> {
  mkdirSync(out, { recursive: true });
  await exportWorkbookXlsx(workbook.spreadsheet, join(out, 'workbook.xlsx'));
  say(`Записано: ${join(out, 'workbook.xlsx')}`);
  if (intake) {
    writeFileSync(join(out, 'intake.json'), JSON.stringify(intake, null, 2));
    say(`Записано: ${join(out, 'intake.json')}`);
  }
}

function printSummary(intake: IntakeReport): void {
  say('Итоги приёма:');
  for (const form of FORM_IDS) {
    const t = intake[form];
    if (!t.received) continue;
    say(`  «${FORMS[form].title}»: получено ${t.received}, принято ${t.accepted}, в карантине ${t.quarantined}`);
    for (const r of t.reasons.slice(0, 3)) say(`      строка ${r.row}: ${r.reason}`);
    if (t.reasons.length > 3) say(`      … и ещё ${t.reasons.length - 3} (см. лист «Карантин» и intake.json)`);
  }
}

async function runImport(data: string, out: string): Promise<void> {
  const workbook = setUp();
  const result = importFolder(workbook, resolve(data), say);
  printSummary(result.intake);
  await finish(workbook, out, result.intake);
}

async function main(args: string[]): Promise<number> {
  const [command] = args;
  const out = resolve(option(args, '--out') ?? 'out');
  switch (command) {
    case 'setup':
      await finish(setUp(), out);
      return 0;
    case 'run': {
      const data = option(args, '--data');
      if (!data) throw new InputError('Укажите папку с CSV: --data DIR');
      await runImport(data, out);
      return 0;
    }
    case 'demo': {
      const data = join(out, 'data');
      writeMunicipality(data, generateMunicipality());
      say(`Сгенерирован муниципалитет: ${data}`);
      await runImport(data, out);
      return 0;
    }
    default:
      say(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Ошибка: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!(error instanceof InputError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
