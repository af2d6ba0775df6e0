// The workbook's single scheduler trigger (src/gas/scheduler.ts): whatever job of the due-jobs table is due runs —
// as the triggers' recorded owner only (triggers.ts), so a set left from before a take-over runs nothing twice.
import { takesAnswers } from '../forms';
import { runSchedulerTick } from '../scheduler';
import { installTriggers, servesAsOwner } from '../triggers';
import { active } from './context';

export interface TickOutcome {
  readonly ran: string[];
  readonly failed: string[];
  /** Each job's account of its run (the drain's DrainRun…), by job name. */
  readonly results?: Record<string, unknown>;
  /** This run is not the owner's: it removed its own triggers and ran nothing. */
  readonly notOwner?: true;
}

export function onSchedulerTrigger(): TickOutcome {
  if (!servesAsOwner()) return { ran: [], failed: [], notOwner: true };
  return runSchedulerTick();
}

/**
 * A trigger of an earlier version fires (the 10-minute drain, the prompt drain, the regional continuation, the digests'
 * hourly trigger): the workbook moves onto the scheduler — the owner's old triggers removed, hers installed — and
 * the tick runs at once, so nothing waits for the change.
 */
function migrateAndTick(): TickOutcome {
  if (!servesAsOwner()) return { ran: [], failed: [], notOwner: true };
  const spreadsheet = active();
  installTriggers(spreadsheet, takesAnswers(spreadsheet));
  return runSchedulerTick();
}

export const onDrainTrigger = migrateAndTick;
export const onDrainSoonTrigger = migrateAndTick;
export const onRegionRefreshTrigger = migrateAndTick;
export const onDigestTrigger = migrateAndTick;
