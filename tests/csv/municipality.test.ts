import { mapFormColumns } from '../../src/core/csv/formColumns';
import { formRowsToSubmissions, type RawSubmission } from '../../src/core/csv/formRows';
import { readReferenceTable } from '../../src/core/csv/reference';
import { parseCsvTable } from '../../src/core/csv/table';
import { EMAIL_TITLE, FORMS, TIMESTAMP_TITLE, type FormId } from '../../src/core/schema/forms';
import { sheetSpec } from '../../src/core/schema/sheets';
import { formatDay, normalizeName, parseDateTime, parseDay } from '../../src/core/text';
import { MUNICIPALITY_FILES, generateMunicipality, generateMunicipalityDetailed } from '../../src/local/demo/municipality';

const gen = generateMunicipalityDetailed({ seed: 7 });
const files = gen.files;
const table = (name: string) => parseCsvTable(files[name]);
const submissions = (formId: FormId): RawSubmission[] => {
  const t = table(`${formId}.csv`);
  return formRowsToSubmissions(t, FORMS[formId], mapFormColumns(t.headers, FORMS[formId]));
};
const plantedRows = (file: string, reason?: RegExp) =>
  new Set(gen.planted.filter((p) => p.file === file && (!reason || reason.test(p.reason))).map((p) => p.row));

describe('generateMunicipality', () => {
  it('is deterministic for a seed', () => {
    expect(generateMunicipality({ seed: 7 })).toEqual(files);
    expect(generateMunicipality({ seed: 8 })['staff.csv']).not.toEqual(files['staff.csv']);
  });

  it('writes the seven files in Google’s conventions', () => {
    expect(Object.keys(files).sort()).toEqual([...MUNICIPALITY_FILES].sort());
    for (const text of Object.values(files)) {
      expect(text).toContain('\r\n');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
    }
    for (const id of Object.keys(FORMS) as FormId[]) {
      const form = FORMS[id];
      expect(table(`${id}.csv`).headers).toEqual([
        TIMESTAMP_TITLE,
        ...(form.collectsEmail ? [EMAIL_TITLE] : []),
        ...form.questions.map((q) => q.title),
      ]);
      const rows = table(`${id}.csv`).rows;
      const stamps = rows.map((r) => r[0]);
      expect(stamps.every((s) => /^\d{2}\.\d{2}\.\d{4} \d{1,2}:\d{2}:\d{2}$/.test(s))).toBe(true);
      const times = stamps.map((s) => parseDateTime(s)!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('has a Klin-sized roster', () => {
    const orgs = readReferenceTable(table('organizations.csv'), sheetSpec('organizations'));
    expect(orgs.problems).toEqual([]);
    expect(orgs.records).toHaveLength(12);
    const types = orgs.records.map((o) => o.type);
    const count = (t: string) => types.filter((x) => x === t).length;
    expect(count('Детский сад')).toBeGreaterThanOrEqual(2);
    expect(count('Детский сад')).toBeLessThanOrEqual(3);
    expect(count('Организация дополнительного образования')).toBe(1);
    expect(count('Методическая служба')).toBe(1);
    expect(count('Школа')).toBeGreaterThanOrEqual(7);

    const staff = readReferenceTable(table('staff.csv'), sheetSpec('staff'));
    expect(staff.records.length).toBeGreaterThanOrEqual(800);
    expect(staff.records.length).toBeLessThanOrEqual(900);
    // only the two planted problems
    expect(staff.problems.map((p) => p.row).sort()).toEqual([...plantedRows('staff.csv')].sort());
    const codes = new Set(orgs.records.map((o) => o.code));
    expect(staff.records.every((p) => codes.has(p.orgCode as string))).toBe(true);
    const names = staff.records.map((p) => normalizeName(p.name as string));
    expect(new Set(names).size).toBe(names.length);
    const young = staff.records.filter((p) => p.youngSpecialist === 'Да').length;
    expect(young).toBeGreaterThan(30);
    expect(staff.records.filter((p) => p.position === 'Учитель').length).toBeGreaterThan(staff.records.length / 2);
    expect(staff.records.filter((p) => String(p.roles).includes('Наставник')).length).toBeGreaterThan(60);
    const ms = orgs.records.find((o) => o.type === 'Методическая служба')!;
    expect(staff.records.filter((p) => p.orgCode === ms.code && p.position === 'Методист').length).toBeGreaterThanOrEqual(3);

    const diag = readReferenceTable(table('diagnostics.csv'), sheetSpec('diagnostics'));
    expect(diag.problems.map((p) => p.row)).toEqual([...plantedRows('diagnostics.csv')]);
    const diagnosed = new Set(diag.records.map((d) => d.personName)).size;
    expect(diagnosed / staff.records.length).toBeGreaterThan(0.5);
    expect(diagnosed / staff.records.length).toBeLessThan(0.7);
  });

  it('has IOM rows for about 55% of staff, in the form’s option lists', () => {
    const subs = submissions('iom');
    const staffCount = table('staff.csv').rows.length;
    expect(subs.length / staffCount).toBeGreaterThan(0.48);
    expect(subs.length / staffCount).toBeLessThan(0.62);
    const bad = plantedRows('iom.csv', /не из списка/);
    for (const q of FORMS.iom.questions.filter((x) => x.choices)) {
      for (const s of subs) {
        if (bad.has(s.row)) continue;
        const a = s.answers[q.title];
        for (const v of Array.isArray(a) ? a : a ? [a] : []) expect(q.choices).toContain(v);
      }
    }
    const statuses = new Set(subs.map((s) => s.answers['Статус ИОМ']));
    for (const st of ['Разработан', 'Реализуется', 'Реализован', 'Не реализован']) expect(statuses).toContain(st);
    expect(subs.some((s) => (s.answers['Мероприятия ИОМ'] as string[]).includes('Семинар, вебинар'))).toBe(true);
    expect(subs.some((s) => s.answers['Предмет'] === '=HYPERLINK("http://x","y")')).toBe(true);
  });

  it('plants one duplicate IOM submission with a later timestamp', () => {
    const subs = submissions('iom');
    const [dupRow] = [...plantedRows('iom.csv', /Повторная/)];
    const dup = subs[dupRow - 2]; // a line of the file: the header is line 1
    const key = (s: RawSubmission) => `${normalizeName(s.answers['ФИО педагога'] as string)}|${s.answers['Начало реализации ИОМ']}`;
    const earlier = subs.filter((s) => s !== dup && key(s) === key(dup));
    expect(earlier).toHaveLength(1);
    expect(earlier[0].timestamp!.getTime()).toBeLessThan(dup.timestamp!.getTime());
    expect(earlier[0].answers['Статус ИОМ']).toBe('Разработан');
    expect(dup.answers['Статус ИОМ']).toBe('Реализуется');
  });

  it('has ~60 events and ~1500 participations that refer to them', () => {
    const events = submissions('events');
    expect(events.length).toBeGreaterThanOrEqual(55);
    expect(events.length).toBeLessThanOrEqual(70);
    const kinds = new Set(events.map((e) => e.answers['Вид мероприятия']));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    expect(new Set(events.map((e) => e.answers['Уровень'])).size).toBe(4);
    expect(events.some((e) => e.answers['Пункт дорожной карты'])).toBe(true);
    expect(events.some((e) => e.answers['Программа из ФР ДПП'] === 'Да')).toBe(true);
    const held = events.filter((e) => ['Проведено', ''].includes(e.answers['Статус'] as string)).length;
    expect(held / events.length).toBeGreaterThan(0.7);

    const labels = new Set(
      events.flatMap((e) => {
        const d = parseDay(e.answers['Дата начала'] as string);
        return d ? [`${e.answers['Название мероприятия']} (${formatDay(d)})`] : [];
      }),
    );
    const parts = submissions('participation');
    expect(parts.length).toBeGreaterThanOrEqual(1400);
    expect(parts.length).toBeLessThanOrEqual(1650);
    const orphan = parts.filter((p) => !labels.has(p.answers['Мероприятие'] as string)).map((p) => p.row);
    expect(orphan.length).toBeGreaterThan(0);
    expect(new Set(orphan)).toEqual(plantedRows('participation.csv', /нет в журнале/));
  });

  it('has ~80 mentoring pairs', () => {
    const pairs = submissions('mentoring');
    expect(pairs.length).toBeGreaterThanOrEqual(70);
    expect(pairs.length).toBeLessThanOrEqual(95);
    expect(pairs.filter((p) => p.answers['Форма наставничества'] === 'Педагог — молодой специалист').length).toBeGreaterThan(20);
  });

  it('plants about 2% bad rows across the forms', () => {
    const formRows = (Object.keys(FORMS) as FormId[]).reduce((n, id) => n + table(`${id}.csv`).rows.length, 0);
    const planted = gen.planted.filter((p) => p.kind !== 'reference').length;
    expect(planted / formRows).toBeGreaterThan(0.015);
    expect(planted / formRows).toBeLessThan(0.035);
    for (const kind of ['quarantine', 'formula', 'duplicate'] as const) expect(gen.planted.some((p) => p.kind === kind)).toBe(true);
    // Hostile text answers of each leading character are present.
    const all = Object.values(files).join('\n');
    for (const lead of ['=', '+', '-', '@']) expect(all).toMatch(new RegExp(`,"?\\${lead}`));
  });

  it('without bad rows every label resolves and no row is planted', () => {
    const clean = generateMunicipalityDetailed({ seed: 3, badRows: false });
    expect(clean.planted).toEqual([]);
    const ev = parseCsvTable(clean.files['events.csv']);
    const labels = new Set(ev.rows.map((r) => `${r[1]} (${r[4]})`));
    const part = parseCsvTable(clean.files['participation.csv']);
    expect(part.rows.every((r) => labels.has(r[2]))).toBe(true);
  });

  it('scales', () => {
    const small = generateMunicipalityDetailed({ seed: 1, organizations: 5, staff: 120 });
    expect(parseCsvTable(small.files['organizations.csv']).rows).toHaveLength(5);
    const n = parseCsvTable(small.files['staff.csv']).rows.length;
    expect(n).toBeGreaterThanOrEqual(100);
    expect(n).toBeLessThanOrEqual(140);
  });
});
