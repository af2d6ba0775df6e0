// «Маршрут → Настройки…»: the settings only the workbook's owner may change, one section per setting, each with its
// own save RPC: the access list (kept out of editors' reach in document properties, mirrored read-only in
// «Настройки») and the monthly digests (recipients in «Настройки», the schedule as the owner's trigger). The regional
// workbook's digest is the ministry's letter only («Адреса министерства»).
import * as z from 'zod';
import { accessListChanges } from '../../core/accessList';
import { accessList, assertAccess, assertOwner, saveAccessList, withAccess, workbookOwner } from '../access';
import { digestSection, resendDigestLetter, saveDigestRecipients, switchDigests } from '../digestSettings';
import { takesAnswers } from '../forms';
import { showPage } from '../pages';
import { intakeDeps } from '../services';
import { takeOverTriggers, triggersView } from '../triggers';
import { inTransaction } from '../../core/intake/service';
import { SHEETS } from '../../core/schema/sheets';
import { workbookKind } from '../regionWorkbook';
import { active } from './context';
import { payloadOf } from './rpcPayload';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function menuShowSettings(): void {
  withAccess(() => showPage('Settings', 'Настройки'));
}

/** What the panel shows: who is looking, whether they may change anything, and each section's values. */
function settingsView(spreadsheet: Spreadsheet, user: string) {
  const owner = workbookOwner();
  const regional = workbookKind() === 'regional';
  return {
    user,
    owner,
    canEdit: user === owner,
    regional,
    sections: {
      access: { emails: accessList() ?? [] },
      digest: digestSection(spreadsheet, user),
      triggers: triggersView(user),
    },
  };
}

export function rpcSettingsLoad() {
  const spreadsheet = active();
  return settingsView(spreadsheet, assertAccess(spreadsheet));
}

const emails = (max: number) => z.array(z.string().max(320)).max(max);
const accessPayload = z.object({ emails: emails(500) });

/** The owner replaces the access list; the reply says who was added and removed. */
export function rpcSettingsSaveAccess(payload: unknown) {
  const spreadsheet = active();
  const user = assertOwner(spreadsheet);
  const { emails } = payloadOf(accessPayload, payload);
  const before = accessList() ?? [];
  const after = saveAccessList(spreadsheet, emails);
  return { ...settingsView(spreadsheet, user), changes: accessListChanges(before, after) };
}

const recipientsPayload = z.object({ methodists: emails(200), ministry: emails(200), coordinatorsOff: emails(5000) });

/** The owner saves the digest recipients; the reply names the settings that changed. */
export function rpcSettingsSaveDigest(payload: unknown) {
  const spreadsheet = active();
  const user = assertAccess(spreadsheet);
  const { changed, saved } = saveDigestRecipients(spreadsheet, payloadOf(recipientsPayload, payload));
  return { ...settingsView(spreadsheet, user), changed, saved };
}

const schedulePayload = z.object({ on: z.boolean() });

/** The owner turns the monthly digests on or off. */
export function rpcSettingsDigestSchedule(payload: unknown) {
  const spreadsheet = active();
  const user = assertAccess(spreadsheet);
  const methodistAdded = switchDigests(spreadsheet, payloadOf(schedulePayload, payload).on);
  return { ...settingsView(spreadsheet, user), methodistAdded };
}

const resendPayload = z.object({ email: z.string().min(1).max(320) });

/** «Отправить повторно» of a letter whose fate is unknown; the reply names where it went. */
export function rpcSettingsResendDigest(payload: unknown) {
  const spreadsheet = active();
  const resent = resendDigestLetter(spreadsheet, payloadOf(resendPayload, payload).email);
  return { ...settingsView(spreadsheet, assertAccess(spreadsheet)), resent };
}

export const TRIGGERS_ACTION = 'Триггеры переданы';

/**
 * «Обслуживать книгу от моего имени»: a methodist on the access list installs her own triggers and becomes their
 * recorded owner (when the previous one left, or her account was disabled, the jobs had stopped). In «Журнал изменений».
 */
export function rpcSettingsTakeOverTriggers() {
  const spreadsheet = active();
  const user = assertAccess(spreadsheet);
  const done = takeOverTriggers(spreadsheet, takesAnswers(spreadsheet));
  if (done.previous !== user)
    inTransaction(intakeDeps(spreadsheet, user), ({ audit }) =>
      audit.record(TRIGGERS_ACTION, SHEETS.settings.name, 'Триггеры', 'Владелец триггеров', done.previous, user),
    );
  return { ...settingsView(spreadsheet, user), takenOver: { previous: done.previous, created: done.created } };
}
