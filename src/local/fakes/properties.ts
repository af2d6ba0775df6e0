import { Ctx } from './context';
import { strictFake } from './strict';

type Properties = GoogleAppsScript.Properties.Properties;
// developers.google.com/apps-script/guides/services/quotas: «Properties value size 9 KB / val», «Properties total
// storage 500 KB / property store». Keys count toward the total as well as values (measured by tanaikech,
// gist.github.com/tanaikech/8b057d10fb5f2af014794e57b021c6aa); the messages are Google's.
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL = 'You have exceeded the property storage quota. Please remove some properties and try again.';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

type PropsApi = Pick<
  Properties,
  'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' | 'deleteProperty' | 'deleteAllProperties'
>;

export class FakeProperties implements PropsApi {
  proxy!: Properties;
  readonly store = new Map<string, string>();
  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: string): Properties {
    return this.setProperties({ [String(key)]: String(value) });
  }
  /** All or nothing: a value over 9 KB, or a store that would pass 500 KB, changes nothing and throws. */
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    const entries = Object.entries(properties).map(([k, v]) => [k, String(v)] as const);
    for (const [, v] of entries) if (bytes(v) > MAX_VALUE_BYTES) throw new Error(VALUE_TOO_LARGE);
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [k, v] of entries) next.set(k, v);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) throw new Error(STORE_FULL);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    return this.proxy;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  deleteProperty(key: string): Properties {
    this.store.delete(key);
    return this.proxy;
  }
  deleteAllProperties(): Properties {
    this.store.clear();
    return this.proxy;
  }
}

function makeProps(ctx: Ctx): FakeProperties {
  const p = new FakeProperties();
  p.proxy = strictFake<Properties>(p, 'Properties', 'PropertiesService', ctx.env);
  return p;
}

class FakePropertiesService implements Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'
> {
  readonly script: FakeProperties;
  /** Per document: «specific to the current document» (developers.google.com/apps-script/guides/properties). */
  readonly documents = new Map<string, FakeProperties>();
  readonly users = new Map<string, FakeProperties>();
  constructor(
    private readonly ctx: Ctx,
    private readonly documentId: () => string | null,
  ) {
    this.script = makeProps(ctx);
  }
  getScriptProperties(): Properties {
    return this.script.proxy;
  }
  getDocumentProperties(): Properties {
    const id = this.documentId() ?? '';
    let p = this.documents.get(id);
    if (!p) {
      p = makeProps(this.ctx);
      this.documents.set(id, p);
    }
    return p.proxy;
  }
  /** User properties are per active user. */
  getUserProperties(): Properties {
    const email = this.ctx.activeUserEmail;
    let p = this.users.get(email);
    if (!p) {
      p = makeProps(this.ctx);
      this.users.set(email, p);
    }
    return p.proxy;
  }
}

export function createPropertiesService(
  ctx: Ctx,
  documentId: () => string | null = () => null,
): { fake: GoogleAppsScript.Properties.PropertiesService; impl: FakePropertiesService } {
  const impl = new FakePropertiesService(ctx, documentId);
  return { fake: strictFake(impl, 'PropertiesService', 'PropertiesService', ctx.env), impl };
}
