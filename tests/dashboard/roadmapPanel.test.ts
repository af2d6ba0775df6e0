// The dashboard's roadmap panel: on 01.10.2025, items done (by a mark or by a held event naming them), overdue (a
// deadline passed, not done) and ahead, and the overdue ones with «Срок» as written. SPEC §3: «An item is overdue
// when a deadline has passed and it is not done.»
import { buildDashboard } from '../../src/core/dashboard/build';
import { dashboardDataSchema } from '../../src/core/dashboard/data';
import { d, MemoryPort, type Rows } from '../support/memoryWorkbook';
import { Workbook } from '../../src/core/workbook';

const NOW = new Date(2025, 9, 1, 12, 0, 0);
const ROADMAP: Rows = [
  { item: '1.1', action: 'Положение об ИОМ', deadline: 'Май 2025 г.', responsible: 'Иванова И. И.' }, // overdue since 31.05.2025
  { item: '1.2', action: 'Семинар наставников', deadline: 'Сентябрь 2025 г.' }, // done by the held event
  { item: '1.3', action: 'Реестр программ', deadline: 'Август 2025 г.', mark: 'Выполнено', doneDate: d('2025-08-20') }, // done
  { item: '2.1', action: 'Форум', deadline: 'Декабрь 2025 г.' }, // ahead
  { item: '2.2', action: 'Отчёт', deadline: 'ежеквартально' }, // overdue since 30.09.2025 (nothing done in 2025)
  { item: '3.1', action: 'Встречи', deadline: 'по мере необходимости' }, // unresolved
  { item: '3.2', action: 'Слёт', deadline: 'Июль 2025 г.' }, // its event was only planned: overdue since 31.07.2025
];
const EVENTS: Rows = [
  { title: 'Семинар', start: d('2025-09-10'), level: 'Муниципальный', kind: 'Семинар', status: 'Проведено', roadmapItem: '1.2' },
  { title: 'Слёт', start: d('2025-07-10'), level: 'Муниципальный', kind: 'Семинар', status: 'Запланировано', roadmapItem: '3.2' },
];

const build = (roadmap: Rows) =>
  buildDashboard(new Workbook(new MemoryPort({ roadmap, events: EVENTS })), { now: NOW, fallbackTitle: 'Книга' });

test('counts done, overdue, ahead and unresolved; lists the overdue items with «Срок» as written', () => {
  const data = build(ROADMAP);
  expect(data.roadmap).toEqual({
    today: '2025-10-01',
    done: 2,
    overdue: 3,
    upcoming: 1,
    unresolved: 1,
    overdueItems: [
      { item: '1.1', action: 'Положение об ИОМ', deadline: 'Май 2025 г.', since: '2025-05-31' },
      { item: '2.2', action: 'Отчёт', deadline: 'ежеквартально', since: '2025-09-30' },
      { item: '3.2', action: 'Слёт', deadline: 'Июль 2025 г.', since: '2025-07-31' },
    ],
  });
  // Aggregates and the document's texts only: who is responsible stays in the workbook.
  expect(JSON.stringify(data)).not.toContain('Иванова');
  expect(dashboardDataSchema.parse(data)).toEqual(data);
});

test('a workbook without roadmap items has no panel', () => {
  expect(build([]).roadmap).toBeNull();
});
