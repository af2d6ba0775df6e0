// A small municipality whose indicators are computed by hand in engine.test.ts. Year 2024, R = 31.12.2024.
//
// ОО: S1 школа (ОО-1 = 10), S2 школа (ОО-1 empty), D1 детский сад (ОО-1 empty), MS методическая служба (ОО-1 = 5).
// S (not MS): a1–a4 (S1), b1–b5 (S2), c1–c2 (D1) = 11 people; headcount by ОО-1 = 10 + 5 + 2 = 17.
// учителя: a1 a2 b1 b2 (b3 is «Учитель-логопед»); УК: a3 a4 b5 c2; педагоги = S \ УК = 7.
// Young specialists at R: a2, b2 (by dates), b3 (roster flag), c1 (mentoring form); not b1 (35 on R itself).
import type { Rows } from '../support/memoryWorkbook';
import { d } from '../support/memoryWorkbook';

const org = (code: string, name: string, type: string, headcount: number | '' = '') => ({ code, name, type, headcount });
export const ORGS: Rows = [
  org('S1', 'Школа № 1', 'Школа', 10),
  org('S2', 'Школа № 2', 'Школа'),
  org('D1', 'Детский сад «Солнышко»', 'Детский сад'),
  org('MS', 'Методический центр', 'Методическая служба', 5),
];

const person = (name: string, orgCode: string, position: string, birth: string, career: string, extra: Record<string, string> = {}) => ({
  name,
  orgCode,
  position,
  birthDate: d(birth),
  careerStart: d(career),
  source: 'Реестр',
  ...extra,
});
export const STAFF: Rows = [
  person('a1', 'S1', 'Учитель', '1980-01-01', '2005-09-01', { roles: 'Наставник', association: 'ШМО математики' }),
  person('a2', 'S1', 'Учитель', '1995-05-05', '2023-09-01'),
  person('a3', 'S1', 'Руководитель', '1970-03-03', '1995-09-01'),
  person('a4', 'S1', 'Заместитель руководителя', '1975-04-04', '1998-09-01', { roles: 'Методист' }),
  person('b1', 'S2', 'Учитель', '1989-12-31', '2022-09-01'),
  person('b2', 'S2', 'Учитель', '1990-01-01', '2022-01-01'),
  person('b3', 'S2', 'Учитель-логопед', '1985-06-06', '2010-09-01', { youngSpecialist: 'Да' }),
  person('b4', 'S2', 'Педагог-психолог', '1988-08-08', '2012-09-01', { source: 'Добавлен из формы' }),
  person('b5', 'S2', 'Руководитель', '1972-07-07', '1994-09-01'),
  person('c1', 'D1', 'Воспитатель', '1992-02-02', '2015-09-01', { association: 'РМО воспитателей' }),
  person('c2', 'D1', 'Руководитель', '1968-01-01', '1990-09-01'),
  person('m1', 'MS', 'Методист', '1980-01-01', '2000-09-01', { roles: 'Методист' }),
  person('m2', 'MS', 'Методист', '1981-01-01', '2001-09-01', { roles: 'Региональный методист' }),
  person('m3', 'MS', 'Методист', '1982-01-01', '2002-09-01', { roles: 'Методист; Эксперт' }),
];

const orgOf = (name: string) => STAFF.find((s) => s.name === name)!.orgCode as string;
const who = (prefix: string, name: string) => ({ [`${prefix}Name`]: name, [`${prefix}OrgCode`]: orgOf(name) });

export const DIAGNOSTICS: Rows = [
  ['a1', '2024-03-01', 'Базовый'],
  ['a1', '2024-06-01', 'Базовый'],
  ['a2', '2023-12-31', 'Высокий'],
  ['b1', '2024-12-31', 'Высокий'],
  ['b2', '2025-01-01', 'Базовый'],
  ['c1', '2024-01-01', 'Повышенный'],
  ['m1', '2024-05-05', 'Высокий'],
  ['b3', '2022-08-31', 'Базовый'],
  ['b4', '2022-09-01', 'Базовый'],
].map(([name, date, level]) => ({ ...who('person', name!), date: d(date!), procedure: 'Региональная', level }));

export const IOMS: Rows = [
  ['a1', '2023-11-01', '2024-01-01', 'Реализован'],
  ['a2', '2023-01-01', '2023-12-31', 'Реализован'],
  ['b1', '2024-12-31', '', 'Разработан'],
  ['b2', '2025-01-01', '', 'Разработан'],
  ['b3', '2024-02-01', '', 'Возвращён на доработку'],
  ['c1', '2024-03-01', '', 'Реализуется'],
  ['a3', '2022-01-01', '', 'Не реализован'],
  ['b4', '2024-05-05', '2024-12-31', 'Реализован'],
].map(([name, start, end, status]) => ({
  ...who('person', name!),
  position: STAFF.find((s) => s.name === name)!.position,
  start: d(start!),
  end: end ? d(end) : '',
  status,
}));

const event = (
  title: string,
  kind: string,
  level: string,
  start: string,
  status: string,
  organizerCode: string,
  extra: Record<string, string> = {},
) => ({
  title,
  kind,
  level,
  start: d(start),
  status,
  organizerCode,
  ...extra,
});
export const EVENTS: Rows = [
  event('Курсы ДПП по управлению', 'Курсы повышения квалификации', 'Региональный', '2024-02-10', 'Проведено', 'MS', {
    dpp: 'Да',
    direction: 'Управление качеством образования',
  }),
  event('Курсы по ИКТ', 'Курсы повышения квалификации', 'Региональный', '2024-03-10', 'Проведено', 'MS', { dpp: 'Нет' }),
  event('Учитель года', 'Конкурс профессионального мастерства', 'Муниципальный', '2024-04-01', 'Проведено', 'MS'),
  event('Семинар молодых педагогов', 'Семинар', 'Муниципальный', '2024-05-01', 'Проведено', 'S1', {
    audience: 'Молодые педагоги',
    roadmapItem: '1.1',
  }),
  event('Семинар для молодых', 'Семинар', 'Муниципальный', '2024-06-01', 'Отменено', 'S1', {
    audience: 'Молодые педагоги',
    roadmapItem: '1.2',
  }),
  event('Заседание РМО учителей', 'Заседание методического объединения', 'Школьный', '2024-09-01', '', 'S2', { roadmapItem: '1.3' }),
  event('Форум педагогов', 'Форум', 'Муниципальный', '2024-11-01', 'Запланировано', 'MS'),
  event('Семинар по ФГОС', 'Семинар', 'Школьный', '2024-10-01', 'Перенесено', 'S2', { roadmapItem: '1.4' }),
  event('Семинар 2023', 'Семинар', 'Муниципальный', '2023-12-31', 'Проведено', 'MS'),
  event('Конференция 2025', 'Конференция', 'Региональный', '2025-01-01', 'Проведено', 'MS'),
  event('Консультация по аттестации', 'Консультация', 'Школьный', '2024-12-31', 'Проведено', 'S2'),
];

const eventStart = (title: string) => EVENTS.find((e) => e.title === title)!.start;
export const PARTICIPATION: Rows = [
  ['a1', 'Курсы ДПП по управлению', 'Слушатель', 'Да'],
  ['a2', 'Курсы ДПП по управлению', 'Слушатель', 'Нет'],
  ['b1', 'Курсы по ИКТ', 'Слушатель', 'Да'],
  ['b4', 'Курсы ДПП по управлению', 'Слушатель', 'Да'],
  ['a3', 'Курсы ДПП по управлению', 'Слушатель', 'Да'],
  ['c2', 'Курсы по ИКТ', 'Слушатель', ''],
  ['a2', 'Семинар молодых педагогов', 'Слушатель', ''],
  ['b2', 'Семинар для молодых', 'Слушатель', ''],
  ['b1', 'Учитель года', 'Участник конкурса', ''],
  ['a1', 'Учитель года', 'Победитель конкурса', ''],
  ['c1', 'Заседание РМО учителей', 'Выступающий', ''],
  ['b3', 'Форум педагогов', 'Слушатель', ''],
  ['b2', 'Семинар по ФГОС', 'Слушатель', ''],
  ['b4', 'Семинар 2023', 'Слушатель', ''],
  ['m1', 'Учитель года', 'Эксперт', ''],
  ['b5', 'Курсы по ИКТ', 'Слушатель', ''],
  ['b3', 'Консультация по аттестации', 'Слушатель', ''],
].map(([name, title, role, certified]) => ({
  ...who('person', name!),
  eventTitle: title,
  eventStart: eventStart(title!),
  eventLabel: title,
  role,
  certified,
}));

export const MENTORING: Rows = [
  ['a1', 'a2', 'Педагог — молодой специалист', '', '2023-09-01', '2023-12-31'],
  ['a1', 'b2', 'Педагог — педагог с профессиональными дефицитами', '', '2022-01-01', '2023-06-30'],
  ['b1', 'c1', 'Педагог — педагог', 'Да', '2024-12-31', ''],
  ['a3', 'b5', 'Руководитель — руководитель', '', '2025-01-01', ''],
  ['b5', 'a4', 'Руководитель — руководитель', '', '2024-06-01', '2024-06-30'],
  ['a1', 'b2', 'Педагог — молодой специалист', '', '2023-06-01', '2024-01-01'],
].map(([mentor, mentee, form, menteeYoung, start, end]) => ({
  ...who('mentor', mentor!),
  ...who('mentee', mentee!),
  form,
  menteeYoung,
  start: d(start!),
  end: end ? d(end) : '',
}));

// «Дорожная карта» 2024: the events above name 1.1 (held 01.05), 1.2 (cancelled), 1.3 (status empty = held 01.09),
// 1.4 (postponed); 2.1 is marked done 20.12.2024 (yearly), 2.2 done 10.04.2024 after its March deadline; 2.3
// («Еженедельно») has no deadline to count; 3.1 is due in 2023.
const item = (no: string, deadline: string, mark = '', doneDate = '') => ({
  item: no,
  action: `Пункт ${no}`,
  deadline,
  mark,
  doneDate: doneDate ? d(doneDate) : '',
});
export const ROADMAP: Rows = [
  item('1.1', 'Май 2024 г.'),
  item('1.2', 'Июнь 2024 г.'),
  item('1.3', 'Сентябрь 2024 г.'),
  item('1.4', 'Май 2024 г.'),
  item('2.1', 'ежегодно', 'Выполнено', '2024-12-20'),
  item('2.2', 'Март 2024 г.', 'Выполнено с нарушением срока', '2024-04-10'),
  item('2.3', 'Еженедельно'),
  item('3.1', 'Май 2023 г.', 'Выполнено', '2023-05-10'),
];

export const REGISTERS = {
  organizations: ORGS,
  staff: STAFF,
  diagnostics: DIAGNOSTICS,
  iom: IOMS,
  events: EVENTS,
  participation: PARTICIPATION,
  mentoring: MENTORING,
  roadmap: ROADMAP,
};
