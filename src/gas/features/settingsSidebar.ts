// «Маршрут → Настройки…»: the settings only the workbook's owner may change, kept out of editors' reach (document
// properties) and mirrored read-only in «Настройки». One panel, one section per setting: the access list now; the
// digest recipients (issue 9) join as another section of the same view and their own save RPC.
import { z } from 'zod';
import { accessListChanges } from '../../core/accessList';
import { accessList, assertAccess, assertOwner, saveAccessList, withAccess, workbookOwner } from '../access';
import { showPage } from '../pages';
import { active } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowSettings(): void {
  withAccess(() => showPage('Settings', 'Настройки'));
}

/** What the panel shows: who is looking, whether they may change anything, and each section's values. */
function settingsView(user: string) {
  const owner = workbookOwner();
  return {
    user,
    owner,
    canEdit: user === owner,
    sections: {
      access: { emails: accessList() ?? [] },
    },
  };
}

export function rpcSettingsLoad() {
  return settingsView(assertAccess(active()));
}

const accessPayload = z.object({ emails: z.array(z.string().max(320)).max(500) });

/** The owner replaces the access list; the reply says who was added and removed. */
export function rpcSettingsSaveAccess(payload: unknown) {
  const spreadsheet = active();
  const user = assertOwner(spreadsheet);
  const { emails } = payloadOf(accessPayload, payload);
  const before = accessList() ?? [];
  const after = saveAccessList(spreadsheet, emails);
  return { ...settingsView(user), changes: accessListChanges(before, after) };
}
