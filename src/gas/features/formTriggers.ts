// The installable triggers Google calls. A form response is only marked as waiting (constant work: no register is
// read, no FormApp call); a drain processes everything waiting, in batches, soon after (a one-shot time trigger)
// and every 10 minutes in any case (missed triggers, lock time-outs, errors) — see core/intake/queue.ts.
import type { DrainRun } from '../../core/intake/queue';
import { SHEETS } from '../../core/schema/sheets';
import { DRAIN_DUE_STALE_MS, DRAIN_SOON_HANDLER, DRAIN_SOON_MS, drainWorkbook } from '../drain';
import { syncFormChoices } from '../forms';
import { DRAIN_DUE, markKey, needsMark } from '../responseQueue';

/**
 * The event Google passes an installable trigger. Run from the script editor (Run ▸ the function) a handler gets
 * none: said in Russian with what to do instead, not «Cannot read properties of undefined».
 */
function triggerEvent<E extends { range?: unknown }>(e: E | undefined, handler: string, when: string, instead: string): E {
  if (e && e.range) return e;
  throw new Error(`${handler} запускает сам Google — ${when}. Вручную его запускать не нужно: ${instead}.`);
}

/**
 * Installable form-submit trigger of the spreadsheet (one for all four forms). A new answer lands below the
 * response sheet's watermark and waits there by itself; an edited one (a row a drain has read) gets a mark. A drain
 * is scheduled if none is. At most 10 service calls, whatever the registers' size.
 */
export function onResponseTrigger(event: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const e = triggerEvent(
    event,
    'onResponseTrigger',
    'при каждом ответе формы',
    'ответы, которые ждут, «Маршрут» разберёт сам в течение 10 минут',
  );
  const sheetId = e.range.getSheet().getSheetId();
  const row = e.range.getRow();
  const props = PropertiesService.getDocumentProperties();
  const stored = props.getProperties();
  const updates: Record<string, string> = {};
  if (needsMark(stored, sheetId, row))
    updates[markKey(sheetId, row, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`)] = '';
  const schedule = Date.now() - Number(stored[DRAIN_DUE] ?? 0) >= DRAIN_DUE_STALE_MS;
  if (schedule) updates[DRAIN_DUE] = String(Date.now());
  if (Object.keys(updates).length) props.setProperties(updates);
  if (schedule) ScriptApp.newTrigger(DRAIN_SOON_HANDLER).timeBased().after(DRAIN_SOON_MS).create();
}

/** The time-driven drain, every 10 minutes: whatever waits is processed. */
export function onDrainTrigger(): DrainRun {
  return drainWorkbook(SpreadsheetApp.getActiveSpreadsheet());
}

/** The prompt drain a response scheduled: it runs once, so it removes its own trigger first. */
export function onDrainSoonTrigger(e?: { triggerUid?: string }): DrainRun {
  for (const trigger of ScriptApp.getProjectTriggers()) if (trigger.getUniqueId() === e?.triggerUid) ScriptApp.deleteTrigger(trigger);
  return drainWorkbook(SpreadsheetApp.getActiveSpreadsheet());
}

/** Installable on-edit trigger: a changed ОО list or event register refreshes the forms' dropdowns. */
export function onSheetEditTrigger(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  const e = triggerEvent(
    event,
    'onSheetEditTrigger',
    'при правке листа',
    'чтобы обновить списки в формах, выберите «Маршрут → Обновить списки в формах»',
  );
  const name = e.range.getSheet().getName();
  if (name === SHEETS.organizations.name || name === SHEETS.events.name) syncFormChoices(e.source);
}
