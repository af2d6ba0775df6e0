// «Журнал изменений»: an append-only trail of who changed what, old → new (SPEC §2, §5).
import type { Cell, Clock } from '../ports';
import { formatDay, isDate } from '../text';
import type { Workbook } from '../workbook';

const show = (v: Cell | undefined): string => (v === undefined ? '' : isDate(v) ? formatDay(v) : String(v));

export class AuditTrail {
  constructor(
    private readonly workbook: Workbook,
    private readonly clock: Clock,
    private readonly actor: string,
  ) {}

  /** `who`: the person behind this change when it is not the execution's actor (a form's respondent). */
  record(action: string, sheet: string, key: string, field = '', before?: Cell, after?: Cell, who = this.actor): void {
    this.workbook.log('audit').append({
      at: this.clock.now(),
      who,
      action,
      sheet,
      key,
      field,
      before: show(before),
      after: show(after),
    });
  }
}
