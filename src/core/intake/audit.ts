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

  record(action: string, sheet: string, key: string, field = '', before?: Cell, after?: Cell): void {
    this.workbook.log('audit').append({
      at: this.clock.now(),
      who: this.actor,
      action,
      sheet,
      key,
      field,
      before: show(before),
      after: show(after),
    });
  }
}
