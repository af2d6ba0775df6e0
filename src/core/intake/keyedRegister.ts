// Natural keys of the registers (SPEC §5) and an index over a register table by natural key and by response id,
// so an upsert costs a map look-up instead of a scan, and an edited response finds its own row.
import type { RegisterId } from '../schema/sheets';
import type { Row, Table } from '../table';
import { isDate, normalizeName } from '../text';
import type { Cell } from '../ports';
import { personKey } from './directory';
import type { Workbook } from '../workbook';

/** A day as a compact key part (yyyymmdd); keys are compared, never shown. */
const day = (v: Cell): string => (isDate(v) ? String(v.getFullYear() * 10000 + (v.getMonth() + 1) * 100 + v.getDate()) : String(v).trim());
const who = (t: Table, i: number, prefix: string) => personKey(t.text(i, `${prefix}Name`), t.text(i, `${prefix}OrgCode`));
export const eventKey = (title: string, start: Cell): string => `${normalizeName(title)}|${day(start)}`;

export type KeyedSheetId = RegisterId | 'organizations' | 'staff';

/** The natural key of row `i` of a register: a later submission with the same key replaces the earlier one. */
export const NATURAL_KEYS: Record<KeyedSheetId, (t: Table, i: number) => string> = {
  organizations: (t, i) => normalizeName(t.text(i, 'code')),
  staff: (t, i) => personKey(t.text(i, 'name'), t.text(i, 'orgCode')),
  iom: (t, i) => `${who(t, i, 'person')}|${day(t.get(i, 'start'))}`,
  diagnostics: (t, i) => `${who(t, i, 'person')}|${day(t.get(i, 'date'))}|${normalizeName(t.text(i, 'procedure'))}`,
  events: (t, i) => eventKey(t.text(i, 'title'), t.get(i, 'start')),
  participation: (t, i) => `${eventKey(t.text(i, 'eventTitle'), t.get(i, 'eventStart'))}|${who(t, i, 'person')}`,
  mentoring: (t, i) => `${who(t, i, 'mentor')}|${who(t, i, 'mentee')}|${normalizeName(t.text(i, 'form'))}`,
  roadmap: (t, i) => normalizeName(t.text(i, 'item')),
};

/** Which response a row came from: follows the answers, never counts as a change of them. */
const RESPONSE_TRAIL = ['responseId', 'editUrl', 'respondent'];

export type Upsert = {
  index: number;
  key: string;
  action: 'added' | 'updated' | 'unchanged';
  changes: { key: string; before: Cell; after: Cell }[];
};

/**
 * How a row meets the row already stored under its key:
 * - `replace`: a later submission replaces the earlier one (SPEC §5), empty answers included;
 * - `keepFilled`: a file's empty cell never clears a stored value (a reference CSV, loaded again or partially);
 * - `fillEmpty`: only empty cells are filled (another source's row: the IOM form's diagnostic meeting a row of
 *   diagnostics.csv, and back — so loading both again changes nothing);
 * - `keepStored`: the stored row stays as it is (it holds a later answer than this one).
 */
export type MergePolicy = 'replace' | 'keepFilled' | 'fillEmpty' | 'keepStored';

/** A row from `source` meeting stored row `index`: `sameSource` when the stored row came from it too, else fillEmpty. */
export function acrossSources(table: Table, index: number, source: string, sameSource: MergePolicy): MergePolicy {
  const stored = table.text(index, 'source');
  return stored && stored !== source ? 'fillEmpty' : sameSource;
}

export class KeyedRegister {
  private byKey?: Map<string, number>;
  private byResponse?: Map<string, number>;
  readonly table: Table;

  constructor(
    workbook: Workbook,
    readonly id: KeyedSheetId,
  ) {
    this.table = workbook.table(id);
  }

  private index(): void {
    if (this.byKey) return;
    this.byKey = new Map();
    this.byResponse = new Map();
    for (let i = 0; i < this.table.size; i++) this.remember(i);
  }

  private remember(i: number): void {
    this.byKey!.set(NATURAL_KEYS[this.id](this.table, i), i);
    const responseId = this.table.text(i, 'responseId');
    if (responseId) this.byResponse!.set(responseId, i);
  }

  /** The row index with this natural key, if any. */
  find(key: string): number | undefined {
    this.index();
    return this.byKey!.get(key);
  }

  keyOf(row: Row): string {
    // The key of a row not yet in the table: computed the same way, on a one-row scratch table.
    const scratch = this.table.scratch(row);
    return NATURAL_KEYS[this.id](scratch, 0);
  }

  /**
   * Replaces the row with the same response id (an edited response) or natural key, or appends a new one.
   * `whenAdded` / `whenChanged` are trail fields (received, updated) that must not by themselves count as a change;
   * so are the response id, edit link and respondent: a resubmission with the same answers leaves the row as it was.
   * `merge(existingIndex)` chooses how the row meets a stored one (default: replace).
   */
  upsert(row: Row, responseId: string, whenAdded: Row, whenChanged: Row, merge: (index: number) => MergePolicy = () => 'replace'): Upsert {
    this.index();
    const key = this.keyOf(row);
    const existing = (responseId ? this.byResponse!.get(responseId) : undefined) ?? this.byKey!.get(key);
    if (existing === undefined) {
      // Object.assign, not a spread: in a literal V8 copies a spread row through its slow path (see mappers.ts, iom).
      const index = this.table.append(Object.assign({}, row, whenAdded));
      this.remember(index);
      return { index, key, action: 'added', changes: [] };
    }
    const policy = merge(existing);
    if (policy === 'keepStored') return { index: existing, key, action: 'unchanged', changes: [] };
    const content: Row = {};
    const trail: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (policy !== 'replace' && v === '') continue;
      if (policy === 'fillEmpty' && this.table.get(existing, k) !== '') continue;
      // The trail follows the latest answer, but an answer that does not know it (a response read from its sheet
      // has no edit link yet) leaves it as stored.
      if (RESPONSE_TRAIL.includes(k)) {
        if (v !== '') trail[k] = v;
      } else content[k] = v;
    }
    const oldKey = NATURAL_KEYS[this.id](this.table, existing);
    const changes = this.table.update(existing, content);
    if (!changes.length) return { index: existing, key, action: 'unchanged', changes };
    this.table.update(existing, Object.assign({}, trail, whenChanged));
    if (oldKey !== key && this.byKey!.get(oldKey) === existing) this.byKey!.delete(oldKey);
    this.remember(existing);
    return { index: existing, key, action: 'updated', changes };
  }
}
