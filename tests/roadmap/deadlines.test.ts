// «Срок» as the documents write it resolves to deadlines (SPEC §3: the last day of the month, year or quarter named).
import { deadlinesWithin, parseDeadline, shownDeadline } from '../../src/core/roadmap/deadlines';

const in2023_24 = (text: string) => deadlinesWithin(parseDeadline(text), 20230101, 20241231);

describe('roadmap deadlines', () => {
  it('a month with its year is its last day (seed 003 L84 «Май 2023 г.»)', () => {
    expect(in2023_24('Май 2023 г.')).toEqual([20230531]);
  });
  it('each month listed takes its own year (seed 003 L94 «Август 2023 г., август 2024 г.»; L103 without commas)', () => {
    expect(in2023_24('Август 2023 г., август 2024 г.')).toEqual([20230831, 20240831]);
    expect(in2023_24('Июнь 2023 г декабрь 2023 г., июнь 2024г., декабрь2024 г.')).toEqual([20230630, 20231231, 20240630, 20241231]);
  });
  it('a range of months ends with its last (seed 003 L88 «Май-июнь 2023 г.»; L126 «январь-февраль 2024 г.», a leap year)', () => {
    expect(in2023_24('Май-июнь 2023 г.')).toEqual([20230630]);
    expect(in2023_24('Май 2023 г., январь-февраль 2024 г.')).toEqual([20230531, 20240229]);
  });
  it('a named day, or the last of a span of days (seed 003 L172, L173)', () => {
    expect(in2023_24('6 октября 2023 г.')).toEqual([20231006]);
    expect(in2023_24('с 16 октября по 30 октября 2023 г.')).toEqual([20231030]);
    expect(in2023_24('до 20 марта 2023 года')).toEqual([20230320]);
  });
  it('years named: the end of each (seed 003 L110 «В течение 2023-2024 гг.»; «2023–2024 гг.»)', () => {
    expect(in2023_24('В течение 2023-2024 гг.')).toEqual([20231231, 20241231]);
    expect(deadlinesWithin(parseDeadline('2023–2024 гг.'), 20240101, 20241231)).toEqual([20241231]);
  });
  it('a frequency recurs in the period computed', () => {
    expect(deadlinesWithin(parseDeadline('в течение года'), 20240101, 20241231)).toEqual([20241231]);
    expect(deadlinesWithin(parseDeadline('ежеквартально'), 20240101, 20241231)).toEqual([20240331, 20240630, 20240930, 20241231]);
    // seed 002 L300 «до 01 февраля (ежегодно)»: 1 February of every year.
    expect(in2023_24('до 01 февраля (ежегодно)')).toEqual([20230201, 20240201]);
    // seed 002 L326 «до 20 ноября (ежегодно, начиная с 2023 года)»: none in 2022.
    expect(deadlinesWithin(parseDeadline('до 20 ноября (ежегодно, начиная с 2023 года)'), 20220101, 20231231)).toEqual([20231120]);
  });
  it('what no rule reads is reported with what to type, never guessed (seed 003 L106 «Еженедельно»)', () => {
    for (const text of ['Еженедельно', 'по согласованию', '', 'Май']) {
      const rule = parseDeadline(text);
      expect(rule.kind).toBe('unresolved');
      expect(rule.kind === 'unresolved' && rule.reason).toMatch(/Укажите дату выполнения в столбце «Срок»/);
    }
  });
  it('deadlines read in Russian', () => {
    expect(shownDeadline(20230531)).toBe('31 мая 2023');
  });
});
