// The recompute beside DuckDB, in one process: the indicators bench's generated registers, recomputed through the
// bundle (rpcKpiRecompute, the sidebar's call) for the klin and seversk presets, and the same registers loaded into
// DuckDB from CSV with the same figures computed in SQL — written from SPEC §6 independently of the engine, so a
// difference is a second check of the engine: the bench exits non-zero naming the indicator, the year and both values.
// Like for like: a call computes one preset (the one on «Показатели») for its year, the year before and each earlier
// year the registers hold («Факт по годам»), from a fresh read; so DuckDB loads afresh for each preset and computes
// those years. The figure of both presets on one DuckDB load is printed beside it.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiReport } from '../../core/indicators/report';
import { HISTORY_YEARS } from '../../core/indicators/period';
import { SHEETS, type SheetId } from '../../core/schema/sheets';
import { isDate } from '../fakes/realm';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { goal, median, medianOf, startTimer, type Goal, type Timed } from './goals';
import { generate } from './indicators';

const YEAR = 2024;
const TABLES: SheetId[] = ['organizations', 'staff', 'iom', 'diagnostics', 'events', 'participation', 'mentoring'];

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const csvCell = (v: unknown) => {
  if (isDate(v)) return iso(v); // a Date of the runtime's realm: not `instanceof` this one's
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Each register as the CSV DuckDB reads: the sheet's values, dates as yyyy-mm-dd in the script's zone. */
function writeCsv(workbook: LocalWorkbook, dir: string): void {
  for (const id of TABLES) {
    const values = workbook.spreadsheet.getSheetByName(SHEETS[id].name)!.getDataRange().getValues();
    const keys = SHEETS[id].columns.map((c) => c.key);
    const lines = [keys.join(','), ...values.slice(1).map((row) => keys.map((_, i) => csvCell(row[i])).join(','))];
    writeFileSync(join(dir, `${id}.csv`), `${lines.join('\n')}\n`);
  }
}

type Preset = 'klin' | 'seversk';
const PRESETS: readonly Preset[] = ['klin', 'seversk'];

/** One indicator of a preset; `trend`: it has a value in earlier years too (people per methodist has no period). */
interface Measure {
  preset: Preset;
  code: string;
  trend: boolean;
  numerator: string;
  denominator: string;
}

/**
 * SPEC §6 over the loaded registers, for `preset`'s indicators in `year` (P = the calendar year, R = its last day);
 * only those with a trend unless `current`. Shares of the ОО-1 headcount clip each ОО's numerator to its headcount
 * (SPEC §6 «Shares … can never exceed 100»): one clause; a share of a roster population (teachers, managers) is not.
 */
function indicatorSql(year: number, preset: Preset, current: boolean): string {
  const from = `DATE '${year}-01-01'`;
  const to = `DATE '${year}-12-31'`;
  /** People of S (of `population`, a condition on S or young) in `people`, summed by ОО — the one clipping clause. */
  const numerator = (people: string, population = 'TRUE') => `
    (SELECT coalesce(sum(${population === 'TRUE' ? 'CASE WHEN o.headcount IS NOT NULL THEN least(n, o.headcount) ELSE n END' : 'n'}), 0)::BIGINT
     FROM (SELECT org, count(*) AS n FROM S WHERE (${population}) AND id IN (${people}) GROUP BY org) c LEFT JOIN orgs o ON o.code = c.org)`;
  const DPP = `SELECT id FROM part WHERE kind = 'Курсы повышения квалификации' AND dpp AND certified`;
  const YOUNG = 'id IN (SELECT id FROM young)';
  const measures: Measure[] = [
    {
      preset: 'klin',
      code: '2',
      trend: true,
      numerator: `${numerator(`SELECT id FROM diag WHERE date BETWEEN ${from} AND ${to} AND level IN ('Высокий', 'Повышенный', 'Базовый')`)}`,
      denominator: `(SELECT n FROM heads)`,
    },
    {
      preset: 'klin',
      code: '3',
      trend: true,
      numerator: `${numerator(DPP, 'teacher')}`,
      denominator: `(SELECT count(*) FROM S WHERE teacher)`,
    },
    {
      preset: 'klin',
      code: '4',
      trend: false,
      numerator: `(SELECT n FROM heads)`,
      denominator: `(SELECT count(*) FROM roster WHERE list_contains(list_transform(string_split_regex(roles, '[;,]'), x -> trim(x)), 'Региональный методист'))`,
    },
    {
      preset: 'klin',
      code: '5',
      trend: true,
      numerator: `${numerator('SELECT id FROM supported', YOUNG)}`,
      denominator: `(SELECT count(*) FROM young)`,
    },
    {
      preset: 'klin',
      code: '6',
      trend: true,
      numerator: `(SELECT count(*) FROM schools WHERE code IN (SELECT menteeOrgCode FROM pairs))`,
      denominator: `(SELECT count(*) FROM schools)`,
    },
    {
      preset: 'klin',
      code: '7',
      trend: true,
      numerator: `(SELECT count(*) FROM schools WHERE code IN (
        SELECT menteeOrgCode FROM pairs WHERE form = 'Руководитель — руководитель'
        UNION SELECT mentorOrgCode FROM pairs WHERE form = 'Руководитель — руководитель'))`,
      denominator: `(SELECT count(*) FROM schools)`,
    },
    {
      preset: 'klin',
      code: '8.1',
      trend: true,
      numerator: `${numerator(`SELECT v.id FROM developed v JOIN (SELECT id, min(date) AS first FROM diag GROUP BY id) d
        ON d.id = v.id WHERE d.first <= v.start`)}`,
      denominator: `(SELECT n FROM heads)`,
    },
    {
      preset: 'klin',
      code: '8.2',
      trend: true,
      numerator: `${numerator(`SELECT id FROM iomP WHERE status = 'Реализован'`, 'id IN (SELECT id FROM judged)')}`,
      denominator: `(SELECT count(*) FROM S WHERE id IN (SELECT id FROM judged))`,
    },
    {
      preset: 'klin',
      code: '9',
      trend: true,
      numerator: `(SELECT count(DISTINCT id) FROM S WHERE id IN (SELECT id FROM part WHERE kind = 'Конкурс профессионального мастерства'
        AND role IN ('Участник конкурса', 'Призёр конкурса', 'Победитель конкурса')))`,
      denominator: `NULL`,
    },
    {
      preset: 'klin',
      code: '10',
      trend: true,
      numerator: `${numerator(`SELECT id FROM part WHERE kind = 'Заседание методического объединения' AND level IN ('Муниципальный', 'Региональный')`)}`,
      denominator: `(SELECT n FROM heads)`,
    },
    {
      preset: 'seversk',
      code: '1',
      trend: true,
      numerator: `${numerator(`SELECT id FROM diag WHERE date BETWEEN ${from} AND ${to} AND procedure IN ('Региональная', 'Федеральная')`)}`,
      denominator: `(SELECT n FROM heads)`,
    },
    {
      preset: 'seversk',
      code: '2',
      trend: true,
      numerator: `${numerator(`SELECT v.id FROM developed v JOIN (SELECT id, min(date) AS first FROM diag
        WHERE procedure IN ('Региональная', 'Федеральная') GROUP BY id) d ON d.id = v.id WHERE d.first <= v.start`)}`,
      denominator: `(SELECT n FROM heads)`,
    },
    {
      preset: 'seversk',
      code: '3',
      trend: true,
      numerator: `${numerator(DPP, 'NOT mgmt')}`,
      denominator: `(SELECT count(*) FROM S WHERE NOT mgmt)`,
    },
    {
      preset: 'seversk',
      code: '4',
      trend: true,
      numerator: `(SELECT count(*) FROM schools WHERE code IN (SELECT org FROM S WHERE mgmt AND id IN (
        SELECT id FROM part WHERE kind = 'Курсы повышения квалификации' AND certified AND topic LIKE '%качеств%')))`,
      denominator: `(SELECT count(*) FROM schools)`,
    },
    {
      preset: 'seversk',
      code: '5',
      trend: true,
      numerator: `${numerator('SELECT id FROM supported', YOUNG)}`,
      denominator: `(SELECT count(*) FROM young)`,
    },
  ];
  const selects = measures
    .filter((m) => m.preset === preset && (current || m.trend))
    .map((m) => `SELECT '${m.code}' AS code, (${m.numerator})::BIGINT AS numerator, (${m.denominator})::BIGINT AS denominator`);
  return `
  WITH
  orgs AS (SELECT code, type, TRY_CAST(headcount AS DOUBLE) AS headcount FROM organizations WHERE code <> ''),
  roster AS (SELECT row_number() OVER () AS id, * FROM (SELECT DISTINCT ON (name, orgCode) * FROM staff WHERE name <> '')),
  S AS (
    SELECT r.id, r.orgCode AS org, r.position,
      r.position IN ('Руководитель', 'Заместитель руководителя', 'Руководитель структурного подразделения') AS mgmt,
      r.position = 'Учитель' AS teacher,
      TRY_CAST(r.birthDate AS DATE) AS birth, TRY_CAST(r.careerStart AS DATE) AS career,
      r.youngSpecialist = 'Да' OR r.id IN (
        SELECT ro.id FROM mentoring m JOIN roster ro ON ro.name = m.menteeName AND ro.orgCode = m.menteeOrgCode
        WHERE m.menteeYoung = 'Да') AS youngFlag
    FROM roster r LEFT JOIN orgs o ON o.code = r.orgCode
    WHERE coalesce(o.type, '') <> 'Методическая служба'),
  -- ОО-1 where filled, else the roster rows: the denominator of measures over all of S.
  heads AS (
    SELECT sum(coalesce(o.headcount, c.n, 0))::BIGINT AS n FROM orgs o LEFT JOIN (SELECT org, count(*) AS n FROM S GROUP BY org) c
    ON c.org = o.code WHERE o.type <> 'Методическая служба'),
  young AS (SELECT id FROM S WHERE CASE WHEN birth IS NOT NULL AND career IS NOT NULL
    THEN birth > ${to} - INTERVAL 35 YEAR AND career > ${to} - INTERVAL 3 YEAR ELSE youngFlag END),
  ev AS (
    SELECT title, TRY_CAST(start AS DATE) AS start, kind, level, dpp = 'Да' AS dpp,
      list_contains(string_split(audience, '; '), 'Молодые педагоги') AS forYoung,
      lower(title || ' ' || coalesce(direction, '')) AS topic
    FROM events WHERE title <> '' AND TRY_CAST(start AS DATE) BETWEEN ${from} AND ${to}
      AND coalesce(status, '') NOT IN ('Запланировано', 'Перенесено', 'Отменено')),
  part AS (
    SELECT ro.id, p.role, p.certified = 'Да' AS certified, ev.*
    FROM participation p JOIN ev ON ev.title = p.eventTitle AND ev.start = TRY_CAST(p.eventStart AS DATE)
    JOIN roster ro ON ro.name = p.personName AND ro.orgCode = p.personOrgCode),
  diag AS (
    SELECT ro.id, TRY_CAST(d.date AS DATE) AS date, d.level, d.procedure FROM diagnostics d
    JOIN roster ro ON ro.name = d.personName AND ro.orgCode = d.personOrgCode WHERE TRY_CAST(d.date AS DATE) IS NOT NULL),
  iomP AS (
    SELECT ro.id, TRY_CAST(i.start AS DATE) AS start, TRY_CAST(i."end" AS DATE) AS "end", i.status FROM iom i
    JOIN roster ro ON ro.name = i.personName AND ro.orgCode = i.personOrgCode
    WHERE TRY_CAST(i.start AS DATE) <= ${to} AND (TRY_CAST(i."end" AS DATE) IS NULL OR TRY_CAST(i."end" AS DATE) >= ${from})),
  developed AS (SELECT * FROM iomP WHERE status IN ('Разработан', 'Реализуется', 'Реализован', 'Не реализован')),
  pairs AS (
    SELECT m.*, ro.id AS mentee FROM mentoring m LEFT JOIN roster ro ON ro.name = m.menteeName AND ro.orgCode = m.menteeOrgCode
    WHERE m.mentorName <> '' AND TRY_CAST(m.start AS DATE) <= ${to}
      AND (TRY_CAST(m."end" AS DATE) IS NULL OR TRY_CAST(m."end" AS DATE) >= ${from})),
  schools AS (SELECT code FROM orgs WHERE type = 'Школа'),
  supported AS (SELECT mentee AS id FROM pairs UNION SELECT id FROM part WHERE forYoung),
  judged AS (SELECT DISTINCT id FROM developed WHERE "end" <= ${to} OR status IN ('Реализован', 'Не реализован'))
  ${selects.join('\n  UNION ALL\n  ')}`;
}

/**
 * The year of the earliest record, where a trend begins (as the engine's «Факт по годам»): a held event, an IOM or a
 * diagnostic of someone on the roster, a pair.
 */
const EARLIEST_SQL = `
  WITH roster AS (SELECT DISTINCT name, orgCode FROM staff WHERE name <> '')
  SELECT min(y)::INTEGER AS earliest FROM (
    SELECT year(TRY_CAST(start AS DATE)) AS y FROM events WHERE title <> '' AND coalesce(status, '') IN ('', 'Проведено')
    UNION ALL SELECT year(TRY_CAST(i.start AS DATE)) FROM iom i JOIN roster r ON r.name = i.personName AND r.orgCode = i.personOrgCode
    UNION ALL SELECT year(TRY_CAST(d.date AS DATE)) FROM diagnostics d JOIN roster r ON r.name = d.personName AND r.orgCode = d.personOrgCode
    UNION ALL SELECT year(TRY_CAST(start AS DATE)) FROM mentoring WHERE mentorName <> '')`;

interface Row {
  preset: Preset;
  year: number;
  code: string;
  numerator: number | null;
  denominator: number | null;
}

/**
 * DuckDB's load (CSV into tables) and compute of `presets`' indicators for every year a recompute returns (the year,
 * and each earlier one back to the earliest record, at most HISTORY_YEARS), timed from a fresh in-memory database.
 */
async function duck(dir: string, presets: readonly Preset[]): Promise<Timed & { load: number; rows: Row[] }> {
  const elapsed = startTimer();
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const id of TABLES)
    await db.run(`CREATE TABLE ${id} AS SELECT * FROM read_csv('${join(dir, `${id}.csv`)}', all_varchar = true, header = true)`);
  const load = elapsed().seconds;
  const earliest = (await db.runAndReadAll(EARLIEST_SQL)).getRowObjects()[0]?.earliest;
  const first = earliest === null || earliest === undefined ? YEAR : Math.min(YEAR, Math.max(Number(earliest), YEAR - HISTORY_YEARS + 1));
  const rows: Row[] = [];
  for (const preset of presets)
    for (let year = first; year <= YEAR; year++)
      for (const r of (await db.runAndReadAll(indicatorSql(year, preset, year === YEAR))).getRowObjects())
        rows.push({
          preset,
          year,
          code: String(r.code),
          numerator: r.numerator === null ? null : Number(r.numerator),
          denominator: r.denominator === null ? null : Number(r.denominator),
        });
  const timing = elapsed();
  db.closeSync();
  return { ...timing, load, rows };
}

export interface DuckFigures {
  lines: string[];
  goals: Goal[];
  /** Figures (indicator, year) where SQL and the engine differ, or one has and the other lacks: the bench fails on any. */
  mismatches: string[];
}

const key = (r: Pick<Row, 'preset' | 'code' | 'year'>) => `${r.preset} ${r.code} ${r.year}`;
const counts = (r: Row | undefined) => (r ? `${r.numerator ?? '—'}/${r.denominator ?? '—'}` : 'нет');

/**
 * Per size and preset: one recompute through the bundle (the sidebar's call: one preset, its year, the year before
 * and «Факт по годам») beside DuckDB's load + compute of the same figures; `runs` each, median.
 */
export async function benchDuckdb(sizes: readonly number[], runs = Number(process.env.BENCH_KPI_RUNS ?? 3)): Promise<DuckFigures> {
  const lines: string[] = [];
  const goals: Goal[] = [];
  const mismatches: string[] = [];
  for (const staff of sizes) {
    const workbook = openLocalWorkbook({ now: () => new Date(2025, 11, 20, 12) });
    workbook.menu('menuSetupWorkbook');
    generate(workbook, staff);
    const dir = mkdtempSync(join(tmpdir(), 'marshrut-bench-duckdb-'));
    try {
      writeCsv(workbook, dir);
      const engine = new Map<string, Row>();
      const project = new Map<Preset, Timed>();
      for (const preset of PRESETS) {
        workbook.rpc('rpcKpiLoadPreset', { preset, mode: 'keep' });
        const timings: Timed[] = [];
        let report: KpiReport | undefined;
        for (let i = 0; i < runs; i++) {
          const elapsed = startTimer();
          report = workbook.rpc<KpiReport>('rpcKpiRecompute', { year: YEAR });
          timings.push(elapsed());
        }
        project.set(preset, medianOf(timings));
        for (const r of report!.indicators)
          for (const y of r.history) engine.set(key({ preset, code: r.code, year: y.year }), { preset, code: r.code, ...y });
      }
      // Alternately, so the machine's drift falls on each: a preset on its own load, and both on one load.
      const apart = new Map<Preset, (Timed & { load: number })[]>(PRESETS.map((p) => [p, []]));
      const together: Timed[] = [];
      const sql = new Map<string, Row>();
      for (let i = 0; i < runs; i++) {
        for (const preset of PRESETS) {
          const run = await duck(dir, [preset]);
          apart.get(preset)!.push(run);
          for (const r of run.rows) sql.set(key(r), r);
        }
        together.push(await duck(dir, PRESETS));
      }
      // What no recompute through Apps Script's API escapes: the registers' getValues (fresh arrays and Dates in the
      // script's realm, and the collections they cost), once per recompute.
      const reads: number[] = [];
      for (let i = 0; i < runs; i++) {
        const elapsed = startTimer();
        for (const id of [...TABLES, 'roadmap' as const]) workbook.spreadsheet.getSheetByName(SHEETS[id].name)!.getDataRange().getValues();
        reads.push(elapsed().seconds);
      }
      for (const k of new Set([...sql.keys(), ...engine.keys()])) {
        const [mine, theirs] = [engine.get(k), sql.get(k)];
        if (mine?.numerator !== theirs?.numerator || mine?.denominator !== theirs?.denominator)
          mismatches.push(`${staff} педагогов, ${k} год: движок ${counts(mine)}, SQL ${counts(theirs)}`);
      }
      const readSeconds = median(reads);
      let [projectSum, duckSum] = [0, 0];
      lines.push(
        `  ${staff} педагогов (сверено цифр с SQL: ${sql.size}, за годы ${[...new Set([...sql.values()].map((r) => r.year))].join(', ')}):`,
      );
      for (const preset of PRESETS) {
        const mine = project.get(preset)!;
        const theirs = medianOf(apart.get(preset)!);
        const load = median(apart.get(preset)!.map((r) => r.load));
        projectSum += mine.seconds;
        duckSum += theirs.seconds;
        lines.push(
          `    ${preset.padEnd(7)} пересчёт через сборку ${mine.seconds.toFixed(2)} с (процессор ${mine.cpu.toFixed(2)} с); ` +
            `DuckDB ${theirs.seconds.toFixed(2)} с (процессор ${theirs.cpu.toFixed(2)} с, из них загрузка CSV ${load.toFixed(2)} с); ` +
            `отношение ${(mine.seconds / theirs.seconds).toFixed(2)}`,
        );
      }
      const both = medianOf(together);
      const ratio = projectSum / duckSum;
      lines.push(
        `    оба пресета: ${projectSum.toFixed(2)} с против ${duckSum.toFixed(2)} с, отношение ${ratio.toFixed(2)}; ` +
          `DuckDB считает оба на одной загрузке за ${both.seconds.toFixed(2)} с (отношение ${(projectSum / both.seconds).toFixed(2)})`,
        `    из каждого пересчёта — чтение реестров (getValues тех же листов целиком): ${readSeconds.toFixed(2)} с`,
      );
      goals.push(goal(`пересчёт / DuckDB при ${staff} педагогах`, ratio, '≤ 1×', ratio <= 1, (x) => `${x.toFixed(2)}×`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    lines: [
      'Пересчёт показателей (rpcKpiRecompute через сборку: пресет листа, его год, год назад, «Факт по годам») рядом с DuckDB',
      '(те же реестры из CSV, те же цифры в SQL по SPEC §6, с новой базы в памяти: загрузка и запросы):',
      ...lines,
      'время — медиана (BENCH_KPI_RUNS, по умолчанию 3)',
    ],
    goals,
    mismatches,
  };
}
