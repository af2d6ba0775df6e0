// The Apps Script bundle as Google would load it: top-level functions for every export, nothing Node-only,
// self-contained sidebars, a manifest with V8, Moscow time and the narrow scopes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { BUILD, openBuiltWorkbook, readExports, requireBuild } from '../support/e2eBuild';
import type { MenuRecord } from '../../src/local/fakes/context';

requireBuild();
const code = readFileSync(join(BUILD, 'Code.js'), 'utf8');
const exportsList = readExports();
const htmlFiles = readdirSync(BUILD).filter((f) => f.endsWith('.html'));
const html = Object.fromEntries(htmlFiles.map((f) => [f, readFileSync(join(BUILD, f), 'utf8')]));
const escape = (s: string) => s.replace(/[$]/g, '\\$');

function menuFunctions(menus: MenuRecord[]): string[] {
  const out: string[] = [];
  const walk = (m: MenuRecord) => {
    for (const item of m.items) {
      if ('functionName' in item) out.push(item.functionName);
      else if ('subMenu' in item) walk(item.subMenu);
    }
  };
  menus.forEach(walk);
  return out;
}

describe('build/Code.js in the Apps Script sandbox', () => {
  const wb = openBuiltWorkbook();

  test('exports.json lists the functions of the menu, the triggers and the sidebars', () => {
    expect(exportsList.length).toBeGreaterThan(0);
    expect(new Set(exportsList).size).toBe(exportsList.length);
  });

  test.each(exportsList)('%s is a top-level function declaration and resolves in the sandbox', (name) => {
    expect(code).toMatch(new RegExp(`^function ${escape(name)}\\(`, 'm'));
    expect(wb.sandbox.has(name)).toBe(true);
  });

  test('the script defines exactly the exports and its namespace MARSHRUT_ at top level', () => {
    // zod 4 registers two objects on globalThis when it loads (globalThis.__zod_globalConfig/__zod_globalRegistry).
    // They are not functions, so Apps Script lists no extra entry point for them; everything else must be ours.
    const ZOD_GLOBALS = ['__zod_globalConfig', '__zod_globalRegistry'];
    const names = wb.sandbox.globalNames();
    expect(names.filter((n) => !ZOD_GLOBALS.includes(n)).sort()).toEqual([...exportsList, 'MARSHRUT_'].sort());
  });

  test('every menu item, every installable trigger and every sidebar call name an export', () => {
    const menus = wb.runtime.ui.menus;
    expect(menus.map((m) => m.title)).toEqual(['Маршрут']);
    const named = menuFunctions(menus);
    expect(named).toEqual([
      'menuSetupWorkbook',
      'menuCreateForms',
      'menuSyncFormChoices',
      'menuShowQuarantine',
      'menuShowIom',
      'menuShowIndicators',
      'menuShowRoadmap',
      'menuShowDashboard',
      'menuRebuildDashboard',
      'menuShowImport',
      'menuRebuildRegisters',
      'menuArchiveAuditLog',
      'menuArchiveResponses',
      'menuShowSettings',
      'menuSetupRegionalWorkbook',
      'menuShowRegion',
    ]);
    // The answers' two, the scheduler's one, and earlier versions' handlers (a trigger of theirs migrates the workbook).
    const triggers = [
      'onResponseTrigger',
      'onSheetEditTrigger',
      'onSchedulerTrigger',
      'onDrainTrigger',
      'onDrainSoonTrigger',
      'onRegionRefreshTrigger',
      'onDigestTrigger',
    ];
    for (const fn of [...named, ...triggers, 'onOpen', 'onInstall']) expect(exportsList).toContain(fn);

    const calls = new Set<string>();
    for (const text of Object.values(html)) {
      for (const m of text.matchAll(
        /google\.script\.run(?:\s*\.\s*with(?:SuccessHandler|FailureHandler|UserObject)\([^)]*\))*\s*\.\s*(?!with(?:SuccessHandler|FailureHandler|UserObject)\b)([A-Za-z_$][\w$]*)\s*\(/g,
      ))
        calls.add(m[1]!);
      // The pages call the server through common.js's rpc('name', payload) helper.
      for (const m of text.matchAll(/\brpc\(\s*['"]([A-Za-z_$][\w$]*)['"]/g)) calls.add(m[1]!);
    }
    expect(calls.size).toBeGreaterThanOrEqual(6);
    for (const name of calls) expect(exportsList).toContain(name);
  });

  test('no Node.js or browser-only API is referenced as a free global', () => {
    // esbuild's `define` replaces only unbound identifiers: a parameter named `module` (the CommonJS shim) or the
    // helper `__require` stay, a real reference to Node's `require`/`process`/… becomes a FREE_ marker.
    const defined = ['require', 'process', 'Buffer', '__dirname', '__filename', 'module', 'exports', 'fetch'];
    const out = transformSync(code, {
      loader: 'js',
      minifyWhitespace: true, // drops comments too
      legalComments: 'none',
      define: Object.fromEntries(defined.map((n) => [n, `FREE_${n}_`])),
      logLevel: 'silent',
    }).code;
    const free = [...new Set([...out.matchAll(/FREE_([A-Za-z_]+?)_(?![A-Za-z])/g)].map((m) => m[1]))];
    // `typeof X` of a missing global is harmless (a UMD probe), so only non-typeof uses count.
    const real = free.filter((n) => new RegExp(`(?<!typeof )FREE_${n}_`).test(out));
    expect(real).toEqual([]);
    expect(out).not.toMatch(/(?<![\w$.])import\s*\(/);
    expect(out).not.toMatch(/(?<![\w$.])fetch\s*\(/);
    expect(out).not.toMatch(/(?<![\w$.])require\s*\(/);
    expect(out).not.toMatch(/__dirname/);
  });

  test('browser globals appear only in papaparse code paths the add-on never takes', () => {
    const out = transformSync(code, {
      loader: 'js',
      minifyWhitespace: true,
      define: {
        window: 'FREE_window_',
        document: 'FREE_document_',
        setTimeout: 'FREE_setTimeout_',
        setInterval: 'FREE_setInterval_',
        XMLHttpRequest: 'FREE_XMLHttpRequest_',
      },
      logLevel: 'silent',
    }).code;
    const uses = [...out.matchAll(/FREE_(\w+?)_/g)].map((m) => m[1]);
    // papaparse: `typeof window` probe for its global object, setTimeout in its paused-stream resume(), and
    // XMLHttpRequest in its NetworkStreamer (download: true) — the add-on parses strings only.
    expect([...new Set(uses)].sort()).toEqual(['XMLHttpRequest', 'setTimeout', 'window']);
    expect(out).toMatch(/typeof FREE_window_!=="undefined"\)\{return FREE_window_\}/);
  });

  test('the raw bundle text: which of the listed tokens occur, and only in harmless places', () => {
    // Literal scan requested for the bundle: the only hits may be esbuild's CommonJS shim (`__require()`,
    // `require_…()`) and papaparse's UMD wrapper (`module.exports=factory()`, where `module` is a parameter). The
    // bundle is one line (whitespace minified), so each hit is shown with the text around it.
    const hits = (re: RegExp) =>
      [...code.matchAll(new RegExp(re.source, `g${re.flags}`))].map((m) =>
        code.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30),
      );
    expect(hits(/(?<![\w$.])require\(/)).toEqual([]);
    expect(hits(/(?<![\w$.])process\./)).toEqual([]);
    expect(hits(/\bBuffer\b/)).toEqual([]);
    expect(hits(/__dirname/)).toEqual([]);
    expect(hits(/(?<![\w$.])fetch\(/)).toEqual([]);
    expect(hits(/(?<![\w$.])import\(/)).toEqual([]);
    expect(hits(/(?<!")module\.exports(?!=factory\(\)|")/)).toEqual([]);
    expect(hits(/module\.exports=factory\(\)/)).toHaveLength(1);
  });

  test.each(htmlFiles)('%s loads nothing from a CDN', (file) => {
    const text = html[file]!;
    expect(text).not.toMatch(/<script\b[^>]*\bsrc\s*=\s*["']?(https?:)?\/\//i);
    expect(text).not.toMatch(/<link\b[^>]*\bhref\s*=\s*["']?(https?:)?\/\//i);
    expect(text).not.toMatch(/<(img|iframe|script|link)\b[^>]*\b(src|href)\s*=\s*["']?https?:/i);
    expect(text).not.toMatch(/@import\s+(url\()?["']?https?:/i);
  });

  test('the bundle stays within its size budget (Google evaluates the whole file on every menu click, RPC and trigger)', () => {
    // 0.8 MB, issue 17 point 5: `import { z }` pulled in all of zod's locales and JSON-schema code (1.22 MB in all);
    // the namespace import lets esbuild drop what the add-on never calls.
    const BUDGET = 800 * 1024;
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(BUDGET);
  });

  test('appsscript.json: V8, Europe/Moscow, only the scopes the add-on needs', () => {
    const manifest = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
    const allowed = ['spreadsheets', 'forms', 'script.container.ui', 'script.scriptapp', 'userinfo.email', 'script.send_mail'].map(
      (s) => `https://www.googleapis.com/auth/${s}`,
    );
    expect(Array.isArray(manifest.oauthScopes)).toBe(true);
    for (const scope of manifest.oauthScopes) expect(allowed).toContain(scope);
    // …and exactly the scopes README's «OAuth scopes» table justifies.
    const readme = readFileSync(join(BUILD, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### OAuth scopes'));
    const table = section.slice(0, section.search(/\n\s*\n/));
    const documented = [...table.matchAll(/^\|\s*`([\w.]+)`\s*\|/gm)].map((m) => `https://www.googleapis.com/auth/${m[1]}`);
    expect(documented.length).toBeGreaterThan(0);
    expect([...manifest.oauthScopes].sort()).toEqual(documented.sort());
    // The dashboard web app runs as its visitor (Session.getActiveUser names them; never the owner's rights).
    expect(manifest.webapp).toEqual({ executeAs: 'USER_ACCESSING', access: 'ANYONE' });
  });

  // Issue 19 p.8: a trigger handler run from the script editor gets no event — Russian, with what to do instead.
  test('a trigger handler run by hand, without its event, answers in Russian', () => {
    const local = openBuiltWorkbook();
    local.menu('menuSetupWorkbook');
    expect(() => local.sandbox.call('onResponseTrigger')).toThrow(
      'onResponseTrigger запускает сам Google — при каждом ответе формы. Вручную его запускать не нужно: ответы, которые ждут, «Маршрут» разберёт сам в течение 10 минут.',
    );
    expect(() => local.sandbox.call('onSheetEditTrigger')).toThrow(
      /^onSheetEditTrigger запускает сам Google — при правке листа\. .*«Маршрут → Обновить списки в формах»/,
    );
    expect(local.sandbox.call('onSchedulerTrigger')).toMatchObject({ ran: [], failed: [] }); // a tick needs no event
  });
});
