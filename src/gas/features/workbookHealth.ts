// The workbook's health against Google's limits: the banner every sidebar can show (rpcWorkbookHealth), and
// «Маршрут → Перенести журнал изменений в архив…» and «… обработанные ответы в архив…», which give back the cells
// «Журнал изменений» and the forms' response sheets took.
import { formatCount } from '../../core/text';
import { withAccess } from '../access';
import { archiveAuditLog } from '../auditArchive';
import { formRegistry } from '../forms';
import { archiveResponses } from '../responseArchive';
import { currentUserEmail, systemClock } from '../services';
import { currentHealth } from '../workbookHealth';
import { active, confirmed, toast } from './context';

/**
 * For a sidebar's banner: `{cells, limit, percent, warn, measuredAt, message}`. When `warn` is true the page shows
 * `message` (Russian, via textContent) above its content. No personal data: no access check.
 */
export function rpcWorkbookHealth() {
  return currentHealth(active());
}

export function menuArchiveAuditLog(): void {
  withAccess(() =>
    confirmThenMove(
      'Перенести журнал изменений в архив',
      'Все записи листа «Журнал изменений» будут перенесены в новую таблицу на вашем Google Диске; ссылка на неё ' +
        'останется в «Настройки → Архив журнала изменений». Записи не удаляются, а только переезжают. Продолжить?',
      'Переношу журнал изменений в архив…',
      'Журнал изменений',
      () => {
        const result = archiveAuditLog(active(), currentUserEmail(), systemClock);
        return result
          ? [`Перенесено записей: ${result.moved}.`, `Архив: ${result.url}`, 'Ссылка сохранена в «Настройки → Архив журнала изменений».']
          : ['В журнале нет записей: переносить нечего.'];
      },
    ),
  );
}

export function menuArchiveResponses(): void {
  withAccess(() =>
    confirmThenMove(
      'Перенести обработанные ответы в архив',
      'Ответы форм, которые «Маршрут» уже разобрал, переедут с листов ответов в отдельную таблицу-архив на вашем ' +
        'Google Диске (ссылка — в «Настройки → Архив ответов форм»). Реестры не меняются, пересборка реестров читает ' +
        'и архив. Ответы, которые ещё ждут разбора, останутся на месте. Продолжить?',
      'Переношу обработанные ответы в архив…',
      'Архив ответов',
      () => archiveReport(archiveResponses(active(), formRegistry(active()), currentUserEmail(), systemClock, toast)),
    ),
  );
}

/** Asks first; says it started; moves; then the result's lines in one alert. */
function confirmThenMove(question: string, text: string, started: string, title: string, move: () => string[]): void {
  if (!confirmed(question, text)) return;
  toast(started);
  const lines = move();
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, lines.join('\n'), ui.ButtonSet.OK);
}

/** The result in Russian, with the numbers: what moved where, the cells given back, what still waits. */
function archiveReport(result: ReturnType<typeof archiveResponses>): string[] {
  const waiting = result.waiting
    ? `Ждут разбора и остались на листах ответов: ${formatCount(result.waiting)}; перенесите их позже, после разбора.`
    : '';
  if (!result.rows) return ['Обработанных ответов на листах ответов нет: переносить нечего.', waiting].filter(Boolean);
  return [
    `Перенесено ответов: ${formatCount(result.rows)}.`,
    ...[...result.moved].map(([sheet, n]) => `«${sheet}»: ${formatCount(n)}`),
    `Освобождено ячеек: ${formatCount(result.cellsFreed)}.`,
    `Архив: ${result.url}`,
    'Ссылка сохранена в «Настройки → Архив ответов форм».',
    waiting,
  ].filter(Boolean);
}
