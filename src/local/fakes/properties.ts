import { Ctx } from './context';
import { strictFake } from './strict';

type Properties = GoogleAppsScript.Properties.Properties;
const MAX_VALUE_BYTES = 9 * 1024;

type PropsApi = Pick<Properties, 'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' |
  'deleteProperty' | 'deleteAllProperties'>;

export class FakeProperties implements PropsApi {
  proxy!: Properties;
  readonly store = new Map<string, string>();
  getProperty(key: string): string | null { return this.store.get(String(key)) ?? null; }
  setProperty(key: string, value: string): Properties {
    const v = String(value);
    // Google limits one value to 9 KB.
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    this.store.set(String(key), v);
    return this.proxy;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    const entries = Object.entries(properties).map(([k, v]) => [k, String(v)] as const);
    for (const [, v] of entries) if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of entries) this.store.set(k, v);
    return this.proxy;
  }
  getProperties(): { [key: string]: string } { return Object.fromEntries(this.store); }
  getKeys(): string[] { return [...this.store.keys()]; }
  deleteProperty(key: string): Properties { this.store.delete(key); return this.proxy; }
  deleteAllProperties(): Properties { this.store.clear(); return this.proxy; }
}

function makeProps(ctx: Ctx): FakeProperties {
  const p = new FakeProperties();
  p.proxy = strictFake<Properties>(p, 'Properties', 'PropertiesService', ctx.env);
  return p;
}

class FakePropertiesService implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'> {
  readonly script: FakeProperties;
  readonly document: FakeProperties;
  readonly users = new Map<string, FakeProperties>();
  constructor(private readonly ctx: Ctx) {
    this.script = makeProps(ctx);
    this.document = makeProps(ctx);
  }
  getScriptProperties(): Properties { return this.script.proxy; }
  getDocumentProperties(): Properties { return this.document.proxy; }
  /** User properties are per active user. */
  getUserProperties(): Properties {
    const email = this.ctx.activeUserEmail;
    let p = this.users.get(email);
    if (!p) { p = makeProps(this.ctx); this.users.set(email, p); }
    return p.proxy;
  }
}

export function createPropertiesService(ctx: Ctx): { fake: GoogleAppsScript.Properties.PropertiesService; impl: FakePropertiesService } {
  const impl = new FakePropertiesService(ctx);
  return { fake: strictFake(impl, 'PropertiesService', 'PropertiesService', ctx.env), impl };
}
