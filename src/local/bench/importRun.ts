// `marshrut run` end to end on generated municipalities of two sizes (like the demo's, scaled): answers per second
// through intake, the time of each phase and the peak memory — each run a child process, as a methodist runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMunicipality, writeMunicipality } from '../demo/municipality';
import { goal, reportGoals, type Goal } from './goals';

/** Issue 17 at ~53k staff: intake ≥ 15,000 answers/s, peak memory ≤ 1.5 GB; the export ≤ 10 s (its floor: «export»). */
const GOAL = { staff: 53000, rate: 15000, peakMb: 1536, exportMs: 10000 };

interface Timings {
  phases: { name: string; ms: number; cpuMs?: number }[];
  peakRssMb: number;
}

const CLI = join(__dirname, '..', 'bin', 'marshrut.cjs');

export function benchImport(staffSizes: readonly number[]): string {
  const lines: string[] = [];
  let previous: { answers: number; ms: number } | null = null;
  const goals: Goal[] = [];
  for (const staff of staffSizes) {
    const dir = mkdtempSync(join(tmpdir(), 'marshrut-bench-'));
    try {
      const municipality = generateMunicipality({ staff, organizations: Math.max(12, Math.round(staff / 75)), seed: 7 });
      writeMunicipality(join(dir, 'data'), municipality);
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [CLI, 'run', '--data', join(dir, 'data'), '--out', join(dir, 'out')], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Europe/Moscow' },
      });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0) throw new Error(`marshrut run: ${run.stderr}`);
      const timings = JSON.parse(readFileSync(join(dir, 'out', 'timings.json'), 'utf8')) as Timings;
      const intake = JSON.parse(readFileSync(join(dir, 'out', 'intake.json'), 'utf8')) as Record<string, { received?: number }>;
      const answers = Object.values(intake).reduce((n, t) => n + (t.received ?? 0), 0);
      const ms = (name: string) => timings.phases.find((p) => p.name === name)?.ms ?? 0;
      const rate = Math.round(answers / (ms('intake') / 1000));
      // The CPU time too: on the shared machine the wall time also counts other processes' turns.
      const cpu = timings.phases.find((p) => p.name === 'intake')?.cpuMs ?? 0;
      const growth = previous
        ? `, ответов ×${(answers / previous.answers).toFixed(1)} → время приёма ×${(ms('intake') / previous.ms).toFixed(1)}`
        : '';
      lines.push(
        `  ${String(staff).padStart(6)} педагогов, ${answers} ответов: приём ${ms('intake')} мс (${rate} ответов/с${growth}; ЦП ${cpu} мс, ${Math.round(answers / (cpu / 1000))} ответов/с по ЦП); ` +
          `справочники ${ms('reference')}, ответы в формы ${ms('responses')}, показатели ${ms('recompute')}, XLSX ${ms('export')}; ` +
          `всего ${Math.round(wall)} мс, пик памяти ${timings.peakRssMb} МБ`,
      );
      previous = { answers, ms: ms('intake') };
      lines.push(`    этапы: ${timings.phases.map((p) => `${p.name} ${p.ms}`).join(', ')} мс`);
      if (staff === GOAL.staff) {
        const gb = (mb: number) => `${(mb / 1024).toFixed(2)} ГБ`;
        goals.push(
          goal(`приём при ${staff} педагогах`, rate, `≥ ${GOAL.rate} ответов/с`, rate >= GOAL.rate, (x) => `${x} ответов/с`),
          goal(
            `пик памяти marshrut run при ${staff} педагогах`,
            timings.peakRssMb,
            `≤ ${gb(GOAL.peakMb)}`,
            timings.peakRssMb <= GOAL.peakMb,
            gb,
          ),
          goal(
            `этап export в marshrut run при ${staff} педагогах`,
            ms('export'),
            '≤ 10 с',
            ms('export') <= GOAL.exportMs,
            (x) => `${(x / 1000).toFixed(1)} с`,
          ),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return ['marshrut run целиком на сгенерированном муниципалитете (ОО — 1 на 75 педагогов)', ...lines, ...reportGoals(goals)].join('\n');
}
