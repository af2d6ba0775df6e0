// Google may stop «Перенести обработанные ответы в архив…» at any service call (the 6-minute limit, a quota): swept
// over every call of the move, what the stopped run left is finished by whatever comes next — the scheduler's drain,
// the next archive — and nothing is lost or doubled: the archive and the response sheets together hold every answer
// once, in order, the drain takes nothing in twice, and a rebuild gives the registers the workbook had.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMS, FORM_IDS, type FormId } from '../../src/core/schema/forms';
import type { RegisterId } from '../../src/core/schema/sheets';
import { generateMunicipality, writeMunicipality } from '../../src/local/demo/municipality';
import { importFolder } from '../../src/local/importFolder';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { aTickLater, FIXED_NOW, openBuiltWorkbook, plain, registerPicture, rowsOf, sheetOf } from '../support/e2eBuild';

jest.setTimeout(120_000);

const REGISTERS: RegisterId[] = ['iom', 'diagnostics', 'events', 'participation', 'mentoring'];
const ARCHIVE_RUN = /^menuArchiveResponses$/;
const WRITE = /^(SpreadsheetApp\.(create|flush)|\w+\.(set|insert|delete|clear|append|remove|copy|move)\w*)$/;
const responseSheet = (id: FormId) => `Ответы — ${FORMS[id].title}`;

const data = mkdtempSync(join(tmpdir(), 'marshrut-archive-stops-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));
writeMunicipality(data, generateMunicipality({ seed: 11, staff: 12, organizations: 1 }));

function takenIn(): LocalWorkbook {
  const wb = openBuiltWorkbook({ now: FIXED_NOW });
  wb.menu('menuSetupWorkbook');
  importFolder(wb, data);
  // The registers as a rebuild gives them (a rebuild replaces a form record's edits, which is not the archive's doing).
  rebuildRegisters(wb);
  return wb;
}

const rows = (wb: LocalWorkbook, id: FormId) => plain(sheetOf(wb, responseSheet(id)).getDataRange().getValues());
/** The archive the workbook records; a run stopped right after creating one leaves another, empty (checked). */
function archiveBook(wb: LocalWorkbook): GoogleAppsScript.Spreadsheet.Spreadsheet | undefined {
  const props = (wb.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  const id = (JSON.parse(props.getProperty('marshrut.responseArchive') ?? '{}') as { id?: string }).id;
  return wb.runtime.spreadsheets.all().find((s) => s.getId() === id);
}
const archiveBooks = (wb: LocalWorkbook) => wb.runtime.spreadsheets.all().filter((s) => s.getName().endsWith('— архив ответов форм'));
function archived(wb: LocalWorkbook, id: FormId): unknown[][] {
  const sheet = archiveBook(wb)?.getSheetByName(responseSheet(id));
  return sheet ? plain(sheet.getDataRange().getValues()) : [];
}
/** Each register's rows as they read, in no order (a rebuild replays answers by the time they were sent). */
const registers = (wb: LocalWorkbook) =>
  Object.fromEntries(
    REGISTERS.map((id) => [
      id,
      registerPicture(wb, id)
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
function rebuildRegisters(wb: LocalWorkbook): void {
  wb.runtime.ui.nextAlertResponse('YES');
  wb.menu('menuRebuildRegisters');
}
function archive(wb: LocalWorkbook): void {
  wb.runtime.ui.nextAlertResponse('YES');
  wb.menu('menuArchiveResponses');
}

test('a stop at any service call of the move: every answer kept once, the drain and a rebuild give the same registers', () => {
  const clean = takenIn();
  clean.runtime.executions.traceCalls();
  archive(clean);
  const run = clean.runtime.executions.log.find((e) => ARCHIVE_RUN.test(e.label))!;
  expect(run.outcome).toBe('ok');
  expect(run.calls).toBeGreaterThan(20);
  // A stop at a read is a stop before the next write: every write's call, and the call after it.
  const points = [...new Set(run.members!.flatMap((member, i) => (WRITE.test(member) ? [i + 1, i + 2] : [])))].filter(
    (call) => call <= run.calls,
  );
  expect(points.length).toBeGreaterThan(20);
  const stopped = new Set<number>();

  const faults: string[] = [];
  for (const call of points) {
    const wb = takenIn();
    // Each workbook's own (response ids carry its sheets' ids).
    const original = Object.fromEntries(FORM_IDS.map((id) => [id, rows(wb, id)])) as Record<FormId, unknown[][]>;
    const before = registers(wb);
    wb.runtime.executions.kill({ into: ARCHIVE_RUN, atCall: call });
    try {
      archive(wb);
    } catch {
      // the stop itself: Google's «Exceeded maximum execution time»
    }
    if (wb.runtime.executions.log.at(-1)!.outcome === 'killed') stopped.add(call);
    const check = (when: string, sheets = true) => {
      for (const id of sheets ? FORM_IDS : []) {
        const kept = [...archived(wb, id).slice(1), ...rows(wb, id).slice(1)];
        if (JSON.stringify(kept) !== JSON.stringify(original[id].slice(1)))
          faults.push(`${call} ${when}: «${responseSheet(id)}» ${kept.length} строк вместо ${original[id].length - 1}`);
      }
      if (JSON.stringify(registers(wb)) !== JSON.stringify(before)) faults.push(`${call} ${when}: реестры изменились`);
      const link = rowsOf(wb, 'settings').find((r) => r['Параметр'] === 'Архив ответов форм')?.['Значение'];
      if (sheets && link !== archiveBook(wb)?.getUrl()) faults.push(`${call} ${when}: в «Настройках» не та ссылка на архив`);
      const others = archiveBooks(wb).filter((s) => s !== archiveBook(wb));
      if (others.some((s) => s.getSheets().some((sheet) => sheet.getLastRow() > 0)))
        faults.push(`${call} ${when}: ответы во втором архиве`);
    };
    aTickLater(wb); // the scheduler's drain after the stop: nothing taken in twice (the archive is rewritten below)
    check('после разбора', false);
    const step = (when: string, run: () => void) => {
      try {
        run();
        check(when);
      } catch (error) {
        faults.push(`${call} ${when}: ${(error as Error).message}`);
      }
    };
    step('после повторного переноса', () => archive(wb)); // the methodist runs the command again
    step('после пересборки', () => rebuildRegisters(wb));
  }
  expect(faults).toEqual([]);
  expect(stopped.size).toBe(points.length);
});

test('an answer edited while a stopped move waits to be finished is taken in, in the row it will have', () => {
  const wb = takenIn();
  const rt = wb.runtime;
  const iom = rt.forms.all().find((f) => f.getTitle() === FORMS.iom.title)!;
  const responses = iom.getResponses();
  expect(responses.length).toBeGreaterThan(8);
  const curator = (text: string) => ({ 'Куратор ИОМ': text });
  const at = (ms: number) => new Date(rt.now().getTime() + ms);
  // An edit in the middle waits (a mark): the move takes the rows above it only.
  rt.forms.editResponse(responses[4]!.getId(), curator('Куратор после первой правки'), at(1000));
  rt.executions.kill({ into: ARCHIVE_RUN, member: 'Sheet.deleteRows', atCall: 1 });
  expect(() => archive(wb)).toThrow('Exceeded maximum execution time');
  const moved = archived(wb, 'iom').length - 1;
  expect(moved).toBe(rt.forms.rowOf(responses[4]!.getId())! - 2); // counted as moved, still on the sheet
  // Below the moved rows, a processed answer is edited before anything finishes the move.
  const later = responses[7]!;
  rt.forms.editResponse(later.getId(), curator('Куратор после второй правки'), at(2000));
  aTickLater(wb);
  const byId = (id: string) => {
    const row = rt.forms.rowOf(id)!;
    return rowsOf(wb, 'iom').find((r) => r['ID ответа'] === `${sheetOf(wb, responseSheet('iom')).getSheetId()}:${row + moved}`);
  };
  expect(rows(wb, 'iom')).toHaveLength(responses.length - moved + 1); // the drain finished the move
  expect(byId(responses[4]!.getId())?.['Куратор ИОМ']).toBe('Куратор после первой правки');
  expect(byId(later.getId())?.['Куратор ИОМ']).toBe('Куратор после второй правки');
});
