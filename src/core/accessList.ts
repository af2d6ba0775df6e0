// «Список доступа» (issue 6, point 13): who may open the panels with personal data and change the registers. The
// list itself lives where an editor cannot rewrite it (the adapter keeps it in document properties); the sheet
// «Настройки» only mirrors it, and every change is written to «Журнал изменений».
import type { AuditTrail } from './intake/audit';
import { SETTING } from './settings';
import { SHEETS } from './schema/sheets';
import type { Workbook } from './workbook';

import { isEmail, splitAddresses } from './email';

/** E-mails as typed (one per line, or separated by commas): trimmed, lower-cased, each once; a non-e-mail is refused. */
export function normalizeAccessList(values: readonly string[]): string[] {
  const emails = values.flatMap((v) => splitAddresses(v));
  const invalid = emails.filter((e) => !isEmail(e));
  if (invalid.length) throw new Error(`Это не похоже на e-mail: ${invalid.map((e) => `«${e}»`).join(', ')}. Исправьте и сохраните снова.`);
  return [...new Set(emails)];
}

/** The list as the mirror cell shows it. */
export const accessListText = (emails: readonly string[]): string => emails.join(', ');

/** What an owner's save changed, for her message and the audit. */
export function accessListChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((e) => !before.includes(e)), removed: before.filter((e) => !after.includes(e)) };
}

/** Writes the mirror row of «Настройки» and one audit row (old → new). */
export function recordAccessList(
  workbook: Workbook,
  audit: AuditTrail,
  action: string,
  before: readonly string[],
  after: readonly string[],
): void {
  const settings = workbook.table('settings');
  for (let i = 0; i < settings.size; i++) {
    if (settings.text(i, 'key') === SETTING.access) settings.update(i, { value: accessListText(after) });
  }
  audit.record(action, SHEETS.settings.name, SETTING.access, 'Значение', accessListText(before), accessListText(after));
}

export const ACCESS_ACTION = {
  changed: 'Изменён список доступа',
  takenOver: 'Список доступа перенесён в защищённые настройки владельцем книги',
} as const;
