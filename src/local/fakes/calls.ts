/** Counts every call that goes through a strict fake, per service and per `Class.method`. */
export class CallCounter {
  counts: Record<string, number> = {};

  record(service: string, className: string, method: string): void {
    this.counts[service] = (this.counts[service] ?? 0) + 1;
    const key = `${className}.${method}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  reset(): void {
    this.counts = {};
  }

  /** Total calls of one service (e.g. 'SpreadsheetApp'), or of all services when omitted. */
  total(service?: string): number {
    if (service) return this.counts[service] ?? 0;
    return Object.entries(this.counts)
      .filter(([k]) => !k.includes('.'))
      .reduce((s, [, v]) => s + v, 0);
  }
}
