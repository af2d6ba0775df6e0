import { Ctx } from './context';
import { strictFake } from './strict';

type Cache = GoogleAppsScript.Cache.Cache;
const DEFAULT_TTL_S = 600;
const MAX_TTL_S = 21600;
const MAX_VALUE_BYTES = 100 * 1024;
// developers.google.com/apps-script/reference/cache/cache: keys up to 250 characters, values up to 100 KB; a longer
// key throws on every method (justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits).
const MAX_KEY_CHARS = 250;
export const KEY_TOO_LARGE = 'Argument too large: key';
function checkKey(key: string): string {
  const k = String(key);
  if (k.length > MAX_KEY_CHARS) throw new Error(KEY_TOO_LARGE);
  return k;
}

class FakeCache implements Pick<Cache, 'get' | 'put' | 'remove' | 'getAll' | 'putAll' | 'removeAll'> {
  private readonly store = new Map<string, { value: string; expires: number }>();
  constructor(private readonly ctx: Ctx) {}
  private nowMs(): number {
    return this.ctx.now().getTime();
  }
  get(key: string): string | null {
    const k = checkKey(key);
    const e = this.store.get(k);
    if (!e) return null;
    if (e.expires <= this.nowMs()) {
      this.store.delete(k);
      return null;
    }
    return e.value;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    const ttl = Math.min(MAX_TTL_S, expirationInSeconds ?? DEFAULT_TTL_S);
    this.store.set(k, { value: v, expires: this.nowMs() + ttl * 1000 });
  }
  remove(key: string): void {
    this.store.delete(checkKey(key));
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    Object.keys(values).forEach(checkKey);
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  removeAll(keys: string[]): void {
    keys.forEach(checkKey);
    for (const k of keys) this.store.delete(k);
  }
}

class FakeCacheService implements Pick<GoogleAppsScript.Cache.CacheService, 'getScriptCache' | 'getUserCache' | 'getDocumentCache'> {
  private readonly script: Cache;
  private readonly document: Cache;
  private readonly users = new Map<string, Cache>();
  constructor(private readonly ctx: Ctx) {
    this.script = this.make();
    this.document = this.make();
  }
  private make(): Cache {
    return strictFake<Cache>(new FakeCache(this.ctx), 'Cache', 'CacheService', this.ctx.env);
  }
  getScriptCache(): Cache {
    return this.script;
  }
  getDocumentCache(): Cache | null {
    return this.document;
  }
  getUserCache(): Cache {
    let c = this.users.get(this.ctx.activeUserEmail);
    if (!c) {
      c = this.make();
      this.users.set(this.ctx.activeUserEmail, c);
    }
    return c;
  }
}

export function createCacheService(ctx: Ctx): GoogleAppsScript.Cache.CacheService {
  return strictFake(new FakeCacheService(ctx), 'CacheService', 'CacheService', ctx.env);
}
