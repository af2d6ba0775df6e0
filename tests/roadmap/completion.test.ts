// roadmap_completion (SPEC §6): items of «Дорожная карта» with a deadline in P that were done by that deadline /
// items with a deadline in P. Done = a methodist's «Выполнено» with its date, or a held event naming the item (§3).
import { sheetSpec } from '../../src/core/schema/sheets';
import { Table } from '../../src/core/table';
import { overdueItems, readRoadmap, roadmapCompletion } from '../../src/core/roadmap/status';

const spec = sheetSpec('roadmap');
const table = (rows: Record<string, unknown>[]) =>
  new Table(spec, { header: spec.columns.map((c) => c.header), rows: rows.map((r) => spec.columns.map((c) => (r[c.key] ?? '') as never)) });

const ITEMS = table([
  { item: '1.1', action: 'Положение', deadline: 'Май 2024 г.', mark: 'Выполнено', doneDate: new Date(2024, 4, 20) }, // met
  { item: '1.2', action: 'Сессия', deadline: 'Май 2024 г.', mark: 'Выполнено', doneDate: new Date(2024, 5, 3) }, // late
  { item: '2.1', action: 'Форум', deadline: 'Апрель 2024 г.' }, // done by the held event below
  { item: '2.2', action: 'Отчёт', deadline: 'ежегодно', mark: 'Выполнено', doneDate: new Date(2023, 11, 1) }, // last year's
  { item: '3.1', action: 'Конференция', deadline: 'Май 2023 г.', mark: 'Выполнено', doneDate: new Date(2023, 4, 2) }, // not in P
  { item: '3.2', action: 'Встречи', deadline: 'Еженедельно' }, // unresolved: no deadline, left out
  { item: '3.3', action: 'Марафон', deadline: 'Май 2024 г.', mark: 'В работе', doneDate: new Date(2024, 4, 1) }, // not done
]);
// «п. 2.1» names item 2.1; the planned event naming 3.3 does not mark it.
const HELD = [{ item: 'п. 2.1', day: 20240415 }];

describe('roadmap_completion', () => {
  const items = readRoadmap(ITEMS, HELD);
  it('counts the items with a deadline in P done by it: 1.1 and 2.1 of 1.1, 1.2, 2.1, 2.2, 3.3', () => {
    const { population, covered } = roadmapCompletion(items, 20240101, 20241231);
    expect(population.map((i) => items[i]!.item)).toEqual(['1.1', '1.2', '2.1', '2.2', '3.3']);
    expect([...covered].map((i) => items[i]!.item).sort()).toEqual(['1.1', '2.1']);
  });
  it('a year earlier the 2023 items count instead', () => {
    const { population, covered } = roadmapCompletion(items, 20230101, 20231231);
    expect(population.map((i) => items[i]!.item)).toEqual(['2.2', '3.1']);
    expect(covered.size).toBe(2);
  });
  it('overdue on 10.06.2024: the deadlines passed and not done (1.2 was done late: not overdue any more)', () => {
    expect(overdueItems(items, 20240610).map((o) => [o.item.item, o.deadline])).toEqual([['3.3', 20240531]]);
    // The yearly 2.2 («ежегодно») was done in 2023: on 01.01.2025 its 31.12.2024 has passed with nothing done in 2024.
    expect(overdueItems(items, 20250101).map((o) => [o.item.item, o.deadline])).toEqual([
      ['2.2', 20241231],
      ['3.3', 20240531],
    ]);
  });
});
