/**
 * Counts every call that goes through a strict fake, per service and per `Class.method`; with `bySheet` on, also
 * per `Class.method` and the sheet the object belongs to (a benchmark's «one read per sheet»).
 */
export class CallCounter {
  counts: Record<string, number> = {};
  /** `Class.method@sheet name` → calls, while `bySheet` is on (objects that belong to a sheet only). */
  perSheet: Record<string, number> = {};
  bySheet = false;

  record(service: string, className: string, method: string, sheet?: () => string | undefined): void {
    this.counts[service] = (this.counts[service] ?? 0) + 1;
    const key = `${className}.${method}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    const name = this.bySheet ? sheet?.() : undefined;
    if (name !== undefined) this.perSheet[`${key}@${name}`] = (this.perSheet[`${key}@${name}`] ?? 0) + 1;
  }

  reset(): void {
    this.counts = {};
    this.perSheet = {};
  }

  /** Total calls of one service (e.g. 'SpreadsheetApp'), or of all services when omitted. */
  total(service?: string): number {
    if (service) return this.counts[service] ?? 0;
    return Object.entries(this.counts)
      .filter(([k]) => !k.includes('.'))
      .reduce((s, [, v]) => s + v, 0);
  }
}
