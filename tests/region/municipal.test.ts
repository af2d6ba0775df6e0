// One municipal workbook as the roll-up reads it (src/core/region/municipal.ts): its «Показатели» parsed by
// readKpiReport, checked against the region's preset, scope and year, or left out with a reason a methodist can act
// on; Google's errors told apart (src/gas/regionSources.ts); links and IDs as methodists paste them.
import type { Cell, TableData } from '../../src/core/ports';
import { presetOf } from '../../src/core/indicators/presets';
import { municipalOutcome, reasonCodeOf, REASONS, type RegionExpectation, type SourceRead } from '../../src/core/region/municipal';
import { workbookIdOf } from '../../src/core/region/workbookId';
import { SHEETS } from '../../src/core/schema/sheets';
import { classifyOpenError } from '../../src/gas/regionSources';

const HEADER = SHEETS.indicators.columns.map((c) => c.header);
const COMPUTED = new Date(2025, 0, 10, 9, 30, 0);

/** «Показатели» as a recompute leaves it: the preset's passports and their computed cells. */
function indicatorsSheet(
  presetId: string,
  options: { computed?: boolean; scope?: string; year?: number; edit?: (row: Record<string, Cell>) => void } = {},
): TableData {
  const year = options.year ?? 2025;
  const rows = presetOf(presetId).rows.map((p, i) => {
    const row: Record<string, Cell> = {
      Код: p.code,
      Показатель: p.title,
      'Ед. изм.': p.unit,
      Расчёт: p.measure,
      Параметры: p.params,
      Период: p.period,
      Сравнение: p.comparison,
      ...(options.computed === false
        ? {}
        : {
            Числитель: i + 1,
            Знаменатель: 10,
            Факт: (100 * (i + 1)) / 10,
            Статус: 'Не выполнен',
            'Период расчёта': `01.01.${year}–31.12.${year}`,
            Охват: options.scope ?? 'Весь муниципалитет',
            Рассчитано: COMPUTED,
          }),
    };
    options.edit?.(row);
    return row;
  });
  return { header: HEADER, rows: rows.map((r) => HEADER.map((h) => r[h] ?? '')) };
}

const expectKlin: RegionExpectation = { preset: presetOf('klin'), year: null, reader: 'region@mo.example', today: 20251001 };
const opened = (indicators: TableData | null, title = 'Клин'): SourceRead => ({ ok: true, title, indicators });
const reasonOf = (read: SourceRead, expect = expectKlin) => municipalOutcome(read, expect).reason;

describe('a workbook the region can sum', () => {
  const outcome = municipalOutcome(opened(indicatorsSheet('klin')), expectKlin);

  test('is in the roll-up with the region’s indicators in its preset’s order, as the municipality computed them', () => {
    expect(outcome.reason).toBeNull();
    expect(outcome.title).toBe('Клин');
    expect(outcome.preset).toBe('klin');
    expect(outcome.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(outcome.computedAt).toBe('2025-01-10T09:30:00');
    expect(outcome.indicators.map((i) => [i.code, i.numerator, i.denominator])).toEqual(
      presetOf('klin').rows.map((r, i) => [r.code, i + 1, 10]),
    );
  });

  test('rows a methodist added of her own are not summed, and do not make it «another preset»', () => {
    const own = indicatorsSheet('klin');
    const extra = HEADER.map(
      (h) =>
        ({ Код: 'М1', Показатель: 'Своё', Расчёт: 'count_events', 'Период расчёта': '01.01.2025–31.12.2025', Рассчитано: COMPUTED })[h] ??
        '',
    );
    const outcome2 = municipalOutcome(opened({ header: HEADER, rows: [...own.rows, extra] }), expectKlin);
    expect(outcome2.reason).toBeNull();
    expect(outcome2.indicators.map((i) => i.code)).not.toContain('М1');
  });

  test('the same year as the region’s «Отчётный год»', () => {
    expect(reasonOf(opened(indicatorsSheet('klin', { year: 2024 })), { ...expectKlin, year: 2024 })).toBeNull();
  });
});

describe('a workbook left out, with its reason', () => {
  test('no «Показатели» sheet', () => {
    expect(reasonOf(opened(null))).toBe('Нет показателей: в книге нет листа «Показатели» — это не книга «Маршрута» или она не настроена.');
  });

  test('no preset loaded yet', () => {
    expect(reasonOf(opened({ header: HEADER, rows: [] }))).toMatch(/^Нет показателей: набор показателей не загружен/);
  });

  test('loaded but never recomputed', () => {
    const outcome = municipalOutcome(opened(indicatorsSheet('klin', { computed: false })), expectKlin);
    expect(outcome.reason).toBe(
      'Нет показателей: показатели ещё не рассчитаны (в книге муниципалитета: «Маршрут → Показатели…» → «Пересчитать»).',
    );
    expect(outcome.preset).toBe('klin');
  });

  test('another preset: named when it is one of the five', () => {
    expect(reasonOf(opened(indicatorsSheet('seversk')))).toBe(
      'Другой набор показателей: в книге — набор «seversk», а регион сводит набор «klin».',
    );
  });

  test('the region’s preset edited so that a row counts something else: its codes are named', () => {
    const edited = indicatorsSheet('klin', {
      edit: (r) => {
        if (r['Код'] === '8.2') r['Параметры'] = 'население=учителя';
      },
    });
    const outcome = municipalOutcome(opened(edited), expectKlin);
    expect(outcome.preset).toBe('свой');
    expect(outcome.reason).toBe(
      'Другой набор показателей: регион сводит набор «klin», а в книге нет его показателей «8.2» или они считаются иначе (расчёт, параметры).',
    );
  });

  test('the same preset with other spaces or letter case in «Параметры» is the same preset', () => {
    const spaced = indicatorsSheet('klin', {
      edit: (r) => {
        if (r['Код'] === '3') r['Параметры'] = 'Население = Учителя';
      },
    });
    expect(reasonOf(opened(spaced))).toBeNull();
  });

  test('last recomputed for one ОО only', () => {
    expect(reasonOf(opened(indicatorsSheet('klin', { scope: 'ОО-7' })))).toBe(
      'Расчёт не по всему муниципалитету: последний пересчёт — только по ОО «ОО-7». Пересчитайте показатели для всего муниципалитета.',
    );
  });

  test('another year than the region’s', () => {
    expect(reasonOf(opened(indicatorsSheet('klin', { year: 2023 })), { ...expectKlin, year: 2024 })).toBe(
      'Другой год: показатели рассчитаны за 2023 год, а сводка — за 2024. Пересчитайте их за 2024 год.',
    );
  });

  test('no access, not found, or another failure of Google (its words kept)', () => {
    expect(reasonOf({ ok: false, code: 'noAccess', message: '' })).toBe(
      'Нет доступа: книга не открыта для region@mo.example. Попросите её владельца дать этому адресу доступ хотя бы на просмотр.',
    );
    expect(reasonOf({ ok: false, code: 'notFound', message: '' })).toMatch(
      /^Книга не найдена: её удалили, ссылка неверна или у вас нет к ней доступа/,
    );
    expect(reasonOf({ ok: false, code: 'failed', message: 'Service Spreadsheets timed out while accessing document with id 1x.' })).toBe(
      'Не удалось прочитать: Service Spreadsheets timed out while accessing document with id 1x. Обновите сводку ещё раз позже.',
    );
  });

  test('every reason’s code is read back from its text', () => {
    for (const code of Object.keys(REASONS) as (keyof typeof REASONS)[]) expect(reasonCodeOf(`${REASONS[code]}: что-то`)).toBe(code);
    expect(reasonCodeOf('что-то своё')).toBeNull();
  });
});

describe('Google’s errors of openById', () => {
  test.each([
    ['You do not have permission to access the requested document.', 'noAccess'],
    ['У вас нет разрешения на доступ к запрашиваемому документу.', 'noAccess'],
    ["Document 1AbC is missing (perhaps it was deleted, or you don't have read access?)", 'notFound'],
    ['Unexpected error while getting the method or property openById on object SpreadsheetApp.', 'notFound'],
    ['Документ 1AbC отсутствует (возможно, он был удален).', 'notFound'],
    ['Service Spreadsheets failed while accessing document with id 1AbC.', 'failed'],
  ])('«%s» → %s', (message, code) => {
    expect(classifyOpenError(message)).toEqual({ ok: false, code, message });
  });
});

describe('a workbook as a methodist pastes it', () => {
  const ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
  test.each([
    [ID, ID],
    [`  ${ID}  `, ID],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`, ID],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit?usp=sharing`, ID],
    [`docs.google.com/spreadsheets/u/1/d/${ID}/htmlview`, ID],
    [`https://docs.google.com/spreadsheet/ccc?key=${ID}#gid=0`, ID],
    [`https://drive.google.com/open?id=${ID}`, ID],
    [`«https://docs.google.com/spreadsheets/d/${ID}/edit»`, ID],
  ])('%s', (text, id) => {
    expect(workbookIdOf(text)).toBe(id);
  });

  test.each([
    '',
    'моя таблица',
    'https://example.com/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUq/edit',
    'https://docs.google.com/spreadsheets/',
    'ⓘ Вставьте ссылки',
    'short',
  ])('not a workbook: «%s»', (text) => {
    expect(workbookIdOf(text)).toBeNull();
  });
});
