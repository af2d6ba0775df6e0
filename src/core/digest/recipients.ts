// Who gets a monthly digest (SPEC §7): the methodists and the ministry addresses of «Настройки», and every
// «Email координатора» of «Организации» — each coordinator her own school's digest, so a workbook loaded from CSV
// has digests at once; a coordinator switched off in «Настройки…» gets none. One letter per address: someone who is
// both a methodist and a coordinator gets the methodist's (it holds everything hers would), a coordinator of two
// schools one letter about both, and the ministry's aggregates go only to addresses with no other role.
import { isEmail, splitAddresses } from '../email';
import type { AuditTrail } from '../intake/audit';
import { SHEETS } from '../schema/sheets';
import { readSettings, SETTING, settingDefaults } from '../settings';
import type { Table } from '../table';
import { byCode, normalizeName, plural } from '../text';
import type { Workbook } from '../workbook';

export type DigestRole = 'methodist' | 'coordinator' | 'ministry';

export interface DigestOrg {
  /** As written in «Организации». */
  readonly code: string;
  readonly name: string;
}

export interface DigestRecipient {
  readonly email: string;
  readonly role: DigestRole;
  /** A coordinator's schools; empty for the other roles. */
  readonly orgs: readonly DigestOrg[];
}

/** One «Email координатора» address of one ОО row, as the settings panel lists it. */
export interface CoordinatorEntry extends DigestOrg {
  readonly email: string;
  /** Switched off in «Настройки…»: no digest. */
  readonly off: boolean;
}

export interface RecipientSettings {
  readonly methodists: readonly string[];
  readonly ministry: readonly string[];
  /** Coordinators' addresses that get no digest. */
  readonly off: readonly string[];
}

export interface DigestAudience {
  readonly settings: RecipientSettings;
  readonly coordinators: readonly CoordinatorEntry[];
  /** ОО without a coordinator's address: nobody there gets the school's digest. */
  readonly withoutCoordinator: readonly DigestOrg[];
  readonly recipients: readonly DigestRecipient[];
  /** Addresses that are not e-mails, named where they are (Russian). */
  readonly problems: readonly string[];
}

/** «Адреса методистов», «Адреса министерства», «Координаторы без рассылки» as lists, and what is not an e-mail. */
/** The e-mails of one «Настройки» row, each once; a non-e-mail is named in `problems` and gets no letter. */
export function settingAddresses(settings: ReadonlyMap<string, string>, key: string, problems: string[]): string[] {
  return [
    ...new Set(
      splitAddresses(settings.get(key)).filter((email) => {
        if (isEmail(email)) return true;
        problems.push(`«Настройки» → «${key}»: «${email}» — не e-mail, письмо туда не уйдёт.`);
        return false;
      }),
    ),
  ];
}

function readRecipientSettings(settings: ReadonlyMap<string, string>, problems: string[]): RecipientSettings {
  const valid = (key: string) => settingAddresses(settings, key, problems);
  return {
    methodists: valid(SETTING.methodists),
    ministry: valid(SETTING.ministry),
    off: [...new Set(splitAddresses(settings.get(SETTING.digestOff)))],
  };
}

function readCoordinators(organizations: Table, off: ReadonlySet<string>, problems: string[]) {
  const coordinators: CoordinatorEntry[] = [];
  const withoutCoordinator: DigestOrg[] = [];
  const [codeOf, nameOf, emailOf] = [organizations.texts('code'), organizations.texts('name'), organizations.texts('coordinatorEmail')];
  for (let i = 0; i < organizations.size; i++) {
    const org = { code: codeOf(i), name: nameOf(i) };
    if (!org.code) continue;
    const emails = splitAddresses(emailOf(i));
    if (!emails.length) withoutCoordinator.push(org);
    for (const email of emails) {
      if (isEmail(email)) coordinators.push({ ...org, email, off: off.has(email) });
      else problems.push(`«Организации», ${org.code}: «Email координатора» «${email}» — не e-mail, сводка по ОО туда не уйдёт.`);
    }
  }
  return { coordinators: coordinators.sort(byCode), withoutCoordinator: withoutCoordinator.sort(byCode) };
}

export function digestAudience(workbook: Workbook): DigestAudience {
  const problems: string[] = [];
  const settings = readRecipientSettings(readSettings(workbook.table('settings')), problems);
  const { coordinators, withoutCoordinator } = readCoordinators(workbook.table('organizations'), new Set(settings.off), problems);
  const byEmail = new Map<string, { role: DigestRole; orgs: DigestOrg[] }>();
  for (const email of settings.methodists) byEmail.set(email, { role: 'methodist', orgs: [] });
  for (const c of coordinators) {
    if (c.off) continue;
    const known = byEmail.get(c.email) ?? { role: 'coordinator' as const, orgs: [] };
    byEmail.set(c.email, known);
    const sameOrg = known.orgs.some((o) => normalizeName(o.code) === normalizeName(c.code));
    if (known.role === 'coordinator' && !sameOrg) known.orgs.push({ code: c.code, name: c.name });
  }
  for (const email of settings.ministry) if (!byEmail.has(email)) byEmail.set(email, { role: 'ministry', orgs: [] });
  const recipients = [...byEmail].map(([email, r]) => ({ email, role: r.role, orgs: r.orgs }));
  return { settings, coordinators, withoutCoordinator, recipients, problems };
}

/** «Тип» of a «Рассылки» row. */
export function roleLabel(recipient: DigestRecipient): string {
  switch (recipient.role) {
    case 'methodist':
      return 'Методист';
    case 'ministry':
      return 'Министерство';
    default:
      return `Координатор: ${recipient.orgs.map((o) => o.code).join(', ')}`;
  }
}

export const DIGEST_ACTION = {
  recipients: 'Изменены получатели рассылки',
  on: 'Включена ежемесячная рассылка',
  off: 'Выключена ежемесячная рассылка',
  resend: 'Письмо рассылки отправлено повторно',
} as const;

/** Sets one row of «Настройки» (added with its description when an older workbook lacks it); true if it changed. */
function putSetting(table: Table, key: string, value: string): boolean {
  for (let i = 0; i < table.size; i++) {
    if (table.text(i, 'key') === key) return table.update(i, { value }).length > 0;
  }
  table.append({ key, value, description: settingDefaults().find((s) => s.key === key)?.description ?? '' });
  return value !== '';
}

/** Writes settings and one audit row per setting that changed (old → new); returns the keys that changed. */
export function recordSettings(workbook: Workbook, audit: AuditTrail, action: string, values: Readonly<Record<string, string>>): string[] {
  const table = workbook.table('settings');
  const before = readSettings(table);
  return Object.entries(values).flatMap(([key, value]) => {
    if (!putSetting(table, key, value)) return [];
    audit.record(action, SHEETS.settings.name, key, 'Значение', before.get(key) ?? '', value);
    return [key];
  });
}

/** The recipients as «Настройки» keeps them: addresses joined with «, ». */
export const recipientValues = (next: RecipientSettings): Record<string, string> => ({
  [SETTING.methodists]: next.methodists.join(', '),
  [SETTING.ministry]: next.ministry.join(', '),
  [SETTING.digestOff]: next.off.join(', '),
});

const SAVED_SHOWN = 3;
const addressList = (addresses: readonly string[]): string =>
  addresses.length > SAVED_SHOWN
    ? `${addresses.slice(0, SAVED_SHOWN).join(', ')} и ещё ${addresses.length - SAVED_SHOWN}`
    : addresses.join(', ');

/**
 * What a save of the recipients did, said as who gets the letters now (not the names of «Настройки» rows): the
 * settings sidebar shows it. `changed` are the keys `recordSettings` returned.
 */
export function recipientsSavedText(changed: readonly string[], next: RecipientSettings): string {
  if (!changed.length) return 'Ничего не изменилось: получатели рассылки те же.';
  const to = (whom: string, addresses: readonly string[]) =>
    `${whom} ${addresses.length ? addressList(addresses) : 'не отправляются (адреса не указаны)'}`;
  const parts: string[] = [];
  if (changed.includes(SETTING.methodists)) parts.push(to('Письма методистам:', next.methodists));
  if (changed.includes(SETTING.ministry)) parts.push(to('Письма министерству:', next.ministry));
  if (changed.includes(SETTING.digestOff))
    parts.push(
      next.off.length
        ? `Без писем ${next.off.length} ${plural(next.off.length, ['координатор', 'координатора', 'координаторов'])}: ${addressList(next.off)}`
        : 'Письма получают все координаторы',
    );
  return `Сохранено. ${parts.join('. ')}.`;
}
