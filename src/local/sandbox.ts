import vm from 'node:vm';
import type { LocalRuntime } from './runtime';
import { Realm, toRealm } from './fakes/realm';

export interface Sandbox {
  call(name: string, ...args: unknown[]): unknown;
  has(name: string): boolean;
  /** Names the script defined at top level (functions, var/let/const), excluding the injected globals. */
  globalNames(): string[];
}

/**
 * Runs the bundle as Apps Script would: a plain script in a fresh V8 context that sees only the
 * Apps Script services (fakes) and ECMAScript builtins — no require, process, Buffer or timers.
 */
export function loadBundle(code: string, runtime: LocalRuntime, filename = 'Code.js'): Sandbox {
  const injected = Object.keys(runtime.globals);
  const context = vm.createContext(Object.create(null), { name: 'Маршрут (Apps Script)', codeGeneration: { strings: true, wasm: false } });
  const builtins = new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', context)));
  for (const [k, v] of Object.entries(runtime.globals)) {
    Object.defineProperty(context, k, { value: v, writable: true, configurable: true, enumerable: false });
  }
  // The realm's own Date, taken before the clock replaces it: the fakes make Dates with a time value only.
  const realm = vm.runInContext('({ Array, Date, Object, Error })', context) as Realm;
  installClock(context, () => runtime.now().getTime());
  runtime.setRealm(realm);
  bindBuiltins(context, builtins);

  new vm.Script(code, { filename }).runInContext(context);

  // let/const/class at top level live in the script scope, not on globalThis: reach them by name.
  const lexical = collectTopLevelLexicalNames(code);
  const get = (name: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(context, name)) return (context as Record<string, unknown>)[name];
    if (lexical.has(name)) {
      try {
        return vm.runInContext(`typeof ${name} === 'undefined' ? undefined : ${name}`, context);
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  const skip = new Set([...injected, ...builtins]);

  const sandbox: Sandbox = {
    call(name, ...args) {
      const fn = get(name);
      if (typeof fn !== 'function') throw new Error(`Функция ${name} не определена в скрипте`);
      // Each call from outside (a menu click, an RPC, a trigger) is one execution, as in Apps Script.
      const none = (args[0] as { authMode?: unknown } | null | undefined)?.authMode === 'NONE';
      const outer = runtime.executions.authModeNone;
      runtime.executions.authModeNone = none;
      try {
        return runtime.executions.run(name, () => (fn as (...a: unknown[]) => unknown)(...args.map((a) => toRealm(a, realm))));
      } finally {
        runtime.executions.authModeNone = outer;
      }
    },
    has(name) {
      return !skip.has(name) && get(name) !== undefined;
    },
    globalNames() {
      const own = Object.getOwnPropertyNames(context).filter((n) => !skip.has(n));
      for (const n of lexical) if (!own.includes(n) && get(n) !== undefined) own.push(n);
      return own;
    },
  };
  runtime.setDispatcher((name, e) => sandbox.call(name, e));
  runtime.setGlobalLookup((name) => (skip.has(name) ? undefined : get(name)));
  return sandbox;
}

/** Cheap scan for `let|const|class NAME` at column 0 (bundles emit top-level declarations unindented). */
function collectTopLevelLexicalNames(code: string): Set<string> {
  const out = new Set<string>();
  const re = /^(?:let|const|class)\s+([A-Za-z_$][\w$]*)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) out.add(m[1]!);
  return out;
}

/**
 * The script's `new Date()` and `Date.now()` follow the runtime clock (its `now` option), as the fakes' own
 * timestamps do; every other use of Date is the realm's own (same prototype, so instanceof holds).
 */
function installClock(context: vm.Context, nowMs: () => number): void {
  const install = vm.runInContext(
    `(function (nowMs) {
      var RealDate = Date;
      function ClockDate() {
        if (!new.target) return new RealDate(nowMs()).toString();
        // One argument (a time value, as every Date handed into the sandbox is made): no argument juggling.
        if (arguments.length === 1) return new RealDate(arguments[0]);
        return arguments.length ? new (Function.prototype.bind.apply(RealDate, [null].concat([].slice.call(arguments))))() : new RealDate(nowMs());
      }
      ClockDate.prototype = RealDate.prototype;
      ClockDate.now = function () { return nowMs(); };
      ClockDate.parse = RealDate.parse;
      ClockDate.UTC = RealDate.UTC;
      globalThis.Date = ClockDate;
    })`,
    context,
  ) as (nowMs: () => number) => void;
  install(nowMs);
}

/**
 * node:vm answers every look-up of a global name (`Date`, `Object`, `Map` …) through the contextified global's
 * interceptor, ~20× slower than the ordinary globals of Apps Script’s V8 (a 100k-staff recompute spent 0.2 s in
 * one `instanceof Date`). Script-scope `const` bindings of the same built-ins (the clock’s Date included) are found
 * first and at ordinary cost; the script sees the same objects, and its own top-level names stay globals. The
 * services (fakes) stay properties of the global: a test may swap one. (A script declaring `var Date` itself would
 * be refused here; the bundle declares only `MARSHRUT_` and its entry points.)
 */
function bindBuiltins(context: vm.Context, builtins: ReadonlySet<string>): void {
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const names = [...builtins].filter((name) => {
    const own = Object.getOwnPropertyDescriptor(global, name)!;
    // Non-configurable globals (undefined, NaN) cannot be shadowed; a bound eval would no longer be a direct eval.
    return own.configurable && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'eval' && name !== 'globalThis';
  });
  vm.runInContext(names.map((name) => `const ${name} = globalThis.${name};`).join('\n'), context);
}
