import { CallCounter } from './calls';
import { FAKE_MARK, Realm, toRealm } from './realm';

/** Symbol to reach the raw implementation behind a strict fake (used by local tooling, e.g. XLSX export). */
export const IMPL = Symbol.for('marshrut.fake.impl');

export function unwrap<T>(fake: unknown): T {
  const raw = (fake as Record<symbol, unknown>)[IMPL];
  return (raw ?? fake) as T;
}

/** Shared per-runtime context every fake proxy reports to. */
export interface FakeEnv {
  calls: CallCounter;
  realm?: Realm;
  /** Runs before every counted call (`Class.method`): the execution model counts, delays, kills, interleaves. */
  beforeCall?: (member: string) => void;
}

/** Properties that tooling (jest, util.inspect, await) probes; answering `undefined` keeps them quiet. */
const PROBES = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'constructor',
  'inspect',
  'toString',
  'valueOf',
  'length',
  'prototype',
  '_isMockFunction',
]);

export function notImplemented(className: string, method: string): Error {
  return new Error(`${className}.${method} не реализован в локальной среде Маршрута`);
}

/**
 * Wraps a fake implementation so that every method call is counted and any method that the
 * fake does not implement throws a clear error instead of silently doing nothing.
 * Methods run against the raw implementation (not the proxy), so internal calls are not counted.
 */
export function strictFake<T>(impl: object, className: string, service: string, env: FakeEnv): T {
  // Made on the first method call: most proxies (a form's 133k responses) are never called through.
  let wrapped: Map<PropertyKey, unknown> | undefined;
  return new Proxy(impl, {
    get(target, prop, receiver) {
      if (prop === FAKE_MARK) return true;
      if (prop === IMPL) return target;
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (prop in target) {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== 'function' || prop === 'constructor') return v;
        let w = (wrapped ??= new Map()).get(prop);
        if (!w) {
          w = function (this: unknown, ...args: unknown[]) {
            env.calls.record(service, className, prop, () => (target as { _traceSheet?(): string })._traceSheet?.());
            try {
              env.beforeCall?.(`${className}.${prop}`);
              return toRealm((v as (...a: unknown[]) => unknown).apply(target, args), env.realm);
            } catch (e) {
              // Re-throw as an Error of the bundle's realm so `e instanceof Error` works there.
              if (env.realm && e instanceof Error) {
                const re = new env.realm.Error(e.message);
                re.stack = e.stack;
                throw re;
              }
              throw e;
            }
          };
          wrapped.set(prop, w);
        }
        return w;
      }
      if (PROBES.has(prop) || prop.startsWith('$$') || prop.startsWith('@@') || prop.startsWith('_')) {
        return undefined;
      }
      return () => {
        env.calls.record(service, className, prop);
        const err = notImplemented(className, prop);
        if (env.realm) throw new env.realm.Error(err.message);
        throw err;
      };
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value);
    },
  }) as T;
}

/** Turns an object of plain enum names into a frozen `{NAME: 'NAME'}` enum typed as the Google enum. */
export function makeEnum<E>(names: readonly string[]): E {
  const o: Record<string, string> = {};
  for (const n of names) o[n] = n;
  return Object.freeze(o) as unknown as E;
}
