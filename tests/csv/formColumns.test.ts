import { EMAIL_KEY, TIMESTAMP_KEY, mapFormColumns } from '../../src/core/csv/formColumns';
import { parseCsvTable } from '../../src/core/csv/table';
import { EMAIL_TITLE, FORMS, TIMESTAMP_TITLE } from '../../src/core/schema/forms';
import { fixture } from './helpers';

const iomTitles = () => [TIMESTAMP_TITLE, EMAIL_TITLE, ...FORMS.iom.questions.map((q) => q.title)];

describe('mapFormColumns', () => {
  it('maps Google’s own export exactly', () => {
    for (const form of Object.values(FORMS)) {
      const headers = [TIMESTAMP_TITLE, ...(form.collectsEmail ? [EMAIL_TITLE] : []), ...form.questions.map((q) => q.title)];
      const m = mapFormColumns(headers, form);
      const offset = form.collectsEmail ? 2 : 1;
      expect(m.timestamp).toBe(0);
      expect(m.email).toBe(form.collectsEmail ? 1 : null);
      form.questions.forEach((q, i) => expect(m.questions[q.key]).toBe(i + offset));
      expect(m.unmatched).toEqual([]);
      expect(m.missingRequired).toEqual([]);
    }
  });

  it('maps the fixture with a BOM', () => {
    const t = parseCsvTable(fixture('iom-bom.csv'));
    const m = mapFormColumns(t.headers, FORMS.iom);
    expect(m.timestamp).toBe(0);
    expect(m.unmatched).toEqual([]);
    expect(Object.keys(m.questions)).toHaveLength(FORMS.iom.questions.length);
  });

  it('matches headers that differ in case, punctuation and a trailing star', () => {
    const t = parseCsvTable(fixture('iom-renamed-headers.csv'));
    const m = mapFormColumns(t.headers, FORMS.iom);
    expect(m.timestamp).toBe(0);
    expect(m.email).toBe(1);
    expect(m.questions).toEqual({ personName: 2, orgName: 3, position: 4, start: 5, status: 6, deficits: 7 });
    expect(m.unmatched).toEqual(['Лишний столбец']);
    expect(m.missingRequired).toEqual([]);
  });

  it('matches synonyms', () => {
    const t = parseCsvTable(fixture('iom-synonyms.csv'));
    const m = mapFormColumns(t.headers, FORMS.iom);
    expect(m.timestamp).toBe(0);
    expect(m.email).toBe(1);
    expect(m.questions).toMatchObject({ personName: 2, orgName: 3, position: 4, start: 5, status: 6 });
    expect(m.unmatched).toEqual(['Комментарий']);
    expect(m.missingRequired).toEqual([]);
  });

  it.each([
    ['ФИО', 'personName'],
    ['Фамилия, имя, отчество', 'personName'],
    ['ФИО педагога (полностью)', 'personName'],
    ['ОО', 'orgName'],
    ['Организация', 'orgName'],
    ['школа', 'orgName'],
  ])('«%s» → %s', (header, key) => {
    expect(mapFormColumns([header], FORMS.iom).questions[key]).toBe(0);
  });

  it.each(['Отметка времени', 'Timestamp', 'timestamp'])('timestamp «%s»', (h) => {
    expect(mapFormColumns([h], FORMS.iom).timestamp).toBe(0);
  });
  it.each(['Адрес электронной почты', 'Email', 'Электронная почта', 'Email Address', 'E-mail'])('email «%s»', (h) => {
    expect(mapFormColumns([h], FORMS.participation).email).toBe(0);
  });

  it('prefers an exact title to a synonym and the leftmost of equals; the others are its second columns', () => {
    const m = mapFormColumns(['ФИО', 'ФИО педагога', 'фио педагога'], FORMS.iom);
    expect(m.questions.personName).toBe(1);
    expect(m.alternates.personName).toEqual([0, 2]);
    expect(m.unmatched).toEqual([]);
  });

  it('reports required questions without a column by title', () => {
    const m = mapFormColumns([TIMESTAMP_TITLE, 'ФИО педагога'], FORMS.iom);
    expect(m.missingRequired).toEqual(['Образовательная организация', 'Должность', 'Начало реализации ИОМ', 'Статус ИОМ']);
  });

  it('lets a manual mapping override, ignore and name service columns', () => {
    const headers = ['Когда', 'Почта', 'Кто', 'ФИО педагога', 'Где работает', 'Статус ИОМ'];
    const m = mapFormColumns(headers, FORMS.iom, {
      Когда: TIMESTAMP_KEY,
      Почта: EMAIL_KEY,
      Кто: 'personName',
      'ФИО педагога': '',
      'Где работает': 'Образовательная организация', // a title is accepted too
    });
    expect(m.timestamp).toBe(0);
    expect(m.email).toBe(1);
    expect(m.questions.personName).toBe(2);
    expect(m.questions.orgName).toBe(4);
    expect(m.questions.status).toBe(5);
    expect(m.unmatched).toEqual(['ФИО педагога']);
  });

  it('never assigns one column twice', () => {
    const m = mapFormColumns(iomTitles(), FORMS.iom, { 'ФИО педагога': 'orgName' });
    const cols = Object.values(m.questions);
    expect(new Set(cols).size).toBe(cols.length);
    expect(m.questions.orgName).toBe(2);
    expect(m.questions.personName).toBeUndefined();
    expect(m.missingRequired).toEqual(['ФИО педагога']);
    // The column titled like the question the methodist fed from elsewhere is its second column, not lost.
    expect(m.alternates.orgName).toEqual([iomTitles().indexOf('Образовательная организация')]);
    expect(m.unmatched).toEqual([]);
  });
});
