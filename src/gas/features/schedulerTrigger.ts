// The workbook's single scheduler trigger (src/gas/scheduler.ts): whatever job of the due-jobs table is due runs.
import { runSchedulerTick } from '../scheduler';

export function onSchedulerTrigger(): { ran: string[]; failed: string[] } {
  return runSchedulerTick();
}
