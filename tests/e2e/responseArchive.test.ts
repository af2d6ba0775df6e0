// «Маршрут → Перенести обработанные ответы в архив…» through build/Code.js (issue 17 point 2: «processed response
// rows move to an archive spreadsheet — rebuild reads both»). A generated municipality is taken in as `marshrut run`
// does; then answers the drain has processed move, nothing lost, while answers still queued (new rows past the
// watermark, an edited row's mark) stay; a rebuild afterwards gives the registers it gave before; a second archive
// moves only what was processed since. The tests run in order and build on each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMS, FORM_IDS, type FormId } from '../../src/core/schema/forms';
import type { RegisterId } from '../../src/core/schema/sheets';
import { generateMunicipality, writeMunicipality } from '../../src/local/demo/municipality';
import { importFolder } from '../../src/local/importFolder';
import { aTickLater, FIXED_NOW, openBuiltWorkbook, plain, registerPicture, rowsOf, sheetOf } from '../support/e2eBuild';

const REGISTERS: RegisterId[] = ['iom', 'diagnostics', 'events', 'participation', 'mentoring'];
const responseSheet = (id: FormId) => `Ответы — ${FORMS[id].title}`;
const cellsOf = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
  ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

describe('the archive of processed answers', () => {
  const wb = openBuiltWorkbook({ now: FIXED_NOW });
  const rt = wb.runtime;
  const dir = mkdtempSync(join(tmpdir(), 'marshrut-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  wb.menu('menuSetupWorkbook');
  writeMunicipality(dir, generateMunicipality({ seed: 7, staff: 180, organizations: 6 }));
  importFolder(wb, dir);

  const form = (id: FormId) => rt.forms.all().find((f) => f.getTitle() === FORMS[id].title)!;
  const rows = (id: FormId) => plain(sheetOf(wb, responseSheet(id)).getDataRange().getValues());
  const archiveBook = () => rt.spreadsheets.all().find((s) => s.getName().endsWith('— архив ответов форм'));
  const archived = (id: FormId) => plain(archiveBook()!.getSheetByName(responseSheet(id))!.getDataRange().getValues());
  /**
   * The registers, each row as it reads, in no order: a rebuild replays answers by the time they were sent, so an
   * edited answer's row moves to its edit time (as it does in a rebuild without an archive).
   */
  const registers = () =>
    Object.fromEntries(
      REGISTERS.map((id) => {
        const [header, ...data] = registerPicture(wb, id);
        return [id, [header, ...data.map((r) => JSON.stringify(r)).sort()]];
      }),
    );
  const archive = () => {
    rt.ui.nextAlertResponse('YES');
    wb.menu('menuArchiveResponses');
    return rt.ui.alerts.at(-1)!.message;
  };
  const event = (title: string) => ({
    'Название мероприятия': title,
    'Вид мероприятия': 'Семинар',
    Уровень: 'Муниципальный',
    'Дата начала': new Date(2025, 8, 20),
  });
  const responseIdOf = (id: FormId, row: number) => `${sheetOf(wb, responseSheet(id)).getSheetId()}:${row}`;

  /** All rows each response sheet held before the first move (header first), in order. */
  const original = {} as Record<FormId, unknown[][]>;
  let processedBefore: ReturnType<typeof registers>;
  let cellsBefore = 0;
  let queuedRow = 0;
  let editedRow = 0;
  const iomRows = () => rows('iom').length - 1;

  test('answers still queued: two new IOMs past the watermark, and an edit of a processed one (a mark)', () => {
    expect(iomRows()).toBeGreaterThan(20);
    processedBefore = registers();
    const text = (response: GoogleAppsScript.Forms.FormResponse, title: string) =>
      String(
        response
          .getItemResponses()
          .find((r) => r.getItem().getTitle() === title)!
          .getResponse(),
      );
    const [sample] = form('iom').getResponses();
    for (const n of [1, 2])
      rt.forms.submit(form('iom'), {
        email: `ochered${n}@school.example`,
        answers: {
          'ФИО педагога': `Очередная Анна ${n === 1 ? 'Петровна' : 'Ивановна'}`,
          'Образовательная организация': text(sample!, 'Образовательная организация'),
          Должность: text(sample!, 'Должность'),
          'Начало реализации ИОМ': new Date(2025, 8, 15),
          'Статус ИОМ': text(sample!, 'Статус ИОМ'),
          'Куратор ИОМ': `Куратор в очереди ${n}`,
        },
      });
    queuedRow = rows('iom').length; // the last new answer's row
    // A queued event in a sheet with no mark: only the watermark says it waits.
    rt.forms.submit(form('events'), { answers: event('Семинар в очереди') });
    // An answer in the middle of the sheet, already processed, is edited: its row waits again.
    const middle = form('iom').getResponses()[10]!;
    editedRow = rt.forms.rowOf(middle.getId())!;
    rt.forms.editResponse(middle.getId(), { 'Куратор ИОМ': 'Куратор после правки' }, new Date(rt.now().getTime() + 1000));
    expect(registers()).toEqual(processedBefore); // nothing drained yet
    for (const id of FORM_IDS) original[id] = rows(id);
    cellsBefore = cellsOf(wb.spreadsheet);
  });

  test('the first archive moves every processed row exactly, and says how many and how many cells it freed', () => {
    const toastsBefore = rt.ui.toasts.length;
    const message = archive();
    // While it moves, a toast per response sheet says which one and how many answers (minutes at 100k answers).
    const progress = rt.ui.toasts.slice(toastsBefore).map((t) => t.message);
    expect(progress[0]).toBe('Переношу обработанные ответы в архив…');
    expect(progress.slice(1)).toEqual(
      FORM_IDS.map((id, i) => [id, i] as const)
        .filter(([id]) => archived(id).length > 1)
        .map(
          ([id, i]) =>
            `Переношу в архив «${responseSheet(id)}»: ответов ${group(archived(id).length - 1)} (лист ${i + 1} из ${FORM_IDS.length})…`,
        ),
    );
    let moved = 0;
    for (const id of FORM_IDS) {
      const [header, ...data] = original[id];
      const kept = rows(id);
      const gone = archived(id);
      // Nothing lost, nothing doubled: the archive and the sheet together are the sheet as it was, in order.
      expect(gone[0]).toEqual(header);
      expect(kept[0]).toEqual(header);
      expect([...gone.slice(1), ...kept.slice(1)]).toEqual(data);
      moved += gone.length - 1;
    }
    // The IOM sheet keeps the edited row and all below it, «Журнал» its queued event; the others keep nothing.
    expect(archived('iom')).toHaveLength(editedRow - 1);
    expect(rows('iom')).toHaveLength(original.iom.length - (editedRow - 2));
    expect(rows('events').slice(1)).toEqual(original.events.slice(-1));
    for (const id of FORM_IDS.filter((f) => f !== 'iom' && f !== 'events')) expect(rows(id)).toHaveLength(1);
    const freed = cellsBefore - cellsOf(wb.spreadsheet);
    expect(freed).toBeGreaterThanOrEqual(moved * 3);
    expect(message).toContain(`Перенесено ответов: ${group(moved)}.`);
    expect(message).toContain(`Освобождено ячеек: ${group(freed)}.`);
    expect(message).toContain(`Ждут разбора и остались на листах ответов: ${original.iom.length - editedRow + 2};`);
    expect(rowsOf(wb, 'settings').find((r) => r['Параметр'] === 'Архив ответов форм')?.['Значение']).toBe(archiveBook()!.getUrl());
    expect(registers()).toEqual(processedBefore); // the registers do not change
    expect(rt.lock.held).toBe(false);
  });

  test('the queued answers are taken in afterwards with the ids they were sent with', () => {
    aTickLater(wb);
    const iom = rowsOf(wb, 'iom');
    const queued = iom.find((r) => r['Куратор ИОМ'] === 'Куратор в очереди 2');
    expect(queued?.['ID ответа']).toBe(responseIdOf('iom', queuedRow));
    const edited = iom.filter((r) => r['ID ответа'] === responseIdOf('iom', editedRow));
    expect(edited).toHaveLength(1); // the edit updated its row, it did not add one
    expect(edited[0]!['Куратор ИОМ']).toBe('Куратор после правки');
    expect(iom.filter((r) => String(r['Куратор ИОМ']).startsWith('Куратор в очереди'))).toHaveLength(2);
    const events = rowsOf(wb, 'events').filter((r) => r['Название мероприятия'] === 'Семинар в очереди');
    expect(events.map((r) => r['ID ответа'])).toEqual([responseIdOf('events', original.events.length)]);
  });

  let registersNow: ReturnType<typeof registers>;
  test('a rebuild after the archive gives the registers as they were: it reads the archive and the sheets', () => {
    registersNow = registers();
    rt.ui.nextAlertResponse('YES');
    wb.menu('menuRebuildRegisters');
    expect(rt.ui.alerts.at(-1)!.title).toBe('Реестры пересобраны');
    expect(registers()).toEqual(registersNow);
  });

  test('a second archive moves only the rows processed since; the archive holds every row once, in order', () => {
    const left = iomRows() + 1;
    const message = archive();
    expect(message).toContain(`Перенесено ответов: ${group(left)}.`);
    expect(archived('events').slice(1)).toEqual(original.events.slice(1));
    expect(archived('iom').slice(1)).toEqual(original.iom.slice(1));
    expect(rows('iom')).toHaveLength(1);
    expect(rt.spreadsheets.all().filter((s) => s.getName().endsWith('— архив ответов форм'))).toHaveLength(1);
    expect(archive()).toBe('Обработанных ответов на листах ответов нет: переносить нечего.');
  });

  test('a new answer after both moves gets a new id, and the rebuild still gives the same registers', () => {
    rt.forms.submit(form('events'), { answers: event('Семинар после архива') });
    aTickLater(wb);
    const added = rowsOf(wb, 'events').filter((r) => r['Название мероприятия'] === 'Семинар после архива');
    expect(added).toHaveLength(1);
    expect(added[0]!['ID ответа']).toBe(responseIdOf('events', original.events.length + 1));
    const now = registers();
    rt.ui.nextAlertResponse('YES');
    wb.menu('menuRebuildRegisters');
    expect(registers()).toEqual(now);
  });
});
