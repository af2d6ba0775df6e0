// Browser harness for the sidebar pages: takes a page from build/ (as clasp pushes it), opens it in
// headless Chromium with a fake google.script.run that records calls and answers from fixtures.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';

const root = join(__dirname, '..', '..');

/** The page exactly as the build ships it (shared CSS/JS inlined): `npm test` builds before jest runs. */
export function pageHtml(name: string): string {
  return readFileSync(join(root, 'build', `${name}.html`), 'utf8');
}

export function launch(): Promise<Browser> {
  return launchChromium();
}

/** A fixture: the server's answer, its failure (a Russian message), or a sequence of those, one per call. */
export type Fixture = { ok: unknown } | { error: string } | { seq: Array<{ ok: unknown } | { error: string }> };
export type Call = { name: string; payload: unknown };

const fakeRun = `
(function () {
  window.__calls = [];
  window.__fixtures = window.__fixtures || {};
  window.__delay = 40;
  window.__hold = false;
  window.__pending = [];
  window.__release = function () { window.__hold = false; window.__pending.splice(0).forEach(function (f) { setTimeout(f, 0); }); };
  function clone(v) { return v === undefined ? null : JSON.parse(JSON.stringify(v)); }
  function runner(success, failure) {
    return new Proxy({}, {
      get: function (_, prop) {
        if (prop === 'withSuccessHandler') return function (fn) { return runner(fn, failure); };
        if (prop === 'withFailureHandler') return function (fn) { return runner(success, fn); };
        if (prop === 'withUserObject') return function () { return runner(success, failure); };
        if (typeof prop !== 'string') return undefined;
        return function (payload) {
          window.__calls.push({ name: prop, payload: clone(payload) });
          var fx = window.__fixtures[prop];
          if (fx && fx.seq) fx = fx.seq.length > 1 ? fx.seq.shift() : fx.seq[0];
          var reply = function () {
            if (!fx) { if (failure) failure(new Error('Нет фикстуры для ' + prop)); return; }
            if ('error' in fx) { if (failure) failure(new Error(fx.error)); return; }
            if (success) success(clone(fx.ok));
          };
          // While held (window.__hold = true), replies wait for window.__release(): a test can look at the page
          // during a call without racing a timer.
          if (window.__hold) window.__pending.push(reply);
          else setTimeout(reply, window.__delay);
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();
`;

export interface Opened {
  page: Page;
  dialogs: string[];
  errors: string[];
}

export async function openPage(browser: Browser, name: string, fixtures: Record<string, Fixture>): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 300, height: 720 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Nothing leaves the machine: the page must be self-contained.
  await page.route('**/*', (route) => {
    errors.push(`network request: ${route.request().url()}`);
    return route.abort();
  });
  await page.addInitScript(`window.__fixtures = ${JSON.stringify(fixtures)};\n${fakeRun}`);
  await page.goto('about:blank');
  await page.setContent(pageHtml(name));
  return { page, dialogs, errors };
}

export function calls(page: Page): Promise<Call[]> {
  return page.evaluate('window.__calls') as Promise<Call[]>;
}

export async function callsTo(page: Page, name: string): Promise<Call[]> {
  return (await calls(page)).filter((c) => c.name === name);
}

export async function setFixture(page: Page, name: string, fixture: Fixture): Promise<void> {
  await page.evaluate(`window.__fixtures[${JSON.stringify(name)}] = ${JSON.stringify(fixture)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(root, 'out', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
