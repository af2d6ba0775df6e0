// The digests' core without the bundle: Russian plurals and month names, who gets which letter when roles overlap,
// the two renderings, and the sending run against a MailPort that Google stops mid-way.
import { renderHtml, renderText, type DigestDocument } from '../../src/core/digest/document';
import { longDay, monthName, monthSpan, reportedMonth, sendDay } from '../../src/core/digest/month';
import { counted, NOUNS } from '../../src/core/digest/plural';
import { plural } from '../../src/core/text';
import { digestAudience } from '../../src/core/digest/recipients';
import { MailQuotaExceeded, sendDigests, type Letter, type MailPort } from '../../src/core/digest/send';
import { MemoryPort, memoryWorkbook } from '../support/memoryWorkbook';
import { testWorkbook } from '../support/workbook';
import { CellLimitError, INTAKE_STOPPED } from '../../src/core/workbookHealth';
import { DigestData } from '../../src/core/digest/facts';
import { normalizeName } from '../../src/core/text';

describe('Russian words', () => {
  test.each([
    [1, 'педагог'],
    [2, 'педагога'],
    [4, 'педагога'],
    [5, 'педагогов'],
    [11, 'педагогов'],
    [12, 'педагогов'],
    [14, 'педагогов'],
    [21, 'педагог'],
    [22, 'педагога'],
    [25, 'педагогов'],
    [0, 'педагогов'],
    [101, 'педагог'],
    [111, 'педагогов'],
    [1012, 'педагогов'],
  ])('%i %s', (n, word) => {
    expect(plural(n, NOUNS.teacher)).toBe(word);
  });

  test('counts with digit groups, month names and dates in Russian', () => {
    expect(counted(1500, NOUNS.answer)).toBe('1\u202f500 ответов');
    expect(monthName({ year: 2024, month: 12 })).toBe('декабрь 2024');
    expect(monthName({ year: 2025, month: 5 })).toBe('май 2025');
    expect(longDay(sendDay({ year: 2024, month: 12 }))).toBe('1 января 2025');
    expect(longDay(sendDay({ year: 2025, month: 2 }))).toBe('1 марта 2025');
    expect(monthSpan({ year: 2024, month: 2 })).toEqual({ from: 20240201, to: 20240229 });
    expect(reportedMonth(2025, 1)).toEqual({ year: 2024, month: 12 });
    expect(reportedMonth(2025, 7)).toEqual({ year: 2025, month: 6 });
  });
});

describe('recipients: one letter per address', () => {
  const settings = (methodists: string, ministry: string, off = '') => [
    { key: 'Адреса методистов', value: methodists },
    { key: 'Адреса министерства', value: ministry },
    { key: 'Координаторы без рассылки', value: off },
  ];
  const orgs = [
    { code: 'Ш1', name: 'Школа № 1', type: 'Школа', coordinatorEmail: 'Zavuch@Klin.example' },
    { code: 'Ш2', name: 'Школа № 2', type: 'Школа', coordinatorEmail: 'zavuch@klin.example; metodist@klin.example' },
    { code: 'Ш3', name: 'Школа № 3', type: 'Школа', coordinatorEmail: 'нет' },
    { code: 'Ш4', name: 'Школа № 4', type: 'Школа', coordinatorEmail: 'minobr@mo.example' },
    { code: 'Ш5', name: 'Школа № 5', type: 'Школа', coordinatorEmail: 'off@klin.example' },
  ];

  test('methodist over coordinator, one coordinator of two schools, coordinator over ministry; junk is named', () => {
    const audience = digestAudience(
      memoryWorkbook({
        settings: settings('metodist@klin.example, metodist@klin', 'minobr@mo.example; analitik@mo.example', 'off@klin.example'),
        organizations: orgs,
      }),
    );
    expect(audience.recipients.map((r) => [r.email, r.role, r.orgs.map((o) => o.code).join('+')])).toEqual([
      ['metodist@klin.example', 'methodist', ''],
      ['zavuch@klin.example', 'coordinator', 'Ш1+Ш2'],
      ['minobr@mo.example', 'coordinator', 'Ш4'],
      ['analitik@mo.example', 'ministry', ''],
    ]);
    expect(audience.problems).toEqual([
      '«Настройки» → «Адреса методистов»: «metodist@klin» — не e-mail, письмо туда не уйдёт.',
      '«Организации», Ш3: «Email координатора» «нет» — не e-mail, сводка по ОО туда не уйдёт.',
    ]);
    expect(audience.coordinators.find((c) => c.code === 'Ш5')).toMatchObject({ email: 'off@klin.example', off: true });
    expect(audience.withoutCoordinator).toEqual([]);
  });
});

describe('rendering', () => {
  const doc: DigestDocument = {
    title: 'Сводка',
    subtitle: 'Клин',
    blocks: [
      { kind: 'link', label: 'Открыть', url: 'javascript:alert(1)' },
      { kind: 'link', label: 'Книга', url: 'https://docs.google.com/spreadsheets/d/x/edit?a=1&b=2' },
      { kind: 'link', label: 'Кавычка', url: 'https://x.example/"onmouseover="alert(1)' },
      {
        kind: 'table',
        columns: ['Код', 'Показатель', 'Факт'],
        numeric: [false, false, true],
        rows: [
          ['8.1', 'Доля педагогических работников и управленческих кадров, для которых разработаны ИОМ, в общей численности', '12,5 %'],
        ],
      },
    ],
    footer: '—',
  };

  test('only an https link becomes a link, its address escaped; a long table is written row by row in text', () => {
    const html = renderHtml(doc);
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('<p style="margin:12px 0">Открыть: javascript:alert(1)</p>');
    expect(html).toContain('<a href="https://docs.google.com/spreadsheets/d/x/edit?a=1&amp;b=2" style="color:#1a73e8">Книга</a>');
    expect(html).toContain('<p style="margin:12px 0">Кавычка: https://x.example/&quot;onmouseover=&quot;alert(1)</p>');
    expect(renderText(doc)).toContain(
      '8.1  Доля педагогических работников и управленческих кадров, для которых разработаны ИОМ, в общей численности\n    Факт: 12,5 %',
    );
  });
});

describe('a sending run that Google refuses mid-way', () => {
  const month = { year: 2025, month: 9 };

  function letters(outcomes: ('ok' | 'quota')[]): MailPort & { sent: Letter[] } {
    const sent: Letter[] = [];
    return {
      sent,
      remainingDailyQuota: () => 100,
      send(letter) {
        if (outcomes.shift() === 'quota') throw new MailQuotaExceeded('Service invoked too many times for one day: email.');
        sent.push(letter);
      },
    };
  }

  test('the refused letter is «Отложено…» and goes on the next run; what went is not sent again', () => {
    const wb = testWorkbook(() => new Date(2025, 9, 1, 8, 0));
    const settings = wb.spreadsheet.getSheetByName('Настройки')!;
    const row = settings
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'Адреса методистов');
    settings.getRange(row + 1, 2).setValue('metodist@klin.example, second@klin.example');
    const deps = { workbook: wb.deps.workbook, clock: wb.deps.clock, workbookUrl: '', deadline: Number.MAX_SAFE_INTEGER };

    const first = letters(['ok', 'quota']);
    const run = sendDigests({ ...deps, mail: first }, month);
    expect(run).toMatchObject({ sent: ['metodist@klin.example'], left: 2, stoppedBy: 'quota', recipients: 3 });
    const log = () =>
      wb
        .values('mailings')
        .slice(1)
        .map((r) => `${r[1]} ${r[3]} ${r[4]}`);
    expect(log()).toEqual([
      'metodist@klin.example 09.2025 Отправлено',
      'second@klin.example 09.2025 Отложено: исчерпан дневной лимит писем',
    ]);

    const second = letters([]);
    expect(sendDigests({ ...deps, mail: second }, month)).toMatchObject({ before: 1, left: 0, stoppedBy: null });
    expect(second.sent.map((l) => l.to)).toEqual(['second@klin.example', 's1@klin.example']);
    expect(log().slice(2)).toEqual(['second@klin.example 09.2025 Отправлено', 's1@klin.example 09.2025 Отправлено']);
    expect(second.sent[1]!.subject).toBe('Маршрут: сводка за сентябрь 2025 — МОУ «Средняя школа № 1»');
  });

  test('no quota left: no letter, no register read', () => {
    const port = new MemoryPort({ settings: [{ key: 'Адреса методистов', value: 'metodist@klin.example' }] });
    const mail = {
      remainingDailyQuota: () => 0,
      send: () => {
        throw new Error('not expected');
      },
    };
    const run = sendDigests({ workbook: port, mail, clock: { now: () => new Date() }, workbookUrl: '', deadline: Infinity }, month);
    expect(run).toMatchObject({ sent: [], left: 1, stoppedBy: 'quota' });
    expect(port.reads.sort()).toEqual(['mailings', 'organizations', 'settings']);
  });
});

describe('the intake stopped at the cell limit (issue 17)', () => {
  const month = { year: 2025, month: 9 };
  const send = (cells: string) => {
    const sent: Letter[] = [];
    const port = new MemoryPort({
      settings: [
        { key: 'Адреса методистов', value: 'metodist@klin.example' },
        { key: 'Ячеек в книге', value: cells },
      ],
    });
    const mail: MailPort = { remainingDailyQuota: () => 100, send: (letter) => void sent.push(letter) };
    sendDigests({ workbook: port, mail, clock: { now: () => new Date(2025, 9, 1, 8, 0) }, workbookUrl: '', deadline: Infinity }, month);
    return sent;
  };

  test("the owner's (methodist's) next letter says the intake is stopped and why; it says nothing while it runs", () => {
    const refusal = new CellLimitError(9_990_000, 24_000).message;
    const [letter] = send(`9 990 000 из 10 000 000 (99,9 %), на 01.10.2025 07:00:00. ${INTAKE_STOPPED}${refusal}`);
    expect(letter!.text).toContain(`Приём ответов остановлен\n------------------------\n${refusal}`);
    expect(letter!.html).toContain('Приём ответов остановлен');
    const [calm] = send('120 000 из 10 000 000 (1,2 %), на 01.10.2025 07:00:00');
    expect(calm!.text).not.toContain('остановлен');
  });
});

// Each ОО's letter counts its own rows (src/core/digest/facts.ts reads them by ОО, built once for 1,800 letters).
describe("an ОО's letter: its own rows, a pair in both ОО's letters", () => {
  const workbook = memoryWorkbook({
    organizations: [
      { code: 'Ш1', name: 'Школа № 1', type: 'Школа' },
      { code: 'Ш2', name: 'Школа № 2', type: 'Школа' },
    ],
    staff: [
      { name: 'Иванова Анна', orgCode: 'Ш1', position: 'Учитель' },
      { name: 'Петров Пётр', orgCode: 'Ш2', position: 'Учитель' },
      { name: 'Сидорова Мария', orgCode: 'Ш2', position: 'Учитель' },
    ],
    mentoring: [
      { mentorName: 'Иванова Анна', mentorOrgCode: 'Ш1', menteeName: 'Петров Пётр', menteeOrgCode: 'Ш2', start: new Date(2025, 8, 10) },
    ],
    events: [{ title: 'Семинар', kind: 'Семинар', start: new Date(2025, 8, 5), status: 'Проведено', organizerCode: 'Ш1' }],
    iom: [{ personName: 'Петров Пётр', personOrgCode: 'Ш2', start: new Date(2025, 8, 3), status: 'Разработан' }],
  });
  const data = new DigestData(workbook, { year: 2025, month: 9 }, null);
  const of = (...codes: string[]) => data.facts(new Set(codes.map(normalizeName)));

  test('the mentor’s ОО and the mentee’s both count the new pair; two ОО together count it once', () => {
    expect(of('Ш1').newPairs.month).toBe(1);
    expect(of('Ш2').newPairs.month).toBe(1);
    expect(of('Ш1', 'Ш2').newPairs.month).toBe(1);
  });

  test('events by their organizer, IOMs and «без ИОМ» by the person’s ОО', () => {
    expect([of('Ш1').eventsHeld.month, of('Ш2').eventsHeld.month]).toEqual([1, 0]);
    expect([of('Ш1').developed.month, of('Ш2').developed.month]).toEqual([0, 1]);
    expect(of('Ш1').withoutIom.map((p) => p.name)).toEqual(['Иванова Анна']);
    expect(of('Ш2').withoutIom.map((p) => p.name)).toEqual(['Сидорова Мария']);
    expect(of('Ш1', 'Ш2').withoutIom.map((p) => p.name)).toEqual(['Иванова Анна', 'Сидорова Мария']);
    expect(data.facts(null).developed.month).toBe(1);
  });
});

// Google refuses a mail body over 200 KB (MailApp quotas: «Email body size» 200 KB): a municipality of 1,800 ОО
// (the ~53k-staff bench) made the methodist's letter 883 KB with its table of every ОО.
describe("the methodist's letter of a municipality with 1,800 ОО", () => {
  const codes = Array.from({ length: 1800 }, (_, i) => `ОО-${String(i + 1).padStart(4, '0')}`);
  const port = new MemoryPort({
    settings: [{ key: 'Адреса методистов', value: 'metodist@mo.example' }],
    organizations: codes.map((code) => ({
      code,
      name: `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа» ${code}`,
      type: 'Школа',
    })),
    // ОО-0007 has three teachers without an IOM, every other ОО one.
    staff: codes.flatMap((code) =>
      Array.from({ length: code === 'ОО-0007' ? 3 : 1 }, (_, k) => ({ name: `Учитель ${code} ${k}`, orgCode: code, position: 'Учитель' })),
    ),
  });
  const sent: Letter[] = [];
  const mail: MailPort = { remainingDailyQuota: () => 100, send: (letter) => void sent.push(letter) };
  sendDigests(
    { workbook: port, mail, clock: { now: () => new Date(2025, 9, 1, 8, 0) }, workbookUrl: '', deadline: Infinity },
    { year: 2025, month: 9 },
  );
  const letter = sent.find((l) => l.to === 'metodist@mo.example')!;

  test("stays under Google's 200 KB, the ОО furthest behind first, the rest pointed to", () => {
    expect(Buffer.byteLength(letter.html, 'utf8')).toBeLessThan(200 * 1024);
    expect(letter.text).toContain('Показаны 50 ОО, где таких больше всего.');
    expect(letter.text).toContain('…и ещё 1750 — см. лист «Показатели по ОО».');
    const byOrg = letter.text.slice(letter.text.indexOf('По ОО'));
    expect(byOrg.indexOf('ОО-0007')).toBeLessThan(byOrg.indexOf('ОО-0001'));
  });
});
