// Wall-clock times of the spreadsheet's zone as Dates, whatever the zone of the Node process.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at `utcMs` (historical offsets included, e.g. 1899). */
function offsetMs(utcMs: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** The instant at which the zone's clock shows the given wall time. */
export function zonedDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, timeZone: string): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone); // a second pass settles a DST or LMT boundary
  return new Date(utc);
}
