// The indicator use cases over the real Sheets adapters and the local fakes (no bundle): presets loaded into
// «Показатели», a recompute that writes only the computed columns (one call per output), notes, status colours,
// «Показатели по ОО», and the report read back from the sheets.
import { createLocalRuntime } from '../../src/local/runtime';
import { setupWorkbook } from '../../src/gas/setupWorkbook';
import { SheetsWorkbookPort } from '../../src/gas/workbookPort';
import { SheetsKpiOutput } from '../../src/gas/indicatorSheets';
import { loadPreset, recomputeKpi, uncoveredList, type KpiDeps } from '../../src/core/indicators/service';
import { readKpiReport } from '../../src/core/indicators/report';
import { Workbook } from '../../src/core/workbook';
import { submit } from '../../src/core/intake/service';
import { SHEETS, type SheetId } from '../../src/core/schema/sheets';
import type { Cell } from '../../src/core/ports';
import { unwrap } from '../../src/local/fakes/strict';
import type { FakeSheet } from '../../src/local/fakes/spreadsheet/sheet';
import type { Rows } from '../support/memoryWorkbook';
import { REGISTERS } from './fixture';

const NOW = () => new Date(2025, 1, 3, 10, 30);

function workbookWith(registers: Partial<Record<SheetId, Rows>> = REGISTERS) {
  const runtime = createLocalRuntime({ now: NOW, activeUserEmail: 'metodist@klin.example' });
  Object.assign(globalThis, runtime.globals);
  const spreadsheet = runtime.spreadsheets.create('Тест');
  runtime.spreadsheets.setActive(spreadsheet);
  setupWorkbook(spreadsheet);
  for (const [id, rows] of Object.entries(registers) as [SheetId, Rows][]) {
    const sheet = spreadsheet.getSheetByName(SHEETS[id].name)!;
    const keys = SHEETS[id].columns.map((c) => c.key);
    if (rows.length) sheet.getRange(2, 1, rows.length, keys.length).setValues(rows.map((r) => keys.map((k) => r[k] ?? '')));
  }
  const deps: KpiDeps = {
    workbook: new SheetsWorkbookPort(spreadsheet),
    lock: { withLock: (fn) => fn(), tryWithLock: (fn) => fn() },
    clock: { now: NOW },
    actor: 'metodist@klin.example',
    output: new SheetsKpiOutput(spreadsheet),
  };
  const sheet = (id: SheetId) => spreadsheet.getSheetByName(SHEETS[id].name)!;
  const rows = (id: SheetId) => {
    const [header = [], ...data] = sheet(id).getDataRange().getValues();
    return data.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  };
  const column = (id: SheetId, header: string) => sheet(id).getDataRange().getValues()[0]!.indexOf(header) + 1;
  return { runtime, spreadsheet, deps, sheet, rows, column };
}

describe('loading a preset into «Показатели»', () => {
  test('klin: the 11 rows of seed 000 L483–494 with their plans, each citing its line; the choice is remembered', () => {
    const wb = workbookWith({});
    expect(loadPreset(wb.deps, 'klin', 'keep')).toEqual({ preset: 'klin', added: 11, replaced: 0, kept: 0, removed: 0, roadmapAdded: 0 });
    const rows = wb.rows('indicators');
    expect(rows.map((r) => r['Код'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8.1', '8.2', '9', '10']);
    for (const r of rows) expect(r['Источник данных']).toMatch(/^Клин, программа 2023–2025 \(seed 000 L4(8[3-9]|9[0-4])(–488)?\)$/);
    const row4 = rows.find((r) => r['Код'] === '4')!;
    expect([row4['План 2023'], row4['План 2024'], row4['План 2025'], row4['Сравнение']]).toEqual(['', 70, 70, '≤']);
    expect(rows.find((r) => r['Код'] === '3')).toMatchObject({ Расчёт: 'share_dpp', Параметры: 'население=учителя', 'План 2024': 30 });
    expect(wb.rows('settings').find((r) => r['Параметр'] === 'Набор показателей')!['Значение']).toBe('klin');
    expect(wb.rows('audit').at(-1)!['Действие']).toBe(
      'Загрузка набора показателей «klin»: добавлено 11, заменено 0, оставлено 0, убрано 0',
    );
  });

  test('a row the methodist edited stays, unless she chooses to replace; her own rows stay either way', () => {
    const wb = workbookWith({});
    loadPreset(wb.deps, 'klin', 'keep');
    const plan2024 = wb.column('indicators', 'План 2024');
    wb.sheet('indicators').getRange(3, plan2024).setValue(75); // row «2»
    wb.sheet('indicators')
      .getRange(13, 1, 1, 4)
      .setValues([['11', 'Свой показатель', '%', 'count_events']]);
    expect(loadPreset(wb.deps, 'klin', 'keep')).toMatchObject({ added: 0, kept: 11, replaced: 0 });
    expect(wb.sheet('indicators').getRange(3, plan2024).getValue()).toBe(75);
    expect(loadPreset(wb.deps, 'klin', 'replace')).toMatchObject({ added: 0, kept: 10, replaced: 1 });
    expect(wb.sheet('indicators').getRange(3, plan2024).getValue()).toBe(60);
    expect(wb.rows('indicators').map((r) => r['Код'])).toContain(11);
  });

  test('switching to another preset takes the previous preset rows off and keeps the methodist rows', () => {
    const wb = workbookWith({});
    loadPreset(wb.deps, 'klin', 'keep');
    wb.sheet('indicators')
      .getRange(13, 1, 1, 4)
      .setValues([['11', 'Свой показатель', 'ед.', 'count_events']]);
    expect(loadPreset(wb.deps, 'seversk', 'keep')).toMatchObject({ added: 5, removed: 11 });
    const rows = wb.rows('indicators');
    // «Код» is a text column («8.1», «С1»): the methodist's typed 11, written back by the add-on, is the text «11».
    expect(rows.map((r) => r['Код'])).toEqual(['11', '1', '2', '3', '4', '5']);
    expect(rows.find((r) => r['Код'] === '3')).toMatchObject({ 'План 2023': 7, 'План 2024': 10, Параметры: 'население=педагоги' });
    expect(rows.find((r) => r['Код'] === '4')!['Источник данных']).toBe('ЗАТО Северск, приказ № 693 (seed 002 L258–260)');
  });

  test('an unknown preset is refused in Russian', () => {
    expect(() => loadPreset(workbookWith({}).deps, 'moscow', 'keep')).toThrow(
      'Набора показателей «moscow» нет. Доступны: klin, seversk, mo-r503, saratov, yartsevo.',
    );
  });
});

describe('recompute', () => {
  function computed() {
    const wb = workbookWith();
    loadPreset(wb.deps, 'klin', 'keep');
    // The methodist's own work in passport columns: a formula plan and the manual row's answer.
    const plan2025 = wb.column('indicators', 'План 2025');
    wb.sheet('indicators').getRange(3, plan2025).setFormula('=50+10');
    wb.sheet('indicators').getRange(2, wb.column('indicators', 'Факт')).setValue('Да');
    wb.runtime.calls.reset();
    const report = recomputeKpi(wb.deps, { year: 2024 });
    return { wb, report, plan2025 };
  }

  test('writes plan, fact and status into «Показатели»; the passport columns are not written (a formula survives)', () => {
    const { wb, report, plan2025 } = computed();
    expect(wb.sheet('indicators').getRange(3, plan2025).getFormula()).toBe('=50+10');
    const rows = wb.rows('indicators');
    const byCode = (code: string) => rows.find((r) => r['Код'] === code)!;
    // 8.1 «на основе результатов диагностики» (seed 000 L492): of the 5 IOMs of 2024, b1, c1 and b4 follow a diagnostic;
    // a1's diagnostic (01.03.2024) came after its IOM (01.11.2023), a3 has none.
    expect(byCode('8.1')).toMatchObject({
      Числитель: 3,
      Знаменатель: 17,
      План: 60,
      Статус: 'Не выполнен',
      'Период расчёта': '01.01.2024–31.12.2024',
      Охват: 'Весь муниципалитет',
    });
    expect(byCode('8.1')['Факт']).toBeCloseTo((100 * 3) / 17, 10);
    expect(byCode('8.1')['Отклонение']).toBeCloseTo((100 * 3) / 17 - 60, 10);
    expect(byCode('1')).toMatchObject({ Факт: 'Да', План: 'Да', Статус: 'Выполнен', Числитель: '' });
    // 4 «за 1 региональным методистом» (seed 000 L486): m2 alone holds that role.
    expect(byCode('4')).toMatchObject({ Числитель: 17, Знаменатель: 1, Статус: 'Выполнен' });
    expect(byCode('6')).toMatchObject({ Факт: 100, Статус: 'Выполнен' });
    expect(byCode('2')['Рассчитано']).toEqual(NOW());
    expect(report.indicators.map((i) => i.status)).toEqual(rows.map((r) => r['Статус']));
  });

  test('each output sheet is written in one call; each input sheet is read once', () => {
    const { wb } = computed();
    const counts = wb.runtime.calls.counts;
    // Whole sheets: «Организации», «Мероприятия», «Дорожная карта», «Показатели», «Настройки»; the five personal
    // registers by the span of the columns counted (header row included, one call each); the header of «Показатели по ОО».
    expect(counts['Sheet.getDataRange']).toBe(5);
    expect(counts['Range.getValues']).toBe(11);
    expect(counts['Range.setValues']).toBe(2); // «Показатели» computed columns, «Показатели по ОО»
    expect(counts['Range.setNumberFormats']).toBe(1);
    expect(counts['Range.setNotes']).toBe(1);
  });

  test('«Как считается» is a note on each row’s «Факт», and the status colours are conditional formatting (added once)', () => {
    const { wb } = computed();
    const fact = wb.column('indicators', 'Факт');
    const notes = wb.sheet('indicators').getRange(2, fact, 11, 1).getNotes().flat();
    expect(notes[7]).toBe(
      'Доля педагогических и руководящих работников (без методической службы), у которых есть ИОМ (разработан, реализуется, ' +
        'реализован или не реализован), действующий в 2024 году, разработанный на основе диагностики (диагностика не позже начала ИОМ), ' +
        'от их общей численности (по форме ОО-1, где она указана, иначе по списку «Педагоги»).',
    );
    expect(notes.every(Boolean)).toBe(true);
    recomputeKpi(wb.deps, { year: 2024 });
    const rules = unwrap<FakeSheet>(wb.sheet('indicators')).conditionalRules.map(
      (r) => unwrap<{ data: { values: unknown[]; background?: string } }>(r).data,
    );
    expect(rules.map((r) => [r.values[0], r.background])).toEqual([
      ['Выполнен', '#e6f4ea'],
      ['Не выполнен', '#fce8e6'],
      ['Нет данных', '#f1f3f4'],
      ['Нет плана', '#fef7e0'],
    ]);
  });

  test('«Показатели по ОО»: indicator × ОО; a recompute for one ОО replaces the rows (no stale rows left)', () => {
    const { wb } = computed();
    const byOrg = wb.rows('indicatorsByOrg');
    expect(byOrg.find((r) => r['Код ОО'] === 'S2' && r['Код показателя'] === '8.1')).toMatchObject({
      Числитель: 2,
      Знаменатель: 5,
      Факт: 40,
    });
    expect(new Set(byOrg.map((r) => r['Код ОО']))).toEqual(new Set(['S1', 'S2', 'D1']));
    recomputeKpi(wb.deps, { year: 2024, scope: 'S2' });
    expect(new Set(wb.rows('indicatorsByOrg').map((r) => r['Код ОО']))).toEqual(new Set(['S2']));
    expect(wb.rows('indicators').find((r) => r['Код'] === '8.1')).toMatchObject({ Числитель: 2, Знаменатель: 5, Факт: 40, Охват: 'S2' });
  });

  test('the report read back from the sheets is the report the recompute returned', () => {
    const { wb, report } = computed();
    const back = readKpiReport(new Workbook(new SheetsWorkbookPort(wb.spreadsheet)));
    expect(back).toEqual({ ...report, problems: [] });
  });

  test('nothing computed yet: no report to read back', () => {
    expect(readKpiReport(new Workbook(new SheetsWorkbookPort(workbookWith({}).spreadsheet)))).toBeNull();
  });

  test('a person added to «Педагоги» from a form is counted like a roster person', () => {
    const wb = workbookWith({ organizations: REGISTERS.organizations });
    submit(wb.deps, [
      {
        row: 1,
        submission: {
          form: 'iom',
          answers: {
            'ФИО педагога': 'Новая Нина Петровна',
            'Образовательная организация': 'S2',
            Должность: 'Учитель',
            'Начало реализации ИОМ': '01.03.2024',
            'Статус ИОМ': 'Разработан',
          },
          email: '',
          timestamp: new Date(2024, 2, 1, 10),
          responseId: '',
          editUrl: '',
          sourceKey: 't:1',
          source: 'Тест',
        },
      },
    ]);
    expect(wb.rows('staff')).toEqual([expect.objectContaining({ ФИО: 'Новая Нина Петровна', Источник: 'Добавлен из формы' })]);
    wb.sheet('indicators')
      .getRange(2, 1, 1, 4)
      .setValues([['1', 'ИОМ', '%', 'share_iom_developed']]);
    const report = recomputeKpi(wb.deps, { year: 2024 });
    // S2 has no ОО-1 figure: its roster row counts; S1's ОО-1 (10) counts although nobody of S1 is listed.
    expect(report.indicators[0]).toMatchObject({ numerator: 1, denominator: 11 });
  });
});

describe('кто не охвачен', () => {
  test('people in the denominator but not the numerator, by ОО, with the ОО-1 caveat', () => {
    const wb = workbookWith();
    loadPreset(wb.deps, 'klin', 'keep');
    const list = uncoveredList(wb.deps, { year: 2024 }, '8.1');
    // S without an IOM of 2024 that follows a diagnostic: a1 a2 a3 a4 (S1), b2 b3 b5 (S2), c2 (D1).
    expect(list.rows.map((r) => [r.orgCode, r.name, r.detail])).toEqual([
      ['D1', 'c2', 'Руководитель'],
      ['S1', 'a1', 'Учитель'],
      ['S1', 'a2', 'Учитель'],
      ['S1', 'a3', 'Руководитель'],
      ['S1', 'a4', 'Заместитель руководителя'],
      ['S2', 'b2', 'Учитель'],
      ['S2', 'b3', 'Учитель-логопед'],
      ['S2', 'b5', 'Руководитель'],
    ]);
    expect(list.byOrg).toEqual([
      { code: 'D1', name: 'Детский сад «Солнышко»', count: 1 },
      { code: 'S1', name: 'Школа № 1', count: 4 },
      { code: 'S2', name: 'Школа № 2', count: 3 },
    ]);
    expect(list.note).toMatch(/ОО-1/);
    expect(uncoveredList(wb.deps, { year: 2024 }, '8.1', 'S2').rows.map((r) => r.name)).toEqual(['b2', 'b3', 'b5']);
  });

  test('schools without mentoring (none left, counting both sides of a pair); and no list for a count', () => {
    const wb = workbookWith();
    loadPreset(wb.deps, 'klin', 'keep');
    // klin 7 counts both sides of a management pair (стороны=обе): S1 has the mentee a4, S2 the mentor b5 — none left.
    expect(uncoveredList(wb.deps, { year: 2024 }, '7').rows).toEqual([]);
    expect(uncoveredList(wb.deps, { year: 2024 }, '9')).toMatchObject({
      rows: [],
      note: 'Список «кто не охвачен» составляется только для показателей-долей.',
    });
    expect(() => uncoveredList(wb.deps, { year: 2024 }, '99')).toThrow('Показателя с кодом «99» нет на листе «Показатели».');
  });

  test('roadmap items due and not done by their deadline', () => {
    const wb = workbookWith({ ...REGISTERS, roadmap: [] });
    loadPreset(wb.deps, 'mo-r503', 'keep');
    const names = uncoveredList(wb.deps, { year: 2024 }, '1').rows.map((r) => r.name);
    // The loaded Р-503 items, none done, in P (нарастающим итогом с 01.09.2022): 62 of 63 — 1.3.3 «Еженедельно»
    // (seed 003 L106) has no deadline to count.
    expect(names).toHaveLength(62);
    expect(names).toContain('Пункт 3.5.13: Педагогический коворкинг для учителей предметников');
    expect(names.some((n) => n.startsWith('Пункт 1.3.3:'))).toBe(false);
  });

  test("seversk loads the 9 items of its комплекс мер once; a second load keeps the methodist's marks", () => {
    const wb = workbookWith({ roadmap: [] });
    expect(loadPreset(wb.deps, 'seversk', 'keep').roadmapAdded).toBe(9);
    const rows = wb.rows('roadmap');
    expect(rows.map((r) => r['Пункт'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // seed 002 L315–319: item 4, «до 20 марта 2023 года», with the line it starts on.
    expect(rows[3]).toMatchObject({ Срок: 'до 20 марта 2023 года', Ответственный: 'МАУ ЗАТО Северск «РЦО»', Вид: 'Документ' });
    expect(rows[3]!['Источник']).toMatch(/seed 002\), строка 315$/);
    expect(loadPreset(wb.deps, 'seversk', 'replace').roadmapAdded).toBe(0);
    expect(wb.rows('roadmap')).toHaveLength(9);
  });
});

export type { Cell };
