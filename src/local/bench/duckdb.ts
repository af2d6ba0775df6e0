// The recompute beside DuckDB, in one process: the indicators bench's generated registers, recomputed through the
// bundle (rpcKpiRecompute, the sidebar's call) for the klin and seversk presets, and the same registers loaded into
// DuckDB from CSV with the same indicators computed in SQL — written from SPEC §6 independently of the engine, so a
// difference is a second check of the engine: the bench exits non-zero naming the indicator and both values.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiReport } from '../../core/indicators/report';
import { SHEETS, type SheetId } from '../../core/schema/sheets';
import { isDate } from '../fakes/realm';
import { openLocalWorkbook, type LocalWorkbook } from '../localWorkbook';
import { goal, median, type Goal } from './goals';
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

/**
 * SPEC §6 over the loaded registers. P = the calendar year, R = its last day. `clip` is the per-ОО clipping of a
 * share's numerator to the ОО's ОО-1 headcount (SPEC §6 «Shares … can never exceed 100»): one clause, on where the
 * denominator is the ОО-1 headcount (all staff); a share of a roster population (teachers, managers) is not clipped.
 */
function indicatorSql(clip: boolean): string {
  const from = `DATE '${YEAR}-01-01'`;
  const to = `DATE '${YEAR}-12-31'`;
  /** People of S (of `population`, a condition on S or young) in `people`, summed by ОО — the one clipping clause. */
  const numerator = (people: string, population = 'TRUE') => `
    (SELECT coalesce(sum(${clip && population === 'TRUE' ? 'CASE WHEN o.headcount IS NOT NULL THEN least(n, o.headcount) ELSE n END' : 'n'}), 0)::BIGINT
     FROM (SELECT org, count(*) AS n FROM S WHERE (${population}) AND id IN (${people}) GROUP BY org) c LEFT JOIN orgs o ON o.code = c.org)`;
  const DPP = `SELECT id FROM part WHERE kind = 'Курсы повышения квалификации' AND dpp AND certified`;
  const YOUNG = 'id IN (SELECT id FROM young)';
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
  SELECT 'klin' AS preset, '2' AS code, (${numerator(`SELECT id FROM diag WHERE date BETWEEN ${from} AND ${to} AND level IN ('Высокий', 'Повышенный', 'Базовый')`)})::BIGINT AS numerator, ((SELECT n FROM heads))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '3' AS code, (${numerator(DPP, 'teacher')})::BIGINT AS numerator, ((SELECT count(*) FROM S WHERE teacher))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '4' AS code, ((SELECT n FROM heads))::BIGINT AS numerator, ((SELECT count(*) FROM roster WHERE list_contains(list_transform(string_split_regex(roles, '[;,]'), x -> trim(x)), 'Региональный методист')))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '5' AS code, (${numerator('SELECT id FROM supported', YOUNG)})::BIGINT AS numerator, ((SELECT count(*) FROM young))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '6' AS code, ((SELECT count(*) FROM schools WHERE code IN (SELECT menteeOrgCode FROM pairs)))::BIGINT AS numerator, ((SELECT count(*) FROM schools))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '7' AS code, ((SELECT count(*) FROM schools WHERE code IN (
        SELECT menteeOrgCode FROM pairs WHERE form = 'Руководитель — руководитель'
        UNION SELECT mentorOrgCode FROM pairs WHERE form = 'Руководитель — руководитель')))::BIGINT AS numerator, ((SELECT count(*) FROM schools))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '8.1' AS code, (${numerator(`SELECT v.id FROM developed v JOIN (SELECT id, min(date) AS first FROM diag GROUP BY id) d
        ON d.id = v.id WHERE d.first <= v.start`)})::BIGINT AS numerator, ((SELECT n FROM heads))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '8.2' AS code, (${numerator(`SELECT id FROM iomP WHERE status = 'Реализован'`, 'id IN (SELECT id FROM judged)')})::BIGINT AS numerator, ((SELECT count(*) FROM S WHERE id IN (SELECT id FROM judged)))::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '9' AS code, ((SELECT count(DISTINCT id) FROM S WHERE id IN (SELECT id FROM part WHERE kind = 'Конкурс профессионального мастерства'
        AND role IN ('Участник конкурса', 'Призёр конкурса', 'Победитель конкурса'))))::BIGINT AS numerator, (NULL)::BIGINT AS denominator
  UNION ALL
  SELECT 'klin' AS preset, '10' AS code, (${numerator(`SELECT id FROM part WHERE kind = 'Заседание методического объединения' AND level IN ('Муниципальный', 'Региональный')`)})::BIGINT AS numerator, ((SELECT n FROM heads))::BIGINT AS denominator
  UNION ALL
  SELECT 'seversk' AS preset, '1' AS code, (${numerator(`SELECT id FROM diag WHERE date BETWEEN ${from} AND ${to} AND procedure IN ('Региональная', 'Федеральная')`)})::BIGINT AS numerator, ((SELECT n FROM heads))::BIGINT AS denominator
  UNION ALL
  SELECT 'seversk' AS preset, '2' AS code, (${numerator(`SELECT v.id FROM developed v JOIN (SELECT id, min(date) AS first FROM diag
        WHERE procedure IN ('Региональная', 'Федеральная') GROUP BY id) d ON d.id = v.id WHERE d.first <= v.start`)})::BIGINT AS numerator, ((SELECT n FROM heads))::BIGINT AS denominator
  UNION ALL
  SELECT 'seversk' AS preset, '3' AS code, (${numerator(DPP, 'NOT mgmt')})::BIGINT AS numerator, ((SELECT count(*) FROM S WHERE NOT mgmt))::BIGINT AS denominator
  UNION ALL
  SELECT 'seversk' AS preset, '4' AS code, ((SELECT count(*) FROM schools WHERE code IN (SELECT org FROM S WHERE mgmt AND id IN (
        SELECT id FROM part WHERE kind = 'Курсы повышения квалификации' AND certified AND topic LIKE '%качеств%'))))::BIGINT AS numerator, ((SELECT count(*) FROM schools))::BIGINT AS denominator
  UNION ALL
  SELECT 'seversk' AS preset, '5' AS code, (${numerator('SELECT id FROM supported', YOUNG)})::BIGINT AS numerator, ((SELECT count(*) FROM young))::BIGINT AS denominator`;
}

interface Row {
  preset: string;
  code: string;
  numerator: number | null;
  denominator: number | null;
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
/** CPU seconds of the whole process since `cpu` (DuckDB's threads included). */
const cpuSeconds = (cpu: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
};

/** DuckDB's load (CSV into tables) and compute, timed from a fresh in-memory database. */
async function duck(dir: string): Promise<{ seconds: number; cpu: number; rows: Row[] }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const id of TABLES)
    await db.run(`CREATE TABLE ${id} AS SELECT * FROM read_csv('${join(dir, `${id}.csv`)}', all_varchar = true, header = true)`);
  // Empty CSV fields are NULL in DuckDB; the sheets' empty cells are '' — one convention for the SQL above.
  const result = await db.runAndReadAll(indicatorSql(true));
  const rows = result.getRowObjects().map((r) => ({
    preset: String(r.preset),
    code: String(r.code),
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
  }));
  const time = seconds(started);
  const used = cpuSeconds(cpu);
  db.closeSync();
  return { seconds: time, cpu: used, rows };
}

export interface DuckFigures {
  lines: string[];
  goals: Goal[];
  /** Indicators whose SQL result differs from the engine's: the bench fails on any. */
  mismatches: string[];
}

/** Per size: the klin and seversk recomputes through the bundle (`runs` each, median) beside DuckDB's load + compute. */
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
      let projectSeconds = 0;
      let projectCpu = 0;
      for (const preset of ['klin', 'seversk']) {
        workbook.rpc('rpcKpiLoadPreset', { preset, mode: 'keep' });
        const times: number[] = [];
        const cpus: number[] = [];
        let report: KpiReport | undefined;
        for (let i = 0; i < runs; i++) {
          const started = process.hrtime.bigint();
          const cpu = process.cpuUsage();
          report = workbook.rpc<KpiReport>('rpcKpiRecompute', { year: YEAR });
          times.push(seconds(started));
          cpus.push(cpuSeconds(cpu));
        }
        projectSeconds += median(times);
        projectCpu += median(cpus);
        for (const r of report!.indicators)
          engine.set(`${preset} ${r.code}`, { preset, code: r.code, numerator: r.numerator, denominator: r.denominator });
      }
      const duckTimes: number[] = [];
      const duckCpus: number[] = [];
      let rows: Row[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await duck(dir);
        duckTimes.push(run.seconds);
        duckCpus.push(run.cpu);
        rows = run.rows;
      }
      // What no recompute through Apps Script's API escapes: the registers' getValues (fresh arrays and Dates in the
      // script's realm, and the collections they cost), once per recompute — twice here, klin and seversk.
      const reads: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        for (const id of [...TABLES, 'roadmap' as const]) workbook.spreadsheet.getSheetByName(SHEETS[id].name)!.getDataRange().getValues();
        reads.push(seconds(started) * 2);
      }
      const readSeconds = median(reads);
      const duckSeconds = median(duckTimes);
      const duckCpu = median(duckCpus);
      for (const sql of rows) {
        const mine = engine.get(`${sql.preset} ${sql.code}`);
        const same = mine && mine.numerator === sql.numerator && mine.denominator === sql.denominator;
        if (!same)
          mismatches.push(
            `${staff} педагогов, ${sql.preset} ${sql.code}: движок ${mine?.numerator ?? '—'}/${mine?.denominator ?? '—'}, SQL ${sql.numerator ?? '—'}/${sql.denominator ?? '—'}`,
          );
      }
      const ratio = projectSeconds / duckSeconds;
      lines.push(
        `  ${String(staff).padStart(7)} педагогов: пересчёт klin + seversk через сборку ${projectSeconds.toFixed(2)} с; ` +
          `DuckDB загрузка CSV + расчёт ${duckSeconds.toFixed(2)} с; отношение ${ratio.toFixed(2)}; сверено показателей ${rows.length}`,
        `           процессорное время: пересчёт ${projectCpu.toFixed(2)} с, DuckDB ${duckCpu.toFixed(2)} с (все его потоки)`,
        `           из пересчёта — чтение реестров (getValues тех же листов целиком, дважды): ${readSeconds.toFixed(2)} с = ${(readSeconds / duckSeconds).toFixed(2)} DuckDB`,
      );
      goals.push(goal(`пересчёт / DuckDB при ${staff} педагогах`, ratio, '≤ 1×', ratio <= 1, (x) => `${x.toFixed(2)}×`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    lines: [
      'Пересчёт показателей (klin и seversk, rpcKpiRecompute через сборку) рядом с DuckDB (те же реестры из CSV, SQL по SPEC §6)',
      ...lines,
      'время — медиана (BENCH_KPI_RUNS, по умолчанию 3); DuckDB — с новой базы в памяти: чтение CSV и запросы',
    ],
    goals,
    mismatches,
  };
}
