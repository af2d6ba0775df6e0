// What «Настроить книгу» must add to make a workbook complete: missing sheets, missing columns, missing
// settings. It never removes or reorders anything, so running it again changes nothing.
import { FORMS, type FormId } from './schema/forms';
import { sheetIdsOf, sheetSpec, type ColumnSpec, type SheetId, type SheetSpec, type WorkbookKind } from './schema/sheets';

export interface SheetPlan {
  readonly spec: SheetSpec;
  readonly create: boolean;
  /** Columns to add after the sheet's last column, in schema order. */
  readonly addColumns: readonly ColumnSpec[];
  /** The 1-based column at which `addColumns` start. */
  readonly firstNewColumn: number;
}

/** `headers`: each existing sheet's header row by sheet name (absent = the sheet does not exist). */
export function planSetup(headers: ReadonlyMap<string, readonly string[]>, kind: WorkbookKind = 'municipal'): SheetPlan[] {
  return sheetIdsOf(kind).map((id) => {
    const spec = sheetSpec(id);
    const existing = headers.get(spec.name);
    const present = (existing ?? []).map((h) => String(h).trim());
    const lastFilled = present.reduce((last, h, i) => (h ? i + 1 : last), 0);
    return {
      spec,
      create: existing === undefined,
      addColumns: spec.columns.filter((c) => !present.includes(c.header)),
      firstNewColumn: lastFilled + 1,
    };
  });
}

// -- The first hour: a sheet the add-on has not filled yet says so in its first data row. --------------------------
// The notice is one cell, A2, starting with NOTICE_MARK and nothing else in its row. Readers (the workbook port)
// recognise it and read the sheet as empty; the first write into the sheet clears it and takes its row. People see
// it in grey italics under the header, so nobody takes it for a record.

export const NOTICE_MARK = 'ⓘ';

const fromForm = (form: FormId, extra = '') =>
  `${NOTICE_MARK} Записей пока нет. Они появятся здесь, когда придут ответы на форму «${FORMS[form].title}»${extra}, ` +
  'или после «Маршрут → Импорт ответов из CSV/существующей формы…». Эта строка исчезнет с первой записью.';
const fromImport = (file: string) =>
  `${NOTICE_MARK} Справочник пока пуст. Загрузите ${file} через «Маршрут → Импорт ответов из CSV/существующей формы…» ` +
  'или впишите строки вручную, начиная с этой.';

const NOTICES: Partial<Record<SheetId, string>> = {
  organizations: fromImport('organizations.csv'),
  staff: fromImport('staff.csv'),
  iom: fromForm('iom'),
  diagnostics: fromForm('iom', ' (или загрузят diagnostics.csv)'),
  events: fromForm('events'),
  participation: fromForm('participation'),
  mentoring: fromForm('mentoring'),
  roadmap:
    `${NOTICE_MARK} Пунктов дорожной карты пока нет. Выберите набор «seversk» или «mo-r503» на панели «Показатели» — пункты ` +
    'документа загрузятся сами, — или загрузите roadmap.csv через «Маршрут → Импорт ответов из CSV/существующей формы…».',
  indicators: `${NOTICE_MARK} Паспорта показателей ещё не загружены: здесь появятся показатели выбранного набора и их расчёт.`,
  indicatorsByOrg: `${NOTICE_MARK} Показатели по ОО ещё не рассчитаны.`,
  municipalities:
    `${NOTICE_MARK} Вставьте в этот столбец ссылки на книги муниципалитетов (или их ID), по одной в строке, начиная с этой, ` +
    'или добавьте их на панели «Маршрут → Обновить сводку…».',
  regionIndicators: `${NOTICE_MARK} Сводка появится после «Маршрут → Обновить сводку…».`,
  dashboard:
    `${NOTICE_MARK} Дашборд появится после первого расчёта показателей («Маршрут → Показатели…»), а в региональной книге — ` +
    'после «Маршрут → Обновить сводку…».',
  quarantine: `${NOTICE_MARK} Карантин пуст: все полученные ответы приняты. Ответы, которые нельзя принять, появятся здесь с причиной.`,
  audit: `${NOTICE_MARK} Изменений пока не было. Каждое изменение реестров через «Маршрут» будет записано здесь.`,
  mailings: `${NOTICE_MARK} Рассылок ещё не было.`,
};

/** What a new, still empty sheet shows in its first data row, or null (a sheet set-up fills, like «Настройки»). */
export const emptySheetNotice = (id: SheetId): string | null => NOTICES[id] ?? null;

/** Whether a data row is the notice: its first cell starts with the mark and every other cell is empty. */
export function isNoticeRow(row: readonly unknown[]): boolean {
  return (
    typeof row[0] === 'string' && row[0].startsWith(NOTICE_MARK) && row.slice(1).every((v) => v === '' || v === null || v === undefined)
  );
}
