// «Обновить сводку» and the list of municipal workbooks, over ports. A refresh is a run: it reads every listed
// workbook once (one read of its «Показатели»), in sheet order, and may span several executions. A run starts by
// clearing «Проверена»; each execution reads the workbooks not checked yet until its time budget is spent, then
// writes what it read — «Муниципалитеты» (read or why not, when) and «Сводные показатели» rewritten whole with the
// region's totals — in one write each (every few minutes in a slow run, so a stopped execution loses little). A
// checked workbook is not read again in the run, and a municipality's rows are keyed by its workbook: a resumed run
// never counts one twice.
import { presetOf, PRESET_IDS, type Preset } from '../indicators/presets';
import { dayNumber } from '../indicators/period';
import { isoDateTime } from '../indicators/report';
import { inTransaction, transaction, type IntakeDeps } from '../intake/service';
import { SHEETS } from '../schema/sheets';
import { regionTotals, type SummaryRow } from './consolidate';
import {
  badLinkReason,
  duplicateReason,
  municipalOutcome,
  type MunicipalOutcome,
  type RegionExpectation,
  type RegionSourcePort,
} from './municipal';
import {
  entryUpdate,
  keepEarlierYears,
  municipalEntries,
  municipalSummary,
  readSummary,
  summarySheetRow,
  type MunicipalEntry,
} from './report';
import { readRegionSettings, type RegionSettings } from './settings';
import { rollUp } from './units';
import { workbookIdOf } from './workbookId';

/** A refresh in progress; the workbooks it has checked have «Проверена» filled again. */
export interface RefreshRun {
  /** ms since the epoch. */
  readonly startedAt: number;
}

/** Where the run in progress is kept between executions (document properties in Google). */
export interface RefreshRunPort {
  current(): RefreshRun | null;
  start(run: RefreshRun): void;
  finish(): void;
}

export interface RegionDeps extends IntakeDeps {
  readonly sources: RegionSourcePort;
  readonly runs: RefreshRunPort;
}

/** Where a refresh is: shown by the sidebar while it waits. */
export type RegionProgress = (message: string, done: number, total: number) => void;

export interface RefreshOptions {
  /** Stop starting new reads after this many ms of the execution (Apps Script stops one at 6 minutes). */
  readonly budgetMs?: number;
  /** Write what was read at least this often, so a stopped execution loses little. */
  readonly checkpointMs?: number;
  /** A continuation (the time trigger): carries a run on, never starts one. */
  readonly continueOnly?: boolean;
  readonly progress?: RegionProgress;
}

export interface RefreshResult {
  /** false: there was no run to continue (a continuation found the work done). */
  readonly ran: boolean;
  /** Every listed workbook has been checked: the run is over. */
  readonly complete: boolean;
  readonly total: number;
  /** Checked in this run so far. */
  readonly checked: number;
  /** In the roll-up (read, same indicator set, whole municipality, the region's year). */
  readonly included: number;
}

/**
 * Well inside the 6 minutes: the last read, the writes and the regional «Дашборд» (rebuilt when the run finishes)
 * fit after it even at seconds per call (tests/e2e/regionResume.test.ts: 2 s a call). 3, not 3.5: each workbook's
 * «Дорожная карта» is read too, the years kept («Факт по годам») are merged into the last write, and the scheduler's
 * tick that carries the run on has its own calls — at 3.25 the run's last execution passed 6 minutes.
 */
export const REFRESH_BUDGET_MS = 3 * 60_000;
export const CHECKPOINT_MS = 2 * 60_000;
/**
 * A run not finished after this long is abandoned: the next «Обновить сводку» starts afresh. Long enough for an
 * add-on, whose hourly tick continues a 60-workbook run in about three executions spread over hours.
 */
export const RUN_STALE_MS = 12 * 60 * 60_000;
export const REFRESH_ACTION = 'Обновлена региональная сводка';

/** The region's preset from «Настройки», or what to fix there. */
export function regionPreset(settings: RegionSettings): Preset {
  if (!PRESET_IDS.includes(settings.preset)) {
    throw new Error(
      `В «Настройках» региональной книги «Набор показателей» — «${settings.preset}»: укажите один из наборов ${PRESET_IDS.join(', ')}.`,
    );
  }
  return presetOf(settings.preset);
}

const checkedIn = (entry: MunicipalEntry) => entry.checkedAt !== null;

interface Checked {
  readonly entry: MunicipalEntry;
  readonly outcome: MunicipalOutcome;
  readonly at: Date;
}

export function refreshRegion(deps: RegionDeps, options: RefreshOptions = {}): RefreshResult {
  const budget = options.budgetMs ?? REFRESH_BUDGET_MS;
  const every = options.checkpointMs ?? CHECKPOINT_MS;
  const started = deps.clock.now().getTime();
  const run = deps.runs.current();
  const fresh = !run || started - run.startedAt >= RUN_STALE_MS;
  if (fresh && options.continueOnly) {
    if (run) deps.runs.finish();
    return { ran: false, complete: true, total: 0, checked: 0, included: 0 };
  }
  const { settings, entries } = transaction(deps, ({ workbook }) => {
    const settings = readRegionSettings(workbook.table('settings'));
    regionPreset(settings); // a wrong setting stops the run before anything is written
    const list = workbook.table('municipalities');
    if (fresh) for (const entry of municipalEntries(list)) list.update(entry.index, { checkedAt: '' });
    return { settings, entries: municipalEntries(list) };
  });
  if (fresh) deps.runs.start({ startedAt: started });
  const preset = regionPreset(settings);
  const expect: RegionExpectation = { preset, year: settings.year, reader: deps.actor, today: dayNumber(deps.clock.now()) };
  const pending = entries.filter((e) => !checkedIn(e));
  const now = () => deps.clock.now().getTime();
  let done = entries.length - pending.length;
  let batch: Checked[] = [];
  let written = started;
  for (const [i, entry] of pending.entries()) {
    // At least one read per execution, so a run always moves on.
    if (i > 0 && now() - started > budget) break;
    options.progress?.('Чтение книг муниципалитетов', done, entries.length);
    batch.push({ entry, outcome: outcomeOf(entry, deps.sources, expect), at: deps.clock.now() });
    done++;
    if (now() - written > every) {
      checkpoint(deps, preset, settings, batch);
      batch = [];
      written = now();
    }
  }
  options.progress?.('Запись сводки', done, entries.length);
  return checkpoint(deps, preset, settings, batch);
}

function outcomeOf(entry: MunicipalEntry, sources: RegionSourcePort, expect: RegionExpectation): MunicipalOutcome {
  const failed = (reason: string): MunicipalOutcome => ({
    title: '',
    reason,
    preset: '',
    computedAt: null,
    period: null,
    indicators: [],
    roadmap: null,
  });
  if (entry.id === null) return failed(badLinkReason(entry.link));
  if (entry.duplicateOf !== null) return failed(duplicateReason(entry.duplicateOf));
  return municipalOutcome(sources.read(entry.id), expect);
}

/** The row an outcome belongs to now (a methodist may have edited the list meanwhile), or null if it is gone. */
function targetOf(entries: readonly MunicipalEntry[], entry: MunicipalEntry): MunicipalEntry | null {
  const same = entries.filter((e) => e.link === entry.link || (e.id !== null && e.id === entry.id));
  return same.find((e) => e.index === entry.index) ?? same.find((e) => (e.duplicateOf === null) === (entry.duplicateOf === null)) ?? null;
}

/**
 * One transaction: the outcomes go into «Муниципалитеты», «Сводные показатели» is rewritten from every
 * municipality's rows (theirs replaced, the others kept as last read) with the region's totals; a finished run is
 * recorded in «Журнал изменений».
 */
function checkpoint(deps: RegionDeps, preset: Preset, settings: RegionSettings, batch: readonly Checked[]): RefreshResult {
  return transaction(deps, ({ workbook, audit }) => {
    const list = workbook.table('municipalities');
    const summary = workbook.table('regionIndicators');
    const rowsOf = new Map<string, SummaryRow[]>();
    for (const row of readSummary(summary)) if (row.workbookId) rowsOf.set(row.workbookId, [...(rowsOf.get(row.workbookId) ?? []), row]);
    const before = municipalEntries(list);
    for (const { entry, outcome, at } of batch) {
      const target = targetOf(before, entry);
      if (!target) continue;
      list.update(target.index, entryUpdate(target, outcome, at));
      if (target.id === null || target.duplicateOf !== null) continue;
      if (outcome.reason === null)
        rowsOf.set(target.id, keepEarlierYears(rowsOf.get(target.id) ?? [], municipalSummary(target.id, '', outcome)));
      else rowsOf.delete(target.id);
    }
    const entries = municipalEntries(list);
    const read = entries.flatMap((entry) => {
      const rows = entry.id !== null && entry.duplicateOf === null ? rowsOf.get(entry.id) : undefined;
      return rows ? [{ entry, municipality: entry.name || list.text(entry.index, 'name'), rows }] : [];
    });
    const { year, summed, leftOut } = rollUp(read, settings.year);
    for (const { entry, reason } of leftOut) {
      list.update(entry.index, { read: 'Нет', reason });
      rowsOf.delete(entry.id!);
    }
    const included = summed.map((w) => w.entry);
    const municipal = summed.flatMap((w) => w.rows.map((row) => ({ ...row, municipality: w.municipality || row.municipality })));
    const now = deps.clock.now();
    summary.retain(() => false);
    for (const row of [...regionTotals(preset, year, municipal, isoDateTime(now)), ...municipal]) summary.append(summarySheetRow(row));
    const checked = entries.filter(checkedIn).length;
    const complete = checked === entries.length;
    if (complete) {
      deps.runs.finish();
      audit.record(REFRESH_ACTION, SHEETS.regionIndicators.name, `в сводке ${included.length} из ${entries.length} книг муниципалитетов`);
    }
    return { ran: true, complete, total: entries.length, checked, included: included.length };
  });
}

export interface MunicipalAddition {
  readonly added: number;
  /** Lines not added, with why. */
  readonly skipped: readonly { readonly text: string; readonly reason: string }[];
}

/** Links or IDs pasted in the sidebar, one per line: each new workbook gets a row of «Муниципалитеты». */
export function addMunicipalities(deps: IntakeDeps, lines: readonly string[]): MunicipalAddition {
  return inTransaction(deps, ({ workbook, audit }) => {
    const list = workbook.table('municipalities');
    const listed = new Set(municipalEntries(list).flatMap((e) => (e.id ? [e.id] : [])));
    const skipped: { text: string; reason: string }[] = [];
    let added = 0;
    for (const text of lines.map((l) => l.trim()).filter(Boolean)) {
      const id = workbookIdOf(text);
      if (id === null) skipped.push({ text, reason: 'не ссылка на Google Таблицу и не её ID' });
      else if (listed.has(id)) skipped.push({ text, reason: 'эта книга уже в списке' });
      else {
        listed.add(id);
        list.append({ workbook: id });
        audit.record('Добавлена книга муниципалитета', SHEETS.municipalities.name, id);
        added++;
      }
    }
    return { added, skipped };
  });
}
