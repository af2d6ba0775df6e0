/**
 * Values returned to bundle code should look native to the bundle's vm realm
 * (`v instanceof Date`, `Array.isArray`, `e instanceof Error` inside the bundle).
 * The sandbox installs the realm's constructors; fakes convert plain data on the way out.
 */
export interface Realm {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

export function isDate(v: unknown): v is Date {
  return v instanceof Date || (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  if (Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null; // Object.prototype of any realm
}

/**
 * Deep-copies arrays, dates and plain objects into the given realm; other objects pass through. An array already of
 * the realm was built there whole (a sheet read: `Range.getValues`) and is returned as it is, not copied a second time.
 */
export function toRealm(value: unknown, realm: Realm | undefined, depth = 0): unknown {
  if (!realm || depth > 20 || value === null || typeof value !== 'object') return value;
  if (value instanceof realm.Array) return value;
  if (Array.isArray(value)) {
    const out = new realm.Array();
    for (const v of value) out.push(toRealm(v, realm, depth + 1));
    return out;
  }
  if (isDate(value)) return new realm.Date(value.getTime());
  if (isPlainObject(value) && !isFakeProxy(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = toRealm(v, realm, depth + 1);
    return out;
  }
  return value;
}

export const FAKE_MARK = Symbol.for('marshrut.fake');
function isFakeProxy(v: object): boolean {
  return (v as Record<symbol, unknown>)[FAKE_MARK] === true;
}
