// Choice lists that come from data (SPEC §4): ОО names for the organization dropdowns, and the event dropdown
// `Название (дд.мм.гггг)` of the participation form, newest first. Cancelled events are not offered.
import { eventLabel } from './intake/mappers';
import type { DynamicChoices } from './schema/forms';
import { compareRu, isDate } from './text';
import type { Workbook } from './workbook';

export function dynamicChoices(workbook: Workbook): Record<DynamicChoices, string[]> {
  const orgs = workbook.table('organizations');
  const organizations = Array.from({ length: orgs.size }, (_, i) => orgs.text(i, 'name')).filter(Boolean);
  const table = workbook.table('events');
  const events = Array.from({ length: table.size }, (_, i) => ({
    start: table.get(i, 'start'),
    title: table.text(i, 'title'),
    status: table.text(i, 'status'),
  }))
    .filter((e) => e.title && isDate(e.start) && e.status !== 'Отменено')
    .sort((a, b) => (b.start as Date).getTime() - (a.start as Date).getTime())
    .map((e) => eventLabel(e.title, e.start as Date));
  return {
    organizations: unique(organizations).sort(compareRu),
    events: unique(events),
  };
}

const unique = (values: string[]) => [...new Set(values)];
