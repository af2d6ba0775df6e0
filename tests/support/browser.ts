// Which Chromium the browser tests drive: Debian's /usr/bin/chromium when the machine has it, else the headless
// Chromium that the npm package @sparticuz/chromium ships inside its tarball (unpacked once into the temp folder
// by jest's global set-up, before the workers start, so two workers never unpack it at the same time).
// Pages run as a Russian user's browser does (--lang, the process's LANG, every page's locale): dates, numbers and the date field's
// order are Russian. The strings of native controls come from the binary's locale files, and the packaged Chromium
// carries en-US only: so pages draw their own Russian labels where a native one shows text (a file field).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--lang=ru-RU',
];

/** Every page's context: navigator.language, Intl's default locale and Accept-Language are ru-RU. */
export const RUSSIAN = { locale: 'ru-RU' } as const;

export interface ChromiumBinary {
  readonly executablePath: string;
  readonly args: readonly string[];
}

export async function resolveChromium(): Promise<ChromiumBinary> {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: COMMON_ARGS };
  // Imported only here: importing it points LD_LIBRARY_PATH at the libraries it unpacks next to the browser.
  const packaged = (await import('@sparticuz/chromium')).default;
  const executablePath = await packaged.executablePath();
  // One process per page keeps pages of a test apart; the package's own --single-process is meant for Lambda.
  const args = packaged.args.filter((a) => a !== '--single-process' && !a.startsWith('--headless'));
  return { executablePath, args: [...new Set([...args, ...COMMON_ARGS])] };
}

export async function launchChromium(): Promise<Browser> {
  const binary = await resolveChromium();
  // The date field's order and separators follow the process's locale (ICU's default), not --lang or the page's.
  const env = { ...process.env, LANG: 'ru_RU.UTF-8', LANGUAGE: 'ru', LC_ALL: 'ru_RU.UTF-8' };
  return chromium.launch({ executablePath: binary.executablePath, headless: true, args: [...binary.args], env });
}
