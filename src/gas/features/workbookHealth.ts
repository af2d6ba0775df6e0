// The workbook's health against Google's limits: the banner every sidebar can show (rpcWorkbookHealth), and
// «Маршрут → Перенести журнал изменений в архив…», which gives back the cells «Журнал изменений» took.
import { withAccess } from '../access';
import { archiveAuditLog } from '../auditArchive';
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
  withAccess(archive);
}

function archive(): void {
  const spreadsheet = active();
  const proceed = confirmed(
    'Перенести журнал изменений в архив',
    'Все записи листа «Журнал изменений» будут перенесены в новую таблицу на вашем Google Диске; ссылка на неё ' +
      'останется в «Настройки → Архив журнала изменений». Записи не удаляются, а только переезжают. Продолжить?',
  );
  if (!proceed) return;
  toast('Переношу журнал изменений в архив…');
  const result = archiveAuditLog(spreadsheet, currentUserEmail(), systemClock);
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Журнал изменений',
    result
      ? `Перенесено записей: ${result.moved}.\nАрхив: ${result.url}\nСсылка сохранена в «Настройки → Архив журнала изменений».`
      : 'В журнале нет записей: переносить нечего.',
    ui.ButtonSet.OK,
  );
}
