// A preset whose document has a комплекс мер loads its items into «Дорожная карта» (SPEC §6 «Roadmaps»). An item
// already on the sheet (by its number) is left as it is: the methodist's marks and edits are never overwritten.
import type { Table } from '../table';
import { ROADMAP_DOCUMENTS } from './documents';
import { roadmapKey } from './status';

export function loadRoadmapDocument(table: Table, presetId: string): number {
  const items = ROADMAP_DOCUMENTS[presetId as keyof typeof ROADMAP_DOCUMENTS];
  if (!items) return 0;
  const present = new Set<string>();
  for (let i = 0; i < table.size; i++) if (table.text(i, 'item')) present.add(roadmapKey(table.text(i, 'item')));
  let added = 0;
  for (const { item, action, deadline, responsible, expected, kind, source } of items) {
    if (present.has(roadmapKey(item))) continue;
    table.append({ item, action, deadline, responsible, expected, kind, source });
    added++;
  }
  return added;
}
