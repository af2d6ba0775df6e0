// The workbook against Google's limit of 10 million cells per spreadsheet (support.google.com/docs/answer/37603):
// every cell of every sheet's grid counts, empty or not. Past 80 % the sidebars warn and suggest archiving
// «Журнал изменений», the sheet that only grows.
import { formatCount, formatDateTime } from './text';

export const CELL_LIMIT = 10_000_000;
export const WARN_SHARE = 0.8;
/** What «Настройки → Ячеек в книге» says, before the refusal's message, while the intake is stopped at the limit. */
export const INTAKE_STOPPED = 'Приём ответов остановлен: ';

export interface WorkbookHealth {
  readonly cells: number;
  readonly limit: number;
  /** Share of the limit in percent, one decimal. */
  readonly percent: number;
  readonly warn: boolean;
  /** When it was measured, `дд.мм.гггг чч:мм:сс` (a Date does not cross google.script.run). */
  readonly measuredAt: string;
  /** What the sidebars' banner says, or null below the threshold. */
  readonly message: string | null;
}

const percentText = (p: number) => `${String(p).replace('.', ',')} %`;

export function assessCells(cells: number, measuredAt: Date): WorkbookHealth {
  const percent = Math.round((cells / CELL_LIMIT) * 1000) / 10;
  const warn = cells >= CELL_LIMIT * WARN_SHARE;
  return {
    cells,
    limit: CELL_LIMIT,
    percent,
    warn,
    measuredAt: formatDateTime(measuredAt),
    message: warn
      ? `Книга заполнена на ${percentText(percent)}: ${formatCount(cells)} ячеек из ${formatCount(CELL_LIMIT)} допустимых в Google Таблицах. ` +
        'Когда места не останется, новые ответы не запишутся. Перенесите в архив разобранные ответы форм и старые ' +
        'записи журнала: «Маршрут → Перенести обработанные ответы в архив…» и «Маршрут → Перенести журнал изменений в архив…».'
      : null,
  };
}

/** The value of «Настройки → Ячеек в книге». */
export const cellsSettingText = (h: WorkbookHealth): string =>
  `${formatCount(h.cells)} из ${formatCount(h.limit)} (${percentText(h.percent)}), на ${h.measuredAt}`;

/**
 * A write refused before any cell of it was written: the workbook would pass Google's limit. Its message (Russian)
 * gives the numbers and the way out; the answers it would have written stay queued.
 */
export class CellLimitError extends Error {
  constructor(
    readonly used: number,
    readonly needed: number,
    readonly limit: number = CELL_LIMIT,
  ) {
    super(
      `Запись остановлена: в книге ${formatCount(used)} ячеек, запись добавила бы ещё ${formatCount(needed)}, а Google ` +
        `Таблицы допускают не больше ${formatCount(limit)}. Ничего не записано: ответы форм ждут в очереди, файл можно загрузить снова. Освободите место: ` +
        '«Маршрут → Перенести обработанные ответы в архив…» и «Маршрут → Перенести журнал изменений в архив…», ' +
        'удалите лишние листы или пустые строки и столбцы, ' +
        'затем запустите приём снова.',
    );
  }
}

/** Refuses (throws CellLimitError) a write that would grow the grids by `needed` cells past the limit. */
export function assertCellRoom(used: number, needed: number, limit: number = CELL_LIMIT): void {
  if (needed > 0 && used + needed > limit) throw new CellLimitError(used, needed, limit);
}

/** The refusal's message when «Ячеек в книге» says the intake is stopped, else null. */
export function intakeStoppedIn(cellsSetting: string): string | null {
  const at = cellsSetting.indexOf(INTAKE_STOPPED);
  return at < 0 ? null : cellsSetting.slice(at + INTAKE_STOPPED.length);
}
