// Developer metadata of a spreadsheet (the spreadsheet-level key/value pairs a script attaches to a file). PROJECT
// visibility: only the script project that wrote it reads it — the local runtime is one project, so every execution
// of the bundle sees it, and nothing else can change it (no UI shows it).
import type { Ctx } from '../context';
import { makeEnum, strictFake } from '../strict';

type S = typeof SpreadsheetApp;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

export const DeveloperMetadataVisibility = makeEnum<S['DeveloperMetadataVisibility']>(['DOCUMENT', 'PROJECT']);

/** developers.google.com/sheets/api/guides/metadata: at most 30,000 characters of metadata per spreadsheet. */
export const METADATA_CHARACTERS = 30_000;

interface Entry {
  key: string;
  value: string;
  visibility: Visibility;
}

type MetadataApi = Pick<DeveloperMetadata, 'getKey' | 'getValue' | 'setValue' | 'getVisibility' | 'remove'>;

class FakeDeveloperMetadata implements MetadataApi {
  proxy!: DeveloperMetadata;
  constructor(
    private readonly store: MetadataStore,
    private readonly entry: Entry,
  ) {}
  getKey(): string {
    return this.entry.key;
  }
  getValue(): string | null {
    return this.entry.value;
  }
  setValue(value: string): DeveloperMetadata {
    this.store.assertRoom(String(value).length - this.entry.value.length);
    this.entry.value = String(value);
    return this.proxy;
  }
  getVisibility(): Visibility {
    return this.entry.visibility;
  }
  remove(): void {
    this.store.entries.splice(this.store.entries.indexOf(this.entry), 1);
  }
}

export class MetadataStore {
  readonly entries: Entry[] = [];
  constructor(private readonly ctx: Ctx) {}
  assertRoom(extra: number): void {
    const used = this.entries.reduce((n, e) => n + e.key.length + e.value.length, 0);
    if (used + extra > METADATA_CHARACTERS)
      throw new Error(`Developer metadata of a spreadsheet is limited to ${METADATA_CHARACTERS} characters.`);
  }
  add(key: string, value: string, visibility: Visibility = DeveloperMetadataVisibility.DOCUMENT): void {
    this.assertRoom(String(key).length + String(value).length);
    this.entries.push({ key: String(key), value: String(value), visibility });
  }
  list(): DeveloperMetadata[] {
    return this.entries.map((entry) => {
      const m = new FakeDeveloperMetadata(this, entry);
      m.proxy = strictFake<DeveloperMetadata>(m, 'DeveloperMetadata', 'SpreadsheetApp', this.ctx.env);
      return m.proxy;
    });
  }
}
