// Pages driven through the real bundle: a menu item runs in the local runtime, the HTML it hands to
// HtmlService/Ui is opened in Chromium, and the page's google.script.run calls the bundle's own functions — no
// server reply is written by hand. Values cross the bridge as Google lets them (developers.google.com/apps-script/
// guides/html/reference/run: «Requests fail if you attempt to pass a Date, Function, DOM element…»): a Date or a
// function in the arguments fails the call; a return value holding a Date reaches the page as null.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { launchChromium, RUSSIAN } from './browser';

const ROOT = join(__dirname, '..', '..');

export interface BundlePage {
  readonly page: Page;
  /** window.alert/confirm texts the page raised (answered «OK»). */
  readonly dialogs: string[];
  /** Script errors and any attempt to reach the network: a page must stay self-contained. */
  readonly errors: string[];
  /** Server calls the page made, by function name, in order. */
  readonly calls: string[];
  /** Holds every server reply until release(): lets a test look at the page while a call is in flight. */
  hold(): Promise<void>;
  release(): Promise<void>;
}

const isDateLike = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';
function carriesDate(v: unknown, depth = 0): boolean {
  if (isDateLike(v)) return true;
  if (v === null || typeof v !== 'object' || depth > 50) return false;
  return Object.values(v as object).some((x) => carriesDate(x, depth + 1));
}

// The page side of the bridge: google.script.run → window.__gasCall (exposed below) → the bundle.
const shim = `
(function () {
  var held = false, pending = [];
  window.__gasHold = function () { held = true; };
  window.__gasRelease = function () { held = false; pending.splice(0).forEach(function (f) { setTimeout(f, 0); }); };
  function illegal(v, depth) {
    if (v instanceof Date || typeof v === 'function' || (typeof Node !== 'undefined' && v instanceof Node)) return true;
    if (v === null || typeof v !== 'object' || depth > 50) return false;
    return Object.keys(v).some(function (k) { return illegal(v[k], depth + 1); });
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, failure, userObject); };
        if (name === 'withFailureHandler') return function (f) { return runner(success, f, userObject); };
        if (name === 'withUserObject') return function (o) { return runner(success, failure, o); };
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var settle = function (reply) {
            var deliver = function () {
              if ('error' in reply) { if (failure) failure(new Error(reply.error), userObject); }
              else if (success) success(reply.ok, userObject);
            };
            if (held) pending.push(deliver); else setTimeout(deliver, 0);
          };
          if (illegal(args, 0)) { settle({ error: 'Invalid argument: a Date, function or DOM node cannot be passed to the server.' }); return; }
          window.__gasCall(name, JSON.stringify(args)).then(settle, function (e) { settle({ error: String(e && e.message || e) }); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () { window.__closed = true; }, editor: { focus: function () {} } } } };
})();
`;

/**
 * Runs `menuFunction` (e.g. 'menuShowQuarantine') in `workbook` and opens the sidebar or dialog it showed.
 * The page then talks to the same bundle instance: what it changes is in `workbook`'s sheets.
 */
export async function openBundlePage(
  browser: Browser,
  workbook: LocalWorkbook,
  menuFunction: string,
  viewport = { width: 300, height: 800 },
): Promise<BundlePage> {
  const ui = workbook.runtime.ui;
  const [sidebars, dialogs] = [ui.sidebars.length, ui.dialogs.length];
  workbook.menu(menuFunction);
  // The one this menu item showed (an earlier dialog of the same workbook is not it).
  const shown = ui.dialogs.length > dialogs ? ui.dialogs.at(-1) : ui.sidebars.length > sidebars ? ui.sidebars.at(-1) : undefined;
  if (!shown) throw new Error(`${menuFunction} не открыл ни боковую панель, ни диалог`);
  return openHtml(browser, workbook, shown.html, viewport);
}

/** Opens given HTML (a page the bundle produced) with google.script.run bridged to `workbook`'s bundle. */
export async function openHtml(
  browser: Browser,
  workbook: LocalWorkbook,
  html: string,
  viewport = { width: 300, height: 800 },
): Promise<BundlePage> {
  const page = await browser.newPage({ viewport, ...RUSSIAN });
  const dialogs: string[] = [];
  const errors: string[] = [];
  const calls: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    errors.push(`network request: ${route.request().url()}`);
    return route.abort();
  });
  await page.exposeFunction('__gasCall', (name: string, argsJson: string) => {
    calls.push(name);
    try {
      const result = workbook.sandbox.call(name, ...(JSON.parse(argsJson) as unknown[]));
      return { ok: result === undefined || carriesDate(result) ? null : JSON.parse(JSON.stringify(result)) };
    } catch (error) {
      return {
        error:
          error instanceof Error || (error && typeof error === 'object' && 'message' in error)
            ? String((error as Error).message)
            : String(error),
      };
    }
  });
  await page.addInitScript(shim);
  await page.goto('about:blank');
  await page.setContent(html);
  return {
    page,
    dialogs,
    errors,
    calls,
    hold: () => page.evaluate('window.__gasHold()'),
    release: () => page.evaluate('window.__gasRelease()'),
  };
}

/**
 * `editor` is put on the access list and opens `menuFunction`; then the owner (the runtime's user until then) takes
 * her off the list. Her panel stays open, and its next server call runs as her: `refusal` is what she must be told.
 */
export async function openThenLoseAccess(
  browser: Browser,
  workbook: LocalWorkbook,
  menuFunction: string,
  editor = 'coordinator@klin.example',
): Promise<BundlePage & { readonly refusal: string }> {
  const owner = (workbook.runtime.globals.Session as GoogleAppsScript.Base.Session).getActiveUser().getEmail();
  workbook.rpc('rpcSettingsSaveAccess', { emails: [editor] });
  workbook.runtime.setActiveUser(editor);
  const opened = await openBundlePage(browser, workbook, menuFunction);
  workbook.runtime.setActiveUser(owner);
  workbook.rpc('rpcSettingsSaveAccess', { emails: [] });
  workbook.runtime.setActiveUser(editor);
  const refusal = `Нет доступа: ${editor} нет в списке доступа этой книги. Попросите владельца книги (${owner}) добавить вас в «Маршрут → Настройки…».`;
  return { ...opened, refusal };
}

/** A full-page screenshot kept as a test artefact in out/screenshots (the methodists' guide uses them). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(ROOT, 'out', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One Chromium for a test file: launched before its tests, closed after them. */
export function suiteBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: call suiteBrowser() at the top of the test file.');
    return browser;
  };
}
