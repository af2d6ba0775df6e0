// Per-phase timings of a run (`DIR/timings.json`, `--verbose`): wall time and the Apps Script service calls each
// phase made — the calls are what would cost quota and round trips in Google.
import type { CallCounter } from './fakes/calls';

export interface Phase {
  readonly name: string;
  readonly ms: number;
  /**
   * The process's CPU time in the phase (user + system, all threads: the collector's too). On a shared machine the
   * wall time also counts the other processes' turns; the CPU time is what the phase itself cost.
   */
  readonly cpuMs: number;
  /** Service calls by service ('SpreadsheetApp', 'FormApp', …), only those the phase made. */
  readonly calls: Record<string, number>;
  /** The process's peak resident memory when the phase ended (MB): tells which phase sets `marshrut run`'s peak. */
  readonly peakRssMb?: number;
}

interface PhaseStart {
  readonly calls: Record<string, number>;
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
}

export class Timings {
  readonly phases: Phase[] = [];

  constructor(private readonly calls: CallCounter) {}

  /** Runs one phase and records it; phases of the same name add up (the reference files, one by one). */
  phase<T>(name: string, work: () => T): T {
    const start = this.start();
    try {
      return work();
    } finally {
      this.record(name, start);
    }
  }

  async phaseAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
    const start = this.start();
    try {
      return await work();
    } finally {
      this.record(name, start);
    }
  }

  /** What a phase is measured from: the calls so far, the clock, the process's CPU time. */
  private start(): PhaseStart {
    return { calls: services(this.calls), at: performance.now(), cpu: process.cpuUsage() };
  }

  private record(name: string, start: PhaseStart): void {
    const ms = Math.round(performance.now() - start.at);
    const used = process.cpuUsage(start.cpu);
    const cpuMs = Math.round((used.user + used.system) / 1000);
    const calls: Record<string, number> = {};
    for (const [service, n] of Object.entries(services(this.calls)))
      if (n - (start.calls[service] ?? 0) > 0) calls[service] = n - (start.calls[service] ?? 0);
    const same = this.phases.findIndex((p) => p.name === name);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (same < 0) this.phases.push({ name, ms, cpuMs, calls, peakRssMb });
    else {
      const earlier = this.phases[same]!;
      const sum = { ...earlier.calls };
      for (const [service, n] of Object.entries(calls)) sum[service] = (sum[service] ?? 0) + n;
      this.phases[same] = { name, ms: earlier.ms + ms, cpuMs: earlier.cpuMs + cpuMs, calls: sum, peakRssMb };
    }
  }

  /** The lines `--verbose` prints. */
  lines(): string[] {
    const total = this.phases.reduce((n, p) => n + p.ms, 0);
    return [
      'Этапы:',
      ...this.phases.map(
        (p) =>
          `  ${p.name.padEnd(10)} ${String(p.ms).padStart(7)} мс  ${
            Object.entries(p.calls)
              .map(([s, n]) => `${s} ${n}`)
              .join(', ') || 'без вызовов сервисов'
          }`,
      ),
      `  ${'всего'.padEnd(10)} ${String(total).padStart(7)} мс`,
    ];
  }
}

/** The per-service totals of a call counter (its `Class.method` keys left out). */
function services(calls: CallCounter): Record<string, number> {
  return Object.fromEntries(Object.entries(calls.counts).filter(([k]) => !k.includes('.')));
}
