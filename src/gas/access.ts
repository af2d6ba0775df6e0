// Who may open panels that show personal data: the e-mails of «Список доступа» in «Настройки», and the person
// who set the workbook up (recorded then). Checked before every RPC that reads or changes personal rows.
import { readSettings, SETTING, splitEmails } from '../core/settings';
import { currentUserEmail } from './services';
import { snapshotOf } from './workbookPort';

const OWNER_PROPERTY = 'marshrut.owner';

export function rememberOwner(): void {
  const props = PropertiesService.getDocumentProperties();
  if (!props.getProperty(OWNER_PROPERTY)) props.setProperty(OWNER_PROPERTY, currentUserEmail().toLowerCase());
}

export function assertAccess(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const user = currentUserEmail().toLowerCase();
  if (!user) throw new Error('Не удалось определить ваш e-mail. Войдите в аккаунт Google и откройте книгу снова.');
  const owner = PropertiesService.getDocumentProperties().getProperty(OWNER_PROPERTY);
  const settings = readSettings(snapshotOf(spreadsheet).table('settings'));
  const allowed = splitEmails(settings.get(SETTING.access));
  if (user !== owner && !allowed.includes(user)) {
    throw new Error(`Нет доступа: ${user} нет в «${SETTING.access}» на листе «Настройки». Обратитесь к методисту.`);
  }
  return user;
}
