// What a recompute of the indicators costs, through the built bundle (the sidebar's own RPC), for every preset on
// generated registers of 1k, 11k (Saratov) and 100k staff with proportional ОО, IOMs, diagnostics, events,
// participations and pairs: wall time, memory, and Apps Script service calls (reads and writes of sheets).
import * as C from '../../core/schema/choices';
import { PRESET_IDS } from '../../core/indicators/presets';
import { mulberry32 } from '../demo/municipality';
import { KpiContext } from '../../core/indicators/compute';
import type { TableData, WorkbookPort } from '../../core/ports';
import { SHEETS, SHEET_IDS, type SheetId } from '../../core/schema/sheets';
import { Workbook } from '../../core/workbook';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { collectGarbage, median } from './goals';
import { seed } from './seed';

/** Per staff member: what a municipality of that size holds (Saratov: 118 ОО, ~10,700 staff, 549 mentors). */
const PER_STAFF = { orgs: 1 / 90, ioms: 0.6, diagnostics: 0.3, events: 0.05, participations: 1.5, pairs: 0.05 };

/** `orgs`: the number of ОО, when not the proportional one (the digests bench: one letter per ОО). */
export function generate(workbook: LocalWorkbook, staff: number, orgs?: number): Record<string, number> {
  const random = mulberry32(staff);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const day = (fromYear: number, years: number) =>
    new Date(fromYear + Math.floor(random() * years), Math.floor(random() * 12), 1 + Math.floor(random() * 28));
  const counts = {
    orgs: orgs ?? Math.max(4, Math.round(staff * PER_STAFF.orgs)),
    staff,
    ioms: Math.round(staff * PER_STAFF.ioms),
    diagnostics: Math.round(staff * PER_STAFF.diagnostics),
    events: Math.round(staff * PER_STAFF.events),
    participations: Math.round(staff * PER_STAFF.participations),
    pairs: Math.round(staff * PER_STAFF.pairs),
  };
  const orgCode = (i: number) => `ОО-${i + 1}`;
  // The last ОО is the methodical service; the others alternate schools and kindergartens, half with an ОО-1 figure.
  seed(workbook, 'organizations', counts.orgs, (i) => ({
    code: orgCode(i),
    name: `Организация № ${i + 1}`,
    type: i === counts.orgs - 1 ? 'Методическая служба' : i % 3 === 2 ? 'Детский сад' : 'Школа',
    headcount: i % 2 ? Math.round((staff / counts.orgs) * 1.05) : '',
  }));
  const person = (i: number) => ({ name: `Педагог ${i}`, orgCode: orgCode(i % counts.orgs) });
  seed(workbook, 'staff', staff, (i) => ({
    ...person(i),
    position: i % 20 === 0 ? 'Руководитель' : i % 20 === 1 ? 'Заместитель руководителя' : i % 4 === 3 ? 'Воспитатель' : 'Учитель',
    birthDate: day(1960, 42),
    careerStart: day(1985, 40),
    roles: i % counts.orgs === counts.orgs - 1 ? pick(['Методист', 'Региональный методист']) : i % 25 === 0 ? 'Наставник' : '',
    association: i % 5 < 2 ? 'ШМО' : '',
    youngSpecialist: i % 40 === 0 ? 'Да' : '',
    source: 'Реестр',
  }));
  const someone = (prefix: string) => {
    const i = Math.floor(random() * staff);
    return { [`${prefix}Name`]: `Педагог ${i}`, [`${prefix}OrgCode`]: orgCode(i % counts.orgs) };
  };
  seed(workbook, 'iom', counts.ioms, () => ({
    ...someone('person'),
    position: 'Учитель',
    start: day(2023, 3),
    status: pick(C.IOM_STATUSES),
  }));
  seed(workbook, 'diagnostics', counts.diagnostics, () => ({
    ...someone('person'),
    date: day(2023, 3),
    procedure: 'Региональная',
    level: pick(C.DIAGNOSTIC_LEVELS),
  }));
  const events = Array.from({ length: counts.events }, (_, i) => ({
    title: `Мероприятие ${i}`,
    kind: pick(C.EVENT_KINDS),
    level: pick(C.EVENT_LEVELS),
    start: day(2023, 3),
    status: random() < 0.8 ? 'Проведено' : pick(C.EVENT_STATUSES),
    organizerCode: orgCode(Math.floor(random() * counts.orgs)),
    direction: random() < 0.2 ? 'Управление качеством образования' : '',
    audience: random() < 0.1 ? 'Молодые педагоги' : 'Учителя',
    dpp: pick(C.YES_NO),
    roadmapItem: random() < 0.2 ? `${1 + (i % 9)}.${i % 7}` : '',
  }));
  seed(workbook, 'events', counts.events, (i) => events[i]!);
  seed(workbook, 'participation', counts.participations, () => {
    const event = pick(events);
    return {
      ...someone('person'),
      eventTitle: event.title,
      eventStart: event.start,
      eventLabel: event.title,
      role: pick(C.PARTICIPANT_ROLES),
      certified: pick(C.YES_NO),
    };
  });
  seed(workbook, 'mentoring', counts.pairs, () => ({
    ...someone('mentor'),
    ...someone('mentee'),
    form: pick(C.MENTORING_FORMS),
    menteeYoung: pick(C.YES_NO),
    start: day(2022, 4),
  }));
  return counts;
}

const MB = 1024 * 1024;
/** Wall time of `run` and the heap it leaves grown (MB), from a collected heap. */
const measure = (run: () => void) => {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, heapMb: (process.memoryUsage().heapUsed - heapBefore) / MB };
};
const elapsedMs = (run: () => void) => measure(run).ms;

/** The engine alone (src/core, no Apps Script runtime): the same recompute over sheets already read into memory. */
function coreMs(workbook: LocalWorkbook): number {
  const read = new Map<SheetId, TableData>();
  for (const id of SHEET_IDS) {
    const [header = [], ...rows] = workbook.spreadsheet.getSheetByName(SHEETS[id].name)!.getDataRange().getValues();
    read.set(id, { header: header.map(String), rows });
  }
  const port: WorkbookPort = {
    readTable: (id) => read.get(id)!,
    readHeader: (id) => ({ header: read.get(id)!.header, rowCount: read.get(id)!.rows.length }),
    readColumns: (id) => read.get(id)!,
    writeTable: () => {},
  };
  return elapsedMs(() => {
    const context = new KpiContext(new Workbook(port), { year: 2024 }, new Date());
    context.passports().forEach((p) => context.evaluate(p));
  });
}

/** `runs` recomputes of each preset (BENCH_KPI_RUNS, default 3): the machine is shared, one timing says little. */
export function benchIndicators(sizes: readonly number[], runs = Number(process.env.BENCH_KPI_RUNS ?? 3)): string {
  const rows: string[] = [];
  for (const staff of sizes) {
    const workbook = openLocalWorkbook({ now: () => new Date(2025, 11, 20, 12) });
    workbook.menu('menuSetupWorkbook');
    const counts = generate(workbook, staff);
    for (const preset of PRESET_IDS) {
      workbook.rpc('rpcKpiLoadPreset', { preset, mode: 'keep' });
      const calls = workbook.runtime.calls;
      calls.reset();
      const first = measure(() => workbook.rpc('rpcKpiRecompute', { year: 2024 }));
      const times = [first.ms];
      const c = { ...calls.counts };
      const total = { sheets: calls.total('SpreadsheetApp'), all: calls.total() };
      while (times.length < runs) times.push(elapsedMs(() => workbook.rpc('rpcKpiRecompute', { year: 2024 })));
      const ms = median(times);
      rows.push(
        [
          String(staff).padStart(7),
          preset.padEnd(8),
          ms.toFixed(0).padStart(6),
          `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`.padStart(11),
          (ms / (staff / 1000)).toFixed(1).padStart(8),
          median(times.map(() => coreMs(workbook)))
            .toFixed(0)
            .padStart(5),
          first.heapMb.toFixed(0).padStart(7),
          (process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(7),
          String(c['Sheet.getDataRange'] ?? 0).padStart(6),
          String((c['Range.setValues'] ?? 0) + (c['Range.setNotes'] ?? 0)).padStart(7),
          String(total.sheets).padStart(6),
          String(total.all).padStart(6),
        ].join(' | '),
      );
    }
    if (process.env.BENCH_DETAIL) process.stderr.write(`${staff}: ${JSON.stringify(counts)}\n`);
  }
  return [
    'Пересчёт показателей через сборку (rpcKpiRecompute): время, память, вызовы сервисов Apps Script',
    'педагогов (ОО ≈ 1/90, ИОМ 0,6, диагностик 0,3, мероприятий 0,05, участий 1,5, пар 0,05 на педагога)',
    'педагогов | набор    |     мс |   мин–макс | мс/1000 |  ядро | heap+МБ | RSS МБ | чтений | записей | Sheets | всего',
    ...rows,
    'мс — медиана пересчётов (BENCH_KPI_RUNS, по умолчанию 3) всего вызова через сборку в локальной среде, мин–макс — их разброс;',
    'ядро — медиана того же расчёта src/core по уже прочитанным листам; heap+МБ — рост heap за первый пересчёт',
    '(перед каждым замером — полная сборка мусора: выполнение Apps Script начинается с чистой кучи); вызовы — первого;',
    'чтений = листов, прочитанных целиком (getDataRange); записей = setValues + setNotes; RSS — пик процесса',
  ].join('\n');
}
