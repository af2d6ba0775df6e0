// Who a local run is for: the workbook's owner (who runs «Настроить книгу», so whose letters are sent and who is the
// methodist when none is named), «Адреса методистов» and «Адреса министерства». From the flags `--owner`,
// `--methodists`, `--ministry`, else from DIR/settings.csv — a «Настройки» table («Параметр», «Значение»), the sheet's
// own columns — else the local default. Every address is checked by the one e-mail rule (core/email).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEmail, splitAddresses } from '../core/email';
import { CsvFormatError, lineOf, parseCsvTable } from '../core/csv/table';
import { SHEETS } from '../core/schema/sheets';
import { SETTING } from '../core/settings';
import { normalizeTitle } from '../core/text';
import { decodeCsvFile, InputError, SETTINGS_FILE } from './importFolder';

/** The row of settings.csv naming the owner: «Настройки» keeps none (Google knows who ran «Настроить книгу»). */
export const OWNER_SETTING = 'Владелец книги';

export interface RunSettings {
  readonly owner?: string;
  readonly methodists?: readonly string[];
  readonly ministry?: readonly string[];
}

const KEYS = { [OWNER_SETTING]: 'owner', [SETTING.methodists]: 'methodists', [SETTING.ministry]: 'ministry' } as const;
type Key = (typeof KEYS)[keyof typeof KEYS];
const FLAG: Record<Key, string> = { owner: '--owner', methodists: '--methodists', ministry: '--ministry' };

/** A wrong address in a flag: the CLI makes it a usage error (exit 2, nothing read or written). */
export class FlagError extends Error {}

/** One address (the owner) or a list, each checked; the message names where it was and what to write. */
function addresses(key: Key, text: string, where: string, Refusal: new (message: string) => Error): string[] {
  const list = splitAddresses(text);
  const bad = list.find((a) => !isEmail(a));
  const example = key === 'owner' ? 'metodist@mo.example' : 'a@mo.example, b@mo.example';
  if (bad !== undefined) throw new Refusal(`${where}: «${bad}» — не адрес электронной почты. Пример: ${example}.`);
  if (key === 'owner' && list.length !== 1)
    throw new Refusal(`${where}: нужен один адрес владельца книги${list.length ? `, а указано ${list.length}` : ''}. Пример: ${example}.`);
  return list;
}

/** settings.csv of the data folder, if there is one: the rows this run reads (other «Настройки» rows are refused). */
function fromFile(dataDir: string): Partial<Record<Key, string[]>> {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return {};
  let table;
  try {
    table = parseCsvTable(decodeCsvFile(SETTINGS_FILE, readFileSync(path)));
  } catch (error) {
    if (error instanceof CsvFormatError) throw new InputError(`${SETTINGS_FILE}: ${error.message}`);
    throw error;
  }
  const [keyHeader, valueHeader] = SHEETS.settings.columns.map((c) => c.header);
  const column = (header: string) => table.headers.findIndex((h) => normalizeTitle(h) === normalizeTitle(header));
  const [keyAt, valueAt] = [column(keyHeader!), column(valueHeader!)];
  if (keyAt < 0 || valueAt < 0)
    throw new InputError(`${SETTINGS_FILE}: нужны столбцы «${keyHeader}» и «${valueHeader}», как на листе «Настройки».`);
  const found: Partial<Record<Key, string[]>> = {};
  table.rows.forEach((row, index) => {
    const name = row[keyAt]!.trim();
    if (!name) return;
    const key = Object.entries(KEYS).find(([title]) => normalizeTitle(title) === normalizeTitle(name))?.[1];
    const where = `${SETTINGS_FILE}, строка ${lineOf(table, index)}`;
    if (!key)
      throw new InputError(
        `${where}: «${name}» — этот параметр здесь не читается. Можно указать: ${Object.keys(KEYS)
          .map((k) => `«${k}»`)
          .join(', ')}.`,
      );
    found[key] = addresses(key, row[valueAt]!, where, InputError);
  });
  return found;
}

/** The address flags as checked: the owner's one address, the lists. */
export type SettingFlags = Partial<Record<Key, string[]>>;

/** The address flags, checked before anything is read (a wrong one is a FlagError). */
export function checkSettingFlags(flags: Partial<Record<Key, string>>): SettingFlags {
  const checked: SettingFlags = {};
  for (const key of Object.values(KEYS)) if (flags[key] !== undefined) checked[key] = addresses(key, flags[key], FLAG[key], FlagError);
  return checked;
}

/** The checked flags first, then settings.csv of the data folder; a key given by neither is left to the defaults. */
export function readRunSettings(dataDir: string, flags: SettingFlags): RunSettings {
  const file = fromFile(dataDir);
  const pick = (key: Key): string[] | undefined => flags[key] ?? file[key];
  return { owner: pick('owner')?.[0], methodists: pick('methodists'), ministry: pick('ministry') };
}
