// The roadmaps loaded by the presets are the documents' own items (SPEC §6 «Roadmaps»): each is checked against the
// seed text at the line its «Источник» names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROADMAP_DOCUMENTS } from '../../src/core/roadmap/documents';

/** The source documents, kept with the tests (a clean clone has no shared/seeds). */
const SEEDS = join(__dirname, '../fixtures/seeds');
const seedLines = (n: string) => {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${n}_`))!;
  return readFileSync(join(SEEDS, file), 'utf8').split('\n');
};
const squash = (s: string) =>
  s
    .replace(/<\/?p>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const lineOf = (source: string) => Number(/строка (\d+)/.exec(source)![1]);

describe('roadmap documents', () => {
  it('seversk has the 9 items of its комплекс мер, numbered 1–9 as in the order (seed 002 L295–356)', () => {
    const items = ROADMAP_DOCUMENTS.seversk;
    expect(items.map((i) => i.item)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const lines = seedLines('002');
    // Each item starts at the line holding its number; its action, responsible, result and «Срок» follow.
    for (const it of items) {
      const at = lineOf(it.source);
      expect(lines[at - 1]!.trim()).toBe(it.item);
      const following = squash(lines.slice(at, at + 12).join(' '));
      for (const part of [it.action, it.responsible, it.expected, it.deadline]) expect(following).toContain(squash(part));
    }
    // seed 002 L319: «до 20 марта 2023 года»; L300: «до 01 февраля (ежегодно)».
    expect(items[3]!.deadline).toBe('до 20 марта 2023 года');
    expect(items[0]!.deadline).toBe('до 01 февраля (ежегодно)');
  });

  it('mo-r503 has the 63 measures of Р-503 (seed 003 L84–182), each row found at its line', () => {
    const items = ROADMAP_DOCUMENTS['mo-r503'];
    expect(items).toHaveLength(63);
    const lines = seedLines('003');
    for (const it of items) {
      const row = lines[lineOf(it.source) - 1]!.split('\t').map(squash);
      expect(row).toContain(it.deadline);
      // The action may go on after a page break: its start is on the line.
      expect(row.join(' ')).toContain(it.action.slice(0, 30));
    }
    const sample = Object.fromEntries(items.map((i) => [i.item, i]));
    // seed 003 L84: 1.1 … «Корректировка Положения функционирования РС НМС…» — «Май 2023 г.»
    expect(sample['1.1.1']).toMatchObject({
      action: 'Корректировка Положения функционирования РС НМС, положений субъектов РС НМС, ключевых проектов',
      deadline: 'Май 2023 г.',
    });
    // seed 003 L94: «Стратегическое планирование реализации ключевых проектов» — «Август 2023 г., август 2024 г.»
    expect(sample['1.1.5']).toMatchObject({
      deadline: 'Август 2023 г., август 2024 г.',
      expected: 'Дорожная карта реализации ключевых проектов РС НМС',
    });
    // seed 003 L120/L123: the action goes on over the page break («…«Школа профессионального» / «мастерства»»).
    expect(sample['2.2.2']!.action).toBe(
      'Разработка и реализация онлайн проекта по сопровождению реализации ИОМ педагогических работников «Школа профессионального мастерства»',
    );
    // seed 003 L111: the row has no number and is shifted left; it is still 1.4.2 with its own executor and result.
    expect(sample['1.4.2']).toMatchObject({ action: 'Организация деятельности методического актива', deadline: 'В течение 2023-2024 гг.' });
    expect(sample['1.4.2']!.expected).toMatch(/^Приказ о распределении членов методического актива/);
    // seed 003 L182, the last: «Педагогический коворкинг для учителей предметников».
    expect(items[62]).toMatchObject({ item: '3.5.13', action: 'Педагогический коворкинг для учителей предметников' });
  });
});
