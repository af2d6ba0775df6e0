// A realistic synthetic municipality (Klin-sized by default, SPEC §8) as the CSV files a methodist would have:
// three reference tables and the four Google Forms exports, in Google's own export conventions. Deterministic for
// a seed. With `badRows` it also carries the wrong and hostile rows a methodist meets in «Карантин».
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as C from '../../core/schema/choices';
import { EMAIL_TITLE, FORMS, TIMESTAMP_TITLE, type FormId, type FormSpec } from '../../core/schema/forms';
import { MULTI_SEPARATOR, SHEETS } from '../../core/schema/sheets';

export interface MunicipalityOptions {
  seed?: number;
  /** Number of ОО (at least 4: schools, kindergartens, one ДО, one methodical service). Default 12. */
  organizations?: number;
  /** Approximate number of staff. Default 850. */
  staff?: number;
  /** Add ~2% wrong or hostile rows (default true). */
  badRows?: boolean;
  /** «Муниципалитет» of every ОО. Default «Городской округ Клин». */
  municipality?: string;
  /** Who the municipality is and how far along: codes, names, addresses, rates. Default `KLIN_PROFILE`. */
  profile?: MunicipalityProfile;
}

/**
 * What tells one generated municipality from another (`npm start` makes three): its ОО codes, names and addresses,
 * and how far its methodical work has got — the shares the indicators measure. The default is Klin as the generator
 * has always made it (the bench and the tests of the generator's shape rely on it: no rate differs from it unless
 * set, and an unset rate draws nothing from the seeded random source).
 */
export interface MunicipalityProfile {
  /** ОО codes: `${codePrefix}-01`… */
  readonly codePrefix: string;
  /** Coordinators' and most staff's addresses: `school1@${domain}`. */
  readonly domain: string;
  /** The methodical service's site, where events' results are published. */
  readonly site: string;
  /** School names, with whether the school is rural; more schools than names get «Средняя школа № N». */
  readonly schools: readonly (readonly [string, boolean])[];
  readonly kindergartens: readonly string[];
  readonly additional: string;
  readonly service: string;
  /** Share of staff who took a diagnostic of professional deficits. Default 0.6. */
  readonly diagnosed?: number;
  /**
   * Share of young specialists given support: a mentor and the events for the young; the others have neither.
   * Default: all may have both (mentors as far as the pair target allows).
   */
  readonly youngMentored?: number;
  /** Schools (the last ones of the list) with no mentoring pair at all. Default 0. */
  readonly schoolsWithoutPairs?: number;
  /**
   * Pairs of the other forms as shares of the pair target, made before the young specialists' (whose number then
   * follows `youngMentored`, not the target). Unset: young specialists first, the rest as room allows.
   */
  readonly forms?: { readonly deficits: number; readonly leaders: number; readonly peers: number; readonly organizations: number };
}

export const KLIN_PROFILE: MunicipalityProfile = {
  codePrefix: 'КЛН',
  domain: 'klin-edu.ru',
  site: 'umc-klin.edumsko.ru',
  schools: [
    ['МОУ «Средняя школа № 1»', false],
    ['МОУ «Гимназия № 2»', false],
    ['МОУ «Лицей № 10»', false],
    ['МОУ «Средняя школа № 3 имени Героя Советского Союза Н. В. Маркова»', false],
    ['МОУ «Средняя школа № 7 с углублённым изучением отдельных предметов»', false],
    ['МОУ «Высоковская средняя школа № 6»', true],
    ['МОУ «Средняя школа № 8, с. Воздвиженское»', true],
    ['МОУ «Решетниковская средняя школа»', true],
    ['МОУ «Основная школа № 5»', false],
    ['МОУ «Зубовская основная школа»', true],
    ['МОУ «Нудольская средняя школа»', true],
    ['МОУ «Средняя школа № 15»', false],
  ],
  kindergartens: [
    'МДОУ «Детский сад № 3 «Солнышко»»',
    'МДОУ «Детский сад комбинированного вида № 12 «Теремок»»',
    'МДОУ «Детский сад № 21 «Радуга»»',
    'МДОУ «Детский сад № 9 «Берёзка»»',
    'МДОУ «Детский сад № 14 «Колокольчик»»',
  ],
  additional: 'МУ ДО «Дом детского творчества»',
  service: 'МУ «Учебно-методический центр»',
};

export type MunicipalityFiles = Record<string, string>;

/** A deliberately wrong, hostile or duplicate row, for tests that check the import outcome. */
export interface PlantedRow {
  file: string;
  /** The row's line as Excel shows the file (the header is line 1). */
  row: number;
  /**
   * quarantine: must end in «Карантин»; formula: must be accepted with the answer stored as text; duplicate: must
   * replace the earlier submission with the same natural key; reference: a reference-table problem.
   */
  kind: 'quarantine' | 'formula' | 'duplicate' | 'reference';
  reason: string;
}

export interface GeneratedMunicipality {
  files: MunicipalityFiles;
  planted: PlantedRow[];
  counts: Record<string, number>;
}

/** Columns the add-on fills itself (intake trail): not part of a reference CSV. */
const TRAIL_KEYS = new Set(['responseId', 'receivedAt', 'updatedAt']);
const referenceColumns = (id: 'organizations' | 'staff' | 'diagnostics') => SHEETS[id].columns.filter((c) => !TRAIL_KEYS.has(c.key));

export const MUNICIPALITY_FILES = [
  'organizations.csv',
  'staff.csv',
  'diagnostics.csv',
  'iom.csv',
  'events.csv',
  'participation.csv',
  'mentoring.csv',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// PRNG and calendar helpers (UTC day numbers: output does not depend on the machine's time zone).

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, e) => s + e[1], 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length)));
  }
  /** A subset of `options` (each with probability p, at least `min`), in option order. */
  subset<T>(options: readonly T[], p: number, min = 0): T[] {
    let chosen = options.filter(() => this.chance(p));
    if (chosen.length < min) {
      const extra = this.sample(
        options.filter((o) => !chosen.includes(o)),
        min - chosen.length,
      );
      chosen = options.filter((o) => chosen.includes(o) || extra.includes(o));
    }
    return chosen;
  }
  token(length: number): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    let s = '';
    for (let i = 0; i < length; i++) s += abc[Math.floor(this.next() * abc.length)];
    return s;
  }
}

const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
const pad2 = (n: number) => String(n).padStart(2, '0');
function fmtDay(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}
/** Google's export timestamp: `dd.MM.yyyy H:mm:ss`. `stamp` = seconds since 1970-01-01 (local wall clock). */
function fmtStamp(stamp: number): string {
  const n = Math.floor(stamp / 86400);
  const s = stamp - n * 86400;
  return `${fmtDay(n)} ${Math.floor(s / 3600)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}
const yearOf = (n: number) => new Date(n * DAY_MS).getUTCFullYear();

/** «Today» of the generated data: the year 2025 is almost over. */
const REF_DAY = day(2025, 12, 15);
/** A moment of a working day: 8:00–21:59. */
const stampOn = (rng: Rng, n: number) => n * 86400 + rng.int(8 * 3600, 22 * 3600 - 1);
const capStamp = (rng: Rng, stamp: number) => Math.min(stamp, stampOn(rng, REF_DAY));

// ---------------------------------------------------------------------------------------------------------------
// CSV writing, as Google exports it.

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
}
/** Checkbox answers, as Google joins them: options in form order, «, ». */
const joinCheckbox = (values: readonly string[], options: readonly string[]) => options.filter((o) => values.includes(o)).join(', ');

// ---------------------------------------------------------------------------------------------------------------
// Names.

const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Мартынов',
  'Ефимов',
  'Федотов',
  'Щербаков',
  'Назаров',
  'Калинин',
  'Исаев',
  'Чернышёв',
  'Быков',
  'Маслов',
  'Родионов',
  'Коновалов',
  'Лазарев',
  'Воронин',
  'Климов',
  'Филатов',
  'Пономарёв',
  'Голубев',
  'Кудрявцев',
  'Прохоров',
  'Наумов',
  'Потапов',
  'Журавлёв',
  'Овчинников',
  'Трофимов',
  'Леонов',
  'Соболев',
  'Ермаков',
  'Колесников',
  'Гончаров',
  'Емельянов',
  'Никифоров',
  'Грачёв',
  'Котов',
  'Гришин',
  'Ефремов',
  'Архипов',
  'Громов',
  'Кириллов',
  'Малышев',
  'Панов',
  'Моисеев',
  'Румянцев',
  'Акимов',
  'Кондратьев',
  'Бирюков',
  'Горбунов',
  'Анисимов',
  'Ерёмин',
  'Тихомиров',
  'Галкин',
  'Лукьянов',
  'Михеев',
  'Скворцов',
  'Юдин',
  'Белоусов',
  'Нестеров',
  'Покровский',
  'Никольский',
  'Вознесенский',
  'Троицкий',
  'Черных',
  'Седых',
  'Шевченко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Коваленко',
];
const MALE_NAMES = [
  'Александр',
  'Алексей',
  'Андрей',
  'Антон',
  'Артём',
  'Борис',
  'Вадим',
  'Валерий',
  'Василий',
  'Виктор',
  'Виталий',
  'Владимир',
  'Владислав',
  'Вячеслав',
  'Геннадий',
  'Георгий',
  'Григорий',
  'Даниил',
  'Денис',
  'Дмитрий',
  'Евгений',
  'Егор',
  'Иван',
  'Игорь',
  'Илья',
  'Кирилл',
  'Константин',
  'Леонид',
  'Максим',
  'Михаил',
  'Никита',
  'Николай',
  'Олег',
  'Павел',
  'Пётр',
  'Роман',
  'Руслан',
  'Сергей',
  'Станислав',
  'Степан',
  'Юрий',
  'Ярослав',
];
const FEMALE_NAMES = [
  'Анна',
  'Алла',
  'Алёна',
  'Александра',
  'Алина',
  'Анастасия',
  'Ангелина',
  'Валентина',
  'Валерия',
  'Вера',
  'Виктория',
  'Галина',
  'Дарья',
  'Екатерина',
  'Елена',
  'Елизавета',
  'Жанна',
  'Зоя',
  'Инна',
  'Ирина',
  'Кристина',
  'Ксения',
  'Лариса',
  'Лидия',
  'Любовь',
  'Людмила',
  'Маргарита',
  'Марина',
  'Мария',
  'Надежда',
  'Наталья',
  'Нина',
  'Оксана',
  'Ольга',
  'Полина',
  'Светлана',
  'Софья',
  'Тамара',
  'Татьяна',
  'Юлия',
  'Яна',
];
const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'],
  ['Алексеевич', 'Алексеевна'],
  ['Анатольевич', 'Анатольевна'],
  ['Андреевич', 'Андреевна'],
  ['Борисович', 'Борисовна'],
  ['Валерьевич', 'Валерьевна'],
  ['Васильевич', 'Васильевна'],
  ['Викторович', 'Викторовна'],
  ['Владимирович', 'Владимировна'],
  ['Геннадьевич', 'Геннадьевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Евгеньевич', 'Евгеньевна'],
  ['Иванович', 'Ивановна'],
  ['Игоревич', 'Игоревна'],
  ['Ильич', 'Ильинична'],
  ['Константинович', 'Константиновна'],
  ['Михайлович', 'Михайловна'],
  ['Николаевич', 'Николаевна'],
  ['Олегович', 'Олеговна'],
  ['Павлович', 'Павловна'],
  ['Петрович', 'Петровна'],
  ['Романович', 'Романовна'],
  ['Сергеевич', 'Сергеевна'],
  ['Юрьевич', 'Юрьевна'],
  ['Вячеславович', 'Вячеславовна'],
  ['Григорьевич', 'Григорьевна'],
  ['Леонидович', 'Леонидовна'],
  ['Фёдорович', 'Фёдоровна'],
];

function femaleSurname(s: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(s)) return s + 'а';
  if (/(ский|цкий)$/.test(s)) return s.slice(0, -2) + 'ая';
  return s; // Черных, Шевченко: the same for both
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const translit = (s: string) => [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join('');

// ---------------------------------------------------------------------------------------------------------------
// Organizations.

type OrgType = (typeof C.ORG_TYPES)[number];
interface Org {
  code: string;
  name: string;
  type: OrgType;
  statuses: string[];
  coordinatorEmail: string;
  staffCount: number;
  rural: boolean;
}

function makeOrganizations(rng: Rng, count: number, profile: MunicipalityProfile): Org[] {
  const n = Math.max(4, count);
  const kindergartens = Math.max(1, Math.round(n * 0.22));
  const schools = n - kindergartens - 2;
  const orgs: Org[] = [];
  const code = (i: number) => `${profile.codePrefix}-${pad2(i + 1)}`;
  const { domain } = profile;
  for (let i = 0; i < schools; i++) {
    const [name, rural] = i < profile.schools.length ? profile.schools[i] : [`МОУ «Средняя школа № ${20 + i}»`, rng.chance(0.3)];
    orgs.push({ code: '', name, type: 'Школа', statuses: [], coordinatorEmail: `school${i + 1}@${domain}`, staffCount: 0, rural });
  }
  for (let i = 0; i < kindergartens; i++) {
    const name = i < profile.kindergartens.length ? profile.kindergartens[i] : `МДОУ «Детский сад № ${30 + i}»`;
    orgs.push({
      code: '',
      name,
      type: 'Детский сад',
      statuses: [],
      coordinatorEmail: `ds${i + 1}@${domain}`,
      staffCount: 0,
      rural: false,
    });
  }
  orgs.push({
    code: '',
    name: profile.additional,
    type: 'Организация дополнительного образования',
    statuses: [],
    coordinatorEmail: `ddt@${domain}`,
    staffCount: 0,
    rural: false,
  });
  orgs.push({
    code: '',
    name: profile.service,
    type: 'Методическая служба',
    statuses: [],
    coordinatorEmail: `umc@${domain}`,
    staffCount: 0,
    rural: false,
  });
  orgs.forEach((o, i) => (o.code = code(i)));
  // Statuses (seed 003): flagship and training sites among the strong schools, ШНОР and «Точка роста» in the country.
  const schoolOrgs = orgs.filter((o) => o.type === 'Школа');
  schoolOrgs.forEach((o, i) => {
    const s = new Set<string>();
    if (i === 1) s.add('Флагманская школа');
    if (i === 2) s.add('Стажировочная площадка').add('РИП');
    if (o.rural) s.add('Точка роста');
    if (i === 4) s.add('РИП');
    if (o.rural && rng.chance(0.35)) s.add('ШНОР');
    o.statuses = C.ORG_STATUSES.filter((x) => s.has(x));
  });
  if (!schoolOrgs.some((o) => o.statuses.includes('ШНОР'))) {
    const last = schoolOrgs[schoolOrgs.length - 1];
    last.statuses = C.ORG_STATUSES.filter((x) => x === 'ШНОР' || last.statuses.includes(x));
  }
  return orgs;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff.

interface Person {
  id: number;
  name: string;
  male: boolean;
  org: Org;
  position: string;
  subject: string;
  birth: number;
  careerStart: number;
  category: string;
  email: string;
  roles: string[];
  association: string;
  young: boolean;
}

const SUBJECTS: readonly (readonly [string, number, string])[] = [
  ['Начальные классы', 25, 'ММО учителей начальных классов'],
  ['Русский язык и литература', 14, 'ММО учителей русского языка и литературы'],
  ['Математика', 13, 'ММО учителей математики'],
  ['Английский язык', 9, 'ММО учителей иностранных языков'],
  ['Немецкий язык', 1, 'ММО учителей иностранных языков'],
  ['История и обществознание', 6, 'ММО учителей истории и обществознания'],
  ['Физическая культура', 6, 'ММО учителей физической культуры'],
  ['Биология', 3, 'ММО учителей естественнонаучных дисциплин'],
  ['Химия', 2, 'ММО учителей естественнонаучных дисциплин'],
  ['География', 3, 'ММО учителей естественнонаучных дисциплин'],
  ['Физика', 3, 'ММО учителей физики и информатики'],
  ['Информатика', 3, 'ММО учителей физики и информатики'],
  ['Технология', 3, 'ММО учителей технологии'],
  ['Музыка', 2, 'ММО учителей предметов искусства'],
  ['Изобразительное искусство', 2, 'ММО учителей предметов искусства'],
  ['ОБЗР', 2, 'ММО преподавателей-организаторов ОБЗР'],
];
const DO_SUBJECTS = [
  'Робототехника',
  'Хореография',
  'Изобразительное искусство',
  'Шахматы',
  'Вокал',
  'Туризм и краеведение',
  'Театральная студия',
];
const MALE_SUBJECTS = new Set(['Физическая культура', 'ОБЗР', 'Технология', 'Информатика', 'Физика']);
const CATEGORIES: readonly (readonly [string, number])[] = [
  ['Высшая', 35],
  ['Первая', 30],
  ['Без категории', 14],
  ['Соответствие занимаемой должности', 15],
  ['Педагог-методист', 3],
  ['Педагог-наставник', 3],
];

/** Posts of one ОО, management first; what is not in POSITIONS is a real post the roster keeps (open choice). */
function postsFor(rng: Rng, org: Org, size: number): string[] {
  const posts: string[] = ['Руководитель'];
  const add = (post: string, n = 1) => {
    for (let i = 0; i < n && posts.length < size; i++) posts.push(post);
  };
  let filler: string;
  switch (org.type) {
    case 'Школа':
      add('Заместитель руководителя', Math.max(2, Math.round(size / 25)));
      add('Педагог-психолог');
      add('Социальный педагог');
      if (rng.chance(0.6)) add('Учитель-логопед');
      if (rng.chance(0.25)) add('Учитель-дефектолог');
      if (rng.chance(0.7)) add('Советник директора по воспитанию');
      if (rng.chance(0.4)) add('Педагог-организатор');
      if (rng.chance(0.5)) add('Методист');
      add('Педагог дополнительного образования', rng.int(1, 3));
      filler = 'Учитель';
      break;
    case 'Детский сад':
      add('Заместитель руководителя');
      add('Старший воспитатель');
      add('Музыкальный руководитель', rng.int(1, 2));
      add('Инструктор по физической культуре');
      add('Учитель-логопед');
      add('Педагог-психолог');
      filler = 'Воспитатель';
      break;
    case 'Организация дополнительного образования':
      add('Заместитель руководителя');
      add('Методист', rng.int(1, 2));
      filler = 'Педагог дополнительного образования';
      break;
    default:
      filler = 'Методист';
  }
  while (posts.length < size) posts.push(filler);
  return posts;
}

function makeStaff(rng: Rng, orgs: Org[], total: number, ownDomain: string): Person[] {
  const ms = orgs.filter((o) => o.type === 'Методическая служба');
  const msSize = Math.max(3, Math.min(8, Math.round(total * 0.008)));
  const others = orgs.filter((o) => o.type !== 'Методическая служба');
  const weightOf = (o: Org) =>
    o.type === 'Школа' ? (o.rural ? 5 : rng.int(9, 12)) : o.type === 'Детский сад' ? rng.int(25, 35) / 10 : 3.5;
  const weights = others.map(weightOf);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const rest = Math.max(others.length * 4, total - msSize * ms.length);
  const exact = weights.map((w) => (w / wsum) * rest);
  const sizes = exact.map(Math.floor);
  let left = rest - sizes.reduce((a, b) => a + b, 0);
  const byFraction = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byFraction) if (left-- > 0) sizes[i]++;
  others.forEach((o, i) => (o.staffCount = Math.max(4, sizes[i])));
  ms.forEach((o) => (o.staffCount = msSize));

  const names = new Set<string>();
  const emails = new Set<string>();
  const people: Person[] = [];
  for (const org of orgs) {
    for (const position of postsFor(rng, org, org.staffCount)) {
      let subject = '';
      let association = '';
      if (position === 'Учитель') {
        const s = rng.weighted(SUBJECTS.map((x) => [x, x[1]] as const));
        subject = s[0];
        if (rng.chance(0.6)) association = s[2];
      } else if (position === 'Педагог дополнительного образования') {
        subject = rng.pick(DO_SUBJECTS);
        if (rng.chance(0.3)) association = 'ММО педагогов дополнительного образования';
      } else if (position === 'Воспитатель' || position === 'Старший воспитатель') {
        if (rng.chance(0.4)) association = 'ММО воспитателей ДОО';
      } else if (position === 'Заместитель руководителя' && org.type === 'Школа' && rng.chance(0.5)) {
        subject = rng.weighted(SUBJECTS.map((x) => [x[0], x[1]] as const));
      } else if (position === 'Методист' && org.type === 'Методическая служба' && rng.chance(0.7)) {
        subject = rng.weighted(SUBJECTS.map((x) => [x[0], x[1]] as const));
      } else if (position === 'Педагог-психолог' && rng.chance(0.5)) {
        association = 'ММО педагогов-психологов';
      }
      const maleP = position === 'Руководитель' ? 0.3 : position === 'Воспитатель' ? 0.02 : MALE_SUBJECTS.has(subject) ? 0.45 : 0.1;
      const male = rng.chance(maleP);
      let name = '';
      for (let attempt = 0; attempt < 50; attempt++) {
        const surname = rng.pick(SURNAMES);
        const [pm, pf] = rng.pick(PATRONYMICS);
        name = male ? `${surname} ${rng.pick(MALE_NAMES)} ${pm}` : `${femaleSurname(surname)} ${rng.pick(FEMALE_NAMES)} ${pf}`;
        if (!names.has(name)) break;
      }
      names.add(name);

      const leader = position === 'Руководитель' || position === 'Заместитель руководителя';
      const young = !leader && org.type !== 'Методическая служба' && rng.chance(0.085);
      let birth: number;
      let careerStart: number;
      if (young) {
        careerStart = day(rng.int(2022, 2025), rng.pick([8, 9, 9, 9]), rng.int(1, 28));
        if (careerStart > REF_DAY - 60) careerStart = day(2025, 9, 1);
        birth = careerStart - rng.int(21 * 365, 27 * 365);
      } else {
        const age = leader
          ? rng.int(35, 64)
          : rng.weighted([
              [rng.int(25, 35), 2],
              [rng.int(36, 55), 5],
              [rng.int(56, 70), 2],
            ] as const);
        birth = REF_DAY - age * 365 - rng.int(0, 364);
        careerStart = birth + rng.int(21 * 365, Math.max(21 * 365, Math.min((age - 3) * 365, 30 * 365)));
        careerStart = day(yearOf(careerStart), rng.pick([8, 9, 9, 9, 1]), rng.int(1, 28));
        if (careerStart > day(2021, 9, 1)) careerStart = day(rng.int(2015, 2021), 9, 1);
      }
      const experience = (REF_DAY - careerStart) / 365;
      const category = young ? 'Без категории' : experience < 4 ? rng.pick(['Без категории', 'Первая']) : rng.weighted(CATEGORIES);

      let email = '';
      if (rng.chance(0.88)) {
        const parts = name.split(' ');
        const base = `${translit(parts[0])}.${translit(parts[1])[0] ?? ''}${translit(parts[2])[0] ?? ''}`;
        const domain = rng.weighted([
          [ownDomain, 5],
          ['mail.ru', 3],
          ['yandex.ru', 3],
          ['gmail.com', 1],
        ] as const);
        email = `${base}@${domain}`;
        for (let k = 2; emails.has(email); k++) email = `${base}${k}@${domain}`;
        emails.add(email);
      }

      const roles = new Set<string>();
      if (position === 'Методист') roles.add('Методист');
      if (
        org.type === 'Методическая служба' &&
        people.filter((p) => p.org === org && p.roles.includes('Региональный методист')).length < 2 &&
        rng.chance(0.4)
      ) {
        roles.add('Региональный методист');
      }
      if (!young && experience >= 5 && rng.chance(leader ? 0.15 : 0.13)) roles.add('Наставник');
      if (!young && rng.chance(0.03)) roles.add('Тьютор');
      if (!young && experience >= 10 && rng.chance(org.type === 'Методическая служба' ? 0.5 : 0.04)) roles.add('Эксперт');
      if (young && rng.chance(0.5)) association = 'Школа молодого педагога';

      people.push({
        id: people.length,
        name,
        male,
        org,
        position,
        subject,
        birth,
        careerStart,
        category,
        email,
        roles: C.STAFF_ROLES.filter((r) => roles.has(r)),
        association,
        young,
      });
    }
  }
  return people;
}

/** How people actually type a ФИО into a form: mostly exact, sometimes «е» for «ё», odd case or spaces. */
function typedName(rng: Rng, name: string): string {
  if (!rng.chance(0.06)) return name;
  const v = rng.int(0, 3);
  if (v === 0 && /ё/i.test(name)) return name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  if (v === 1) return name.toUpperCase();
  if (v === 2) return name.replace(' ', '  ');
  return ` ${name} `;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows with a timestamp, sorted as Google's export is (in order of submission).

interface FormRow {
  stamp: number;
  email: string;
  answers: Record<string, string>;
  planted?: { kind: PlantedRow['kind']; reason: string };
}

function formCsv(form: FormSpec, rows: FormRow[], file: string, planted: PlantedRow[]): string {
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.stamp - b.r.stamp || a.i - b.i)
    .map((x) => x.r);
  const header = [TIMESTAMP_TITLE, ...(form.collectsEmail ? [EMAIL_TITLE] : []), ...form.questions.map((q) => q.title)];
  const body = sorted.map((r, i) => {
    if (r.planted) planted.push({ file, row: i + 2, ...r.planted });
    return [fmtStamp(r.stamp), ...(form.collectsEmail ? [r.email] : []), ...form.questions.map((q) => r.answers[q.title] ?? '')];
  });
  return csvText(header, body);
}

/** Answers keyed by title, built from question keys (so a title is never respelled here). */
function answersOf(form: FormSpec, byKey: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of form.questions) out[q.title] = byKey[q.key] ?? '';
  return out;
}
const titleOf = (formId: FormId, key: string): string => {
  const q = FORMS[formId].questions.find((x) => x.key === key);
  if (!q) throw new Error(`No question ${key} in form ${formId}`);
  return q.title;
};

// ---------------------------------------------------------------------------------------------------------------
// Events.

interface EventRec {
  title: string;
  kind: string;
  level: string;
  start: number;
  end: number | null;
  format: string;
  organizer: Org | null;
  direction: string;
  audience: string[];
  dpp: string;
  roadmapItem: string;
  status: string; // as written in the form ('' = Проведено)
  resultLink: string;
  participants: Person[];
}
const eventLabel = (e: { title: string; start: number }) => `${e.title} (${fmtDay(e.start)})`;
const held = (e: EventRec) => e.status === '' || e.status === 'Проведено';

const DIRECTIONS = [
  'Функциональная грамотность',
  'Наставничество',
  'Цифровая образовательная среда',
  'Школа Минпросвещения России',
  'Поддержка молодых педагогов',
  'Реализация обновлённых ФГОС',
  'Воспитание',
  'Инклюзивное образование',
  'Повышение качества образования в ШНОР',
];

interface EventTemplate {
  kind: (typeof C.EVENT_KINDS)[number];
  weight: number;
  titles: readonly string[];
  levels: readonly (readonly [string, number])[];
  audience: readonly string[];
  days: readonly [number, number];
  size: readonly [number, number];
}

const EVENT_TEMPLATES: readonly EventTemplate[] = [
  {
    kind: 'Семинар',
    weight: 10,
    titles: [
      'Семинар «Формирование функциональной грамотности на уроках: {subject}»',
      'Семинар «Современный урок: системно-деятельностный подход»',
      'Семинар «Оценивание образовательных результатов по ФОП»',
      'Семинар «Воспитательный потенциал урока»',
      'Семинар «Профилактика профессионального выгорания педагога»',
    ],
    levels: [
      ['Муниципальный', 8],
      ['Школьный', 2],
    ],
    audience: ['Учителя', 'Управленческие кадры', 'Методисты'],
    days: [0, 0],
    size: [20, 45],
  },
  {
    kind: 'Вебинар',
    weight: 6,
    titles: [
      'Вебинар «Работа с ФОП: типичные затруднения»',
      'Вебинар «Цифровые инструменты учителя: ФГИС «Моя школа»»',
      'Вебинар Академии Минпросвещения России «Классное руководство сегодня»',
      'Вебинар «Подготовка к ГИА-2025: анализ типичных ошибок»',
    ],
    levels: [
      ['Муниципальный', 3],
      ['Региональный', 2],
      ['Федеральный', 2],
    ],
    audience: ['Учителя', 'Методисты'],
    days: [0, 0],
    size: [15, 50],
  },
  {
    kind: 'Мастер-класс',
    weight: 6,
    titles: [
      'Мастер-класс «Приёмы смыслового чтения»',
      'Мастер-класс «Игровые технологии в начальной школе»',
      'Мастер-класс «Проектная задача на уроке: {subject}»',
      'Мастер-класс «Нейропсихологические упражнения в детском саду»',
    ],
    levels: [
      ['Муниципальный', 4],
      ['Школьный', 2],
    ],
    audience: ['Учителя', 'Молодые педагоги', 'Воспитатели'],
    days: [0, 0],
    size: [10, 30],
  },
  {
    kind: 'Конференция',
    weight: 2,
    titles: [
      'Августовская педагогическая конференция «Образование городского округа Клин: векторы развития»',
      'Научно-практическая конференция «Наставничество в образовании: практики и результаты»',
    ],
    levels: [
      ['Муниципальный', 3],
      ['Региональный', 1],
    ],
    audience: ['Учителя', 'Управленческие кадры', 'Методисты', 'Воспитатели', 'Педагоги дополнительного образования'],
    days: [0, 1],
    size: [60, 120],
  },
  {
    kind: 'Форум',
    weight: 2,
    titles: ['Форум молодых педагогов «Первые шаги»', 'Региональный форум «Педагоги Подмосковья»'],
    levels: [
      ['Муниципальный', 1],
      ['Региональный', 1],
    ],
    audience: ['Молодые педагоги', 'Наставники'],
    days: [0, 1],
    size: [25, 60],
  },
  {
    kind: 'Круглый стол',
    weight: 3,
    titles: [
      'Круглый стол «Наставничество: опыт ОО городского округа»',
      'Круглый стол «Школа, семья, ребёнок: точки соприкосновения»',
      'Круглый стол «Адаптация молодого педагога»',
    ],
    levels: [['Муниципальный', 1]],
    audience: ['Наставники', 'Управленческие кадры', 'Молодые педагоги'],
    days: [0, 0],
    size: [12, 30],
  },
  {
    kind: 'Конкурс профессионального мастерства',
    weight: 3,
    titles: [
      'Муниципальный этап конкурса «Педагог года Подмосковья — 2025»',
      'Конкурс «Воспитатель года — 2025»',
      'Конкурс «Педагогический дебют — 2025»',
      'Конкурс методических разработок «Урок, который я люблю»',
    ],
    levels: [
      ['Муниципальный', 3],
      ['Региональный', 1],
    ],
    audience: ['Учителя', 'Воспитатели', 'Молодые педагоги'],
    days: [7, 30],
    size: [8, 20],
  },
  {
    kind: 'Курсы повышения квалификации',
    weight: 6,
    titles: [
      'Курсы «Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя»',
      'Курсы «Школа Минпросвещения России: новые возможности для повышения качества образования»',
      'Курсы «Функциональная грамотность школьников»',
      'Курсы «Цифровые инструменты в работе педагога»',
      'Курсы «Оказание первой помощи»',
      'Курсы «Инклюзивное образование детей с ОВЗ»',
    ],
    levels: [
      ['Региональный', 4],
      ['Федеральный', 2],
      ['Муниципальный', 1],
    ],
    audience: ['Учителя', 'Воспитатели', 'Педагоги дополнительного образования'],
    days: [5, 28],
    size: [15, 40],
  },
  {
    kind: 'Заседание методического объединения',
    weight: 7,
    titles: [
      'Заседание ММО учителей математики',
      'Заседание ММО учителей начальных классов',
      'Заседание ММО учителей русского языка и литературы',
      'Заседание ММО воспитателей ДОО',
      'Заседание ММО учителей иностранных языков',
      'Заседание ММО педагогов-психологов',
    ],
    levels: [['Муниципальный', 1]],
    audience: ['Учителя', 'Воспитатели'],
    days: [0, 0],
    size: [12, 35],
  },
  {
    kind: 'Стажировка',
    weight: 2,
    titles: [
      'Стажировка «Проектная и исследовательская деятельность обучающихся» на базе МОУ «Лицей № 10»',
      'Стажировка «Управленческие решения в ШНОР»',
    ],
    levels: [
      ['Муниципальный', 2],
      ['Региональный', 1],
    ],
    audience: ['Учителя', 'Управленческие кадры'],
    days: [2, 4],
    size: [8, 20],
  },
  {
    kind: 'Открытый урок',
    weight: 4,
    titles: [
      'Открытый урок «{subject}: учимся рассуждать»',
      'Открытый урок в рамках недели молодого педагога',
      'Открытое занятие «Мир вокруг нас»',
    ],
    levels: [
      ['Школьный', 3],
      ['Муниципальный', 1],
    ],
    audience: ['Учителя', 'Молодые педагоги'],
    days: [0, 0],
    size: [5, 15],
  },
  {
    kind: 'Консультация',
    weight: 3,
    titles: [
      'Консультация «Подготовка к аттестации педагогических работников»',
      'Консультация «Разработка ИОМ педагога»',
      'Групповая консультация «Портфолио педагога»',
    ],
    levels: [['Муниципальный', 1]],
    audience: ['Учителя', 'Молодые педагоги', 'Воспитатели'],
    days: [0, 0],
    size: [6, 20],
  },
  {
    kind: 'Школа молодого педагога',
    weight: 4,
    titles: [
      'Школа молодого педагога: «Классное руководство»',
      'Школа молодого педагога: «Дисциплина на уроке»',
      'Школа молодого педагога: «Работа с родителями»',
      'Школа молодого педагога: «Технологическая карта урока»',
    ],
    levels: [['Муниципальный', 1]],
    audience: ['Молодые педагоги', 'Наставники'],
    days: [0, 0],
    size: [10, 25],
  },
  {
    kind: 'Другое',
    weight: 2,
    titles: [
      'Методический марафон «Учимся вместе»',
      'Фестиваль педагогических идей «Открытый урок»',
      'Педагогический квест «Функциональная грамотность: от идеи к практике»',
    ],
    levels: [['Муниципальный', 1]],
    audience: ['Учителя', 'Молодые педагоги'],
    days: [0, 0],
    size: [15, 35],
  },
];
const TITLE_SUBJECTS = ['Математика', 'Русский язык', 'Биология', 'История', 'Литература', 'География', 'Физика'];

function eligibleFor(e: EventRec, staff: Person[]): Person[] {
  if (e.level === 'Школьный' && e.organizer) return staff.filter((p) => p.org === e.organizer);
  const a = new Set(e.audience);
  return staff.filter(
    (p) =>
      (a.has('Учителя') && (p.position === 'Учитель' || p.position === 'Заместитель руководителя')) ||
      (a.has('Управленческие кадры') && (p.position === 'Руководитель' || p.position === 'Заместитель руководителя')) ||
      (a.has('Молодые педагоги') && p.young) ||
      (a.has('Наставники') && p.roles.includes('Наставник')) ||
      (a.has('Методисты') && (p.roles.includes('Методист') || p.position === 'Методист')) ||
      (a.has('Воспитатели') && p.org.type === 'Детский сад') ||
      (a.has('Педагоги дополнительного образования') && p.position === 'Педагог дополнительного образования'),
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** The full generation result with the list of planted rows. */
export function generateMunicipalityDetailed(options: MunicipalityOptions = {}): GeneratedMunicipality {
  const seed = options.seed ?? 2025;
  const orgCount = options.organizations ?? 12;
  const staffTotal = options.staff ?? 850;
  const withBad = options.badRows ?? true;
  const rng = new Rng(seed);
  const planted: PlantedRow[] = [];
  const files: MunicipalityFiles = {};
  const scale = staffTotal / 850;

  const profile = options.profile ?? KLIN_PROFILE;
  const orgs = makeOrganizations(rng, orgCount, profile);
  const staff = makeStaff(rng, orgs, staffTotal, profile.domain);
  const msOrg = orgs.find((o) => o.type === 'Методическая служба')!;
  const methodists = staff.filter((p) => p.org === msOrg && p.position === 'Методист');
  const formEmail = (p: Person) => (p.email && rng.chance(0.65) ? p.email : p.org.coordinatorEmail);

  // --- organizations.csv -----------------------------------------------------------------------------------------
  {
    const cols = referenceColumns('organizations');
    const rows = orgs.map((o, i) => {
      const v: Record<string, string> = {
        code: o.code,
        name: o.name,
        municipality: options.municipality ?? 'Городской округ Клин',
        type: o.type,
        statuses: o.statuses.join(MULTI_SEPARATOR),
        headcount: i === orgs.length - 2 ? '' : String(o.staffCount),
        coordinatorEmail: o.coordinatorEmail,
      };
      return cols.map((c) => v[c.key] ?? '');
    });
    files['organizations.csv'] = csvText(
      cols.map((c) => c.header),
      rows,
    );
  }

  // --- staff.csv ---------------------------------------------------------------------------------------------------
  {
    const cols = referenceColumns('staff');
    const rows = staff.map((p) => {
      const v: Record<string, string> = {
        name: p.name,
        orgCode: p.org.code,
        position: p.position,
        subject: p.subject,
        birthDate: fmtDay(p.birth),
        careerStart: fmtDay(p.careerStart),
        category: p.category,
        email: p.email,
        roles: p.roles.join(MULTI_SEPARATOR),
        association: p.association,
        youngSpecialist: p.young ? 'Да' : '',
        source: 'Реестр',
      };
      return cols.map((c) => v[c.key] ?? '');
    });
    if (withBad) {
      const bIdx = cols.findIndex((c) => c.key === 'birthDate');
      const at = Math.floor(rows.length / 3);
      rows[at][bIdx] = '31.02.1985';
      planted.push({ file: 'staff.csv', row: at + 2, kind: 'reference', reason: 'Дата рождения 31.02.1985 не существует' });
      const rIdx = cols.findIndex((c) => c.key === 'roles');
      const at2 = Math.floor((rows.length * 2) / 3);
      rows[at2][rIdx] = 'Наставник, Куратор практики';
      planted.push({ file: 'staff.csv', row: at2 + 2, kind: 'reference', reason: 'Роль «Куратор практики» не из списка' });
    }
    files['staff.csv'] = csvText(
      cols.map((c) => c.header),
      rows,
    );
  }

  // --- diagnostics.csv ---------------------------------------------------------------------------------------------
  interface Diag {
    person: Person;
    date: number;
    procedure: string;
    level: string;
    deficits: string[];
  }
  const diagnosed = rng.sample(staff, Math.round(staff.length * (profile.diagnosed ?? 0.6)));
  const diagByPerson = new Map<Person, Diag>();
  const diags: Diag[] = [];
  const makeDeficits = (level: string, p: Person): string[] => {
    const p0 = level === 'Высокий' ? 0.05 : level === 'Повышенный' ? 0.15 : level === 'Базовый' ? 0.25 : 0.4;
    const chosen = rng.subset(C.DEFICITS, p0, level === 'Высокий' ? 0 : 1);
    return p.position === 'Руководитель' || p.position === 'Заместитель руководителя'
      ? chosen
      : chosen.filter((d) => d !== 'Управленческие');
  };
  for (const person of diagnosed) {
    const n = rng.chance(0.06) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const procedure = rng.weighted([
        ['Региональная', 45],
        ['Школьная', 25],
        ['Муниципальная', 20],
        ['Федеральная', 10],
      ] as const);
      const level = rng.weighted([
        ['Высокий', 10],
        ['Повышенный', 30],
        ['Базовый', 45],
        ['Ниже базового', 15],
      ] as const);
      const date = rng.int(day(2024, 9, 2), day(2025, 5, 30));
      const d: Diag = { person, date, procedure, level, deficits: makeDeficits(level, person) };
      diags.push(d);
      const prev = diagByPerson.get(person);
      if (!prev || prev.date < d.date) diagByPerson.set(person, d);
    }
  }
  diags.sort((a, b) => a.date - b.date || a.person.id - b.person.id);
  {
    const cols = referenceColumns('diagnostics');
    const sourceOf = (procedure: string) => (procedure === 'Школьная' ? 'ОО' : procedure === 'Муниципальная' ? 'ММС' : 'ЦНППМ');
    const rows = diags.map((d) => {
      const v: Record<string, string> = {
        personName: d.person.name,
        personOrgCode: d.person.org.code,
        email: d.person.email,
        date: fmtDay(d.date),
        procedure: d.procedure,
        level: d.level,
        // mostly the sheet's «; », sometimes Google's «, » (a column pasted from a form export)
        deficits: rng.chance(0.12) ? d.deficits.join(', ') : d.deficits.join(MULTI_SEPARATOR),
        source: sourceOf(d.procedure),
      };
      return cols.map((c) => v[c.key] ?? '');
    });
    if (withBad && rows.length > 10) {
      const lIdx = cols.findIndex((c) => c.key === 'level');
      const pIdx = cols.findIndex((c) => c.key === 'procedure');
      rows[5][lIdx] = 'Средний';
      planted.push({ file: 'diagnostics.csv', row: 7, kind: 'reference', reason: 'Уровень «Средний» не из списка' });
      rows[9][pIdx] = '';
      planted.push({
        file: 'diagnostics.csv',
        row: 11,
        kind: 'reference',
        reason: 'Не указана процедура (обязательный столбец): строка пропущена',
      });
    }
    files['diagnostics.csv'] = csvText(
      cols.map((c) => c.header),
      rows,
    );
  }

  // --- iom.csv -----------------------------------------------------------------------------------------------------
  const mentors = staff.filter((p) => p.roles.includes('Наставник'));
  {
    const form = FORMS.iom;
    const rows: FormRow[] = [];
    const withIom = [...diagnosed.filter(() => rng.chance(0.8)), ...staff.filter((p) => !diagByPerson.has(p) && rng.chance(0.175))].sort(
      (a, b) => a.id - b.id,
    );
    const activitiesFor = (deficits: string[]): string[] => {
      const set = new Set<string>();
      if (rng.chance(0.55)) set.add(rng.chance(0.6) ? 'Курсы повышения квалификации (ФР ДПП)' : 'Курсы повышения квалификации (другие)');
      if (rng.chance(0.5)) set.add('Семинар, вебинар');
      if (deficits.includes('Методические') || rng.chance(0.2)) set.add('Посещение занятий коллег');
      if (rng.chance(0.3)) set.add('Работа в методическом объединении, сообществе');
      if (rng.chance(0.2)) set.add('Мастер-класс');
      if (rng.chance(0.1)) set.add('Стажировка');
      if (rng.chance(0.1)) set.add('Конкурс профессионального мастерства');
      if (rng.chance(0.35) || !set.size) set.add('Самообразование');
      return [...set];
    };
    for (const p of withIom) {
      const d = diagByPerson.get(p);
      const start = Math.min(
        Math.max(d ? d.date + rng.int(7, 60) : rng.int(day(2024, 9, 1), day(2025, 10, 1)), day(2024, 9, 1)),
        REF_DAY - 5,
      );
      const end = rng.chance(0.9) ? start + rng.int(90, 365) : null;
      let status: string;
      if (end !== null && end < REF_DAY)
        status = rng.weighted([
          ['Реализован', 80],
          ['Не реализован', 8],
          ['Реализуется', 12],
        ] as const);
      else
        status = rng.weighted([
          ['Реализуется', 70],
          ['Разработан', 30],
        ] as const);
      if (p.young && status === 'Реализуется' && rng.chance(0.3)) status = 'Разработан';
      const position = (C.POSITIONS as readonly string[]).includes(p.position) ? p.position : 'Другое';
      const curatorPool = [...methodists, ...mentors.filter((m) => m.org === p.org && m !== p)];
      const answers: Record<string, string> = {
        personName: typedName(rng, p.name),
        orgName: p.org.name,
        position,
        subject: p.subject,
        diagnosticDate: d ? fmtDay(d.date) : '',
        procedure: d ? d.procedure : '',
        level: d ? d.level : '',
        deficits: d ? joinCheckbox(d.deficits, C.DEFICITS) : '',
        activities: joinCheckbox(activitiesFor(d?.deficits ?? []), C.IOM_ACTIVITIES),
        start: fmtDay(start),
        end: end === null ? '' : fmtDay(end),
        curator: curatorPool.length && rng.chance(0.7) ? rng.pick(curatorPool).name : '',
        status,
        link: rng.chance(0.6) ? `https://drive.google.com/file/d/${rng.token(33)}/view?usp=sharing` : '',
      };
      const stamp = capStamp(rng, stampOn(rng, start - rng.int(0, 10)));
      rows.push({ stamp, email: formEmail(p), answers: answersOf(form, answers) });
    }
    if (withBad && rows.length > 20) addIomBadRows(rng, rows, form);
    files['iom.csv'] = formCsv(form, rows, 'iom.csv', planted);
  }

  // --- events.csv --------------------------------------------------------------------------------------------------
  const eventCount = Math.max(20, Math.round(60 * Math.max(1, orgCount / 12)));
  const events: EventRec[] = [];
  {
    const seen = new Set<string>();
    const schools = orgs.filter((o) => o.type !== 'Методическая служба');
    while (events.length < eventCount) {
      const t = rng.weighted(EVENT_TEMPLATES.map((x) => [x, x.weight] as const));
      const title = rng.pick(t.titles).replace('{subject}', rng.pick(TITLE_SUBJECTS));
      const level = rng.weighted(t.levels);
      // 2025 school year rhythm: little in July and early August.
      let start = rng.int(day(2025, 1, 13), day(2025, 12, 24));
      if (start >= day(2025, 7, 1) && start < day(2025, 8, 18)) start = rng.int(day(2025, 8, 20), day(2025, 8, 29));
      const label = eventLabel({ title, start });
      if (seen.has(label)) continue;
      seen.add(label);
      const span = rng.int(t.days[0], t.days[1]);
      const end = span > 0 ? start + span : rng.chance(0.4) ? start : null;
      const organizer =
        level === 'Школьный'
          ? rng.pick(schools.filter((o) => (t.audience.includes('Воспитатели') ? o.type !== 'Методическая служба' : o.type === 'Школа')))
          : level === 'Муниципальный'
            ? rng.chance(0.7)
              ? msOrg
              : rng.pick(schools)
            : null;
      let status: string;
      if (start > REF_DAY) status = 'Запланировано';
      else
        status = rng.weighted([
          ['Проведено', 84],
          ['', 6],
          ['Перенесено', 5],
          ['Отменено', 5],
        ] as const);
      const dpp = t.kind === 'Курсы повышения квалификации' ? (/ФГОС|Минпросвещения|Функциональная/.test(title) ? 'Да' : 'Нет') : '';
      events.push({
        title,
        kind: t.kind,
        level,
        start,
        end,
        format: rng.weighted([
          ['Очно', 6],
          ['Дистанционно', t.kind === 'Вебинар' ? 20 : 2],
          ['Смешанно', 2],
        ] as const),
        organizer,
        direction: rng.chance(0.6) ? rng.pick(DIRECTIONS) : '',
        audience: rng.subset(t.audience, 0.6, 1),
        dpp,
        roadmapItem: rng.chance(0.4) ? `${rng.int(1, 4)}.${rng.int(1, 12)}` : '',
        status,
        resultLink: '',
        participants: [],
      });
    }
    // Every level is represented (a small seed could miss the rare federal or school level).
    for (const level of C.EVENT_LEVELS) {
      if (events.some((e) => e.level === level)) continue;
      const e = events.find((x) => EVENT_TEMPLATES.find((t) => t.kind === x.kind)!.levels.some(([l]) => l === level));
      if (!e) continue;
      e.level = level;
      e.organizer = level === 'Школьный' ? rng.pick(orgs.filter((o) => o.type === 'Школа')) : level === 'Муниципальный' ? msOrg : null;
    }
    events.sort((a, b) => a.start - b.start);
  }

  // Young specialists with no support at all (a profile's `youngMentored`): no mentor, no event for the young.
  const alone = new Set<Person>();
  if (profile.youngMentored !== undefined) {
    const young = rng.shuffle(staff.filter((p) => p.young));
    for (const p of young.slice(Math.round(young.length * profile.youngMentored))) alone.add(p);
  }
  const reaches = (e: EventRec, p: Person) => !alone.has(p) || !e.audience.includes('Молодые педагоги');

  // --- participation.csv (before events.csv: the journal reports the number of participants) -----------------------
  const participationTarget = Math.round(1500 * scale);
  {
    const form = FORMS.participation;
    const rows: FormRow[] = [];
    const heldEvents = events.filter(held);
    const templ = (e: EventRec) => EVENT_TEMPLATES.find((t) => t.kind === e.kind)!;
    const wanted = heldEvents.map((e) => rng.int(templ(e).size[0], templ(e).size[1]));
    const k =
      participationTarget /
      Math.max(
        1,
        wanted.reduce((a, b) => a + b, 0),
      );
    heldEvents.forEach((e, i) => {
      const pool = eligibleFor(e, staff).filter((p) => reaches(e, p));
      e.participants = rng.sample(pool.length ? pool : staff, Math.max(3, Math.round(wanted[i] * k)));
    });
    // Top up (small pools) to the target.
    let total = heldEvents.reduce((s, e) => s + e.participants.length, 0);
    for (let guard = 0; total < participationTarget && guard < 100_000 && heldEvents.length; guard++) {
      const e = rng.pick(heldEvents);
      const p = rng.pick(staff);
      if (!e.participants.includes(p) && reaches(e, p)) {
        e.participants.push(p);
        total++;
      }
    }
    for (const e of heldEvents) {
      const course = e.kind === 'Курсы повышения квалификации';
      const contest = e.kind === 'Конкурс профессионального мастерства';
      e.participants.forEach((p, i) => {
        let role: string;
        if (contest)
          role =
            i === 0 ? 'Победитель конкурса' : i < 3 ? 'Призёр конкурса' : i < e.participants.length - 2 ? 'Участник конкурса' : 'Эксперт';
        else if (methodists.includes(p) && rng.chance(0.5)) role = 'Организатор';
        else
          role = rng.weighted([
            ['Слушатель', 85],
            ['Выступающий', 10],
            ['', 5],
          ] as const);
        const certified = course ? (rng.chance(0.9) ? 'Да' : 'Нет') : '';
        const document = course
          ? certified === 'Да'
            ? `Удостоверение о повышении квалификации № 50${rng.int(1000000, 9999999)}`
            : ''
          : contest && i < 3
            ? 'Диплом'
            : rng.chance(0.2)
              ? 'Сертификат участника'
              : '';
        const answers = {
          eventLabel: eventLabel(e),
          personName: typedName(rng, p.name),
          orgName: p.org.name,
          role,
          certified,
          document,
        };
        const stamp = capStamp(rng, stampOn(rng, (e.end ?? e.start) + rng.int(0, 14)));
        rows.push({ stamp, email: formEmail(p), answers: answersOf(form, answers) });
      });
    }
    if (withBad && rows.length > 50) addParticipationBadRows(rng, rows, form, events, staff, Math.round(rows.length * 0.02));
    files['participation.csv'] = formCsv(form, rows, 'participation.csv', planted);
  }

  {
    const form = FORMS.events;
    const rows: FormRow[] = events.map((e) => {
      const answers: Record<string, string> = {
        title: e.title,
        kind: e.kind,
        level: e.level,
        start: fmtDay(e.start),
        end: e.end === null ? '' : fmtDay(e.end),
        format: e.format,
        organizer: e.organizer ? e.organizer.name : '',
        direction: e.direction,
        audience: joinCheckbox(e.audience, C.EVENT_AUDIENCES),
        dpp: e.dpp,
        roadmapItem: e.roadmapItem,
        status: e.status,
        participants: held(e) ? String(e.participants.length + rng.int(0, 12)) : '',
        resultLink: held(e) && rng.chance(0.5) ? `https://${profile.site}/activity/events/post/${rng.int(1000000, 9999999)}` : '',
      };
      // The journal announces an event before it starts (so the participation dropdown offers it), and its
      // status is updated afterwards: the export holds the announcing submission's time.
      const stamp = stampOn(rng, Math.min(e.start, REF_DAY) - rng.int(3, 30));
      return { stamp, email: '', answers: answersOf(form, answers) };
    });
    if (withBad) addEventBadRows(rng, rows, form);
    files['events.csv'] = formCsv(form, rows, 'events.csv', planted);
  }

  // --- mentoring.csv -----------------------------------------------------------------------------------------------
  {
    const form = FORMS.mentoring;
    const target = Math.round(80 * scale);
    const rows: FormRow[] = [];
    const load = new Map<Person, number>();
    const pairs = new Set<string>();
    // Schools with no pair at all (the last of the list): a municipality where not every school has the model yet.
    const schools = orgs.filter((o) => o.type === 'Школа');
    const unpaired = new Set(schools.slice(schools.length - Math.min(profile.schoolsWithoutPairs ?? 0, schools.length - 1)));
    const findMentor = (mentee: Person, leaders: boolean): Person | undefined => {
      const free = (m: Person) => m !== mentee && (load.get(m) ?? 0) < 2 && !unpaired.has(m.org);
      const pool = leaders
        ? staff.filter((m) => m.position === 'Руководитель' && m.org !== mentee.org && m.org.type === mentee.org.type && free(m))
        : mentors.filter((m) => m.org === mentee.org && free(m));
      if (pool.length) return rng.pick(pool);
      const any = mentors.filter(free);
      return any.length ? rng.pick(any) : undefined;
    };
    const youngs = rng.shuffle(staff.filter((p) => p.young && !alone.has(p)));
    const weak = rng.shuffle(staff.filter((p) => !p.young && diagByPerson.get(p)?.level === 'Ниже базового'));
    const plain = rng.shuffle(staff.filter((p) => !p.young && p.position === 'Учитель' && (REF_DAY - p.careerStart) / 365 < 10));
    const deputies = rng.shuffle(staff.filter((p) => p.position === 'Заместитель руководителя'));
    const mix = profile.forms;
    const share = (n: number) => Math.max(1, Math.round(target * n));
    const plan: (readonly [Person, string])[] = mix
      ? [
          ...weak.slice(0, share(mix.deficits)).map((p) => [p, 'Педагог — педагог с профессиональными дефицитами'] as const),
          ...deputies.slice(0, share(mix.leaders)).map((p) => [p, 'Руководитель — руководитель'] as const),
          ...deputies.slice(share(mix.leaders), share(mix.leaders) + share(mix.organizations)).map((p) => [p, 'ОО — ОО'] as const),
          ...plain.slice(0, share(mix.peers)).map((p) => [p, 'Педагог — педагог'] as const),
          ...youngs.map((p) => [p, 'Педагог — молодой специалист'] as const),
        ]
      : [
          ...youngs.map((p) => [p, 'Педагог — молодой специалист'] as const),
          ...weak.slice(0, Math.round(target * 0.15)).map((p) => [p, 'Педагог — педагог с профессиональными дефицитами'] as const),
          ...deputies.slice(0, Math.max(1, Math.round(target * 0.03))).map((p) => [p, 'Руководитель — руководитель'] as const),
          ...plain.map((p) => [p, 'Педагог — педагог'] as const),
        ];
    for (const [mentee, kind] of plan) {
      // With a mix of forms, the young specialists' pairs follow `youngMentored`, not the target.
      if (rows.length >= target && !(mix && kind === 'Педагог — молодой специалист')) {
        if (mix) continue;
        break;
      }
      if (unpaired.has(mentee.org)) continue;
      const mentor = findMentor(mentee, kind === 'Руководитель — руководитель' || kind === 'ОО — ОО');
      if (!mentor) continue;
      const key = `${mentor.id}/${mentee.id}/${kind}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      load.set(mentor, (load.get(mentor) ?? 0) + 1);
      const start = mentee.young
        ? Math.min(Math.max(mentee.careerStart + rng.int(0, 20), day(2023, 9, 1)), REF_DAY - 10)
        : rng.int(day(2024, 9, 1), day(2025, 10, 1));
      const status = rng.weighted([
        ['Действует', 80],
        ['Завершена', 15],
        ['Прекращена', 5],
      ] as const);
      const end =
        status === 'Действует'
          ? ((planned) => (planned > REF_DAY && rng.chance(0.5) ? fmtDay(planned) : ''))(start + rng.int(270, 730))
          : fmtDay(Math.min(REF_DAY - 1, start + rng.int(60, 365)));
      const answers = {
        mentorName: typedName(rng, mentor.name),
        mentorOrgName: mentor.org.name,
        menteeName: typedName(rng, mentee.name),
        menteeOrgName: mentee.org.name,
        form: kind,
        menteeYoung: mentee.young ? 'Да' : 'Нет',
        start: fmtDay(start),
        end,
        status,
        planLink: rng.chance(0.5) ? `https://docs.google.com/document/d/${rng.token(44)}/edit` : '',
      };
      const stamp = capStamp(rng, stampOn(rng, start + rng.int(0, 20)));
      rows.push({ stamp, email: formEmail(mentor), answers: answersOf(form, answers) });
    }
    if (withBad && rows.length > 5) addMentoringBadRows(rng, rows, form);
    files['mentoring.csv'] = formCsv(form, rows, 'mentoring.csv', planted);
  }

  const counts: Record<string, number> = {};
  for (const [file, text] of Object.entries(files)) counts[file] = text.split('\r\n').length - 1; // approx: quoted CRLF never occurs in generated data
  return { files, planted, counts };
}

/** The seven CSV files (file name → CSV text). */
export function generateMunicipality(options: MunicipalityOptions = {}): MunicipalityFiles {
  return generateMunicipalityDetailed(options).files;
}

/** Writes the files into `dir` (created when missing). Returns the written paths. */
export function writeMunicipality(dir: string, files: MunicipalityFiles): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, 'utf8');
    return file;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Planted rows. Each copies a good row (so every other answer is plausible) and breaks one thing.

function variant(
  rng: Rng,
  rows: FormRow[],
  later: number,
  change: Record<string, string> | ((base: FormRow) => Record<string, string>),
  planted: FormRow['planted'],
): FormRow {
  const base = rng.pick(rows.filter((r) => !r.planted));
  const delta = typeof change === 'function' ? change(base) : change;
  const row: FormRow = { stamp: base.stamp + later, email: base.email, answers: { ...base.answers, ...delta }, planted };
  rows.push(row);
  return row;
}

function addIomBadRows(rng: Rng, rows: FormRow[], form: FormSpec): void {
  const t = (key: string) => titleOf(form.id, key);
  const Q = 'quarantine' as const;
  const F = 'formula' as const;
  const bad = (change: Record<string, string>, kind: PlantedRow['kind'], reason: string) =>
    variant(rng, rows, rng.int(60, 3600), change, { kind, reason });
  // A different person each time: the copy keeps the ФИО of its base row, so give it a new one.
  const used = new Set<string>();
  const fresh = () => {
    let name = '';
    do name = `Новикова-Белая ${rng.pick(FEMALE_NAMES)} ${rng.pick(PATRONYMICS)[1]}`;
    while (used.has(name));
    used.add(name);
    return name;
  };
  bad({ [t('personName')]: fresh(), [t('orgName')]: 'МОУ «Средняя школа № 99»' }, Q, 'Неизвестная ОО');
  bad({ [t('personName')]: fresh(), [t('start')]: '31.02.2025' }, Q, 'Несуществующая дата начала');
  bad({ [t('personName')]: fresh(), [t('diagnosticDate')]: 'вчера' }, Q, 'Дата диагностики не распознана');
  bad({ [t('personName')]: fresh(), [t('start')]: '01.09.2025', [t('end')]: '30.05.2025' }, Q, 'Окончание раньше начала');
  bad({ [t('personName')]: fresh(), [t('status')]: '' }, Q, 'Не заполнен обязательный вопрос «Статус ИОМ»');
  bad({ [t('personName')]: '' }, Q, 'Не заполнен обязательный вопрос «ФИО педагога»');
  bad({ [t('personName')]: fresh(), [t('position')]: 'Учитель-мастер' }, Q, 'Должность не из списка');
  bad({ [t('personName')]: fresh(), [t('procedure')]: 'Всероссийская' }, Q, 'Процедура диагностики не из списка');
  bad(
    { [t('personName')]: fresh(), [t('deficits')]: 'Предметные, Финансовая грамотность' },
    Q,
    'Дефицит «Финансовая грамотность» не из списка',
  );
  bad({ [t('personName')]: fresh(), [t('subject')]: '=HYPERLINK("http://x","y")' }, F, 'Предмет — формула, хранить как текст');
  bad({ [t('personName')]: fresh(), [t('curator')]: '@ivanova_metodist' }, F, 'Куратор начинается с «@»');
  bad({ [t('personName')]: fresh(), [t('subject')]: '-' }, F, 'Предмет «-»');
  bad({ [t('personName')]: fresh(), [t('curator')]: '+7 (916) 000-00-00' }, F, 'Куратор начинается с «+»');
  // The duplicate: the same person and start date sent again later with a new status.
  const base = rng.pick(rows.filter((r) => !r.planted && r.answers[t('status')] === 'Разработан' && r.answers[t('personName')].trim()));
  rows.push({
    stamp: base.stamp + 86400 * 20,
    email: base.email,
    answers: { ...base.answers, [t('status')]: 'Реализуется' },
    planted: { kind: 'duplicate', reason: 'Повторная отправка: статус «Разработан» → «Реализуется»' },
  });
}

function addEventBadRows(rng: Rng, rows: FormRow[], form: FormSpec): void {
  const t = (key: string) => titleOf(form.id, key);
  const bad = (change: Record<string, string>, kind: PlantedRow['kind'], reason: string) =>
    variant(rng, rows, rng.int(60, 3600), change, { kind, reason });
  bad(
    { [t('title')]: 'Семинар «Читательская грамотность в 5–9 классах»', [t('start')]: '32.13.2025' },
    'quarantine',
    'Дата начала не распознана',
  );
  bad(
    { [t('title')]: 'Мастер-класс «Геймификация урока»', [t('start')]: '20.11.2025', [t('end')]: '18.11.2025' },
    'quarantine',
    'Окончание раньше начала',
  );
  bad({ [t('title')]: 'Совещание заместителей директоров по УВР', [t('kind')]: 'Совещание' }, 'quarantine', 'Вид мероприятия не из списка');
  bad(
    { [t('title')]: 'Семинар «Формулы в электронных таблицах»', [t('start')]: '14.10.2025', [t('direction')]: '=1+1' },
    'formula',
    'Направление — формула',
  );
}

function addParticipationBadRows(rng: Rng, rows: FormRow[], form: FormSpec, events: EventRec[], staff: Person[], n: number): void {
  const t = (key: string) => titleOf(form.id, key);
  const heldEvent = rng.pick(events.filter(held));
  const wrongDate = `${heldEvent.title} (${fmtDay(heldEvent.start + 1)})`;
  const taken = new Set(rows.map((r) => `${r.answers[t('eventLabel')]}|${r.answers[t('personName')].trim().toLowerCase()}`));
  /** A person who has no row for that event yet, so the planted row never replaces a good one. */
  const someone = (label: string) => {
    for (;;) {
      const name = rng.pick(staff).name;
      const key = `${label}|${name.toLowerCase()}`;
      if (!taken.has(key)) {
        taken.add(key);
        return name;
      }
    }
  };
  const other = (label: string) => (base: FormRow) => ({ [t('personName')]: someone(base.answers[t('eventLabel')] ?? label) });
  const makers: (() => void)[] = [
    () =>
      variant(
        rng,
        rows,
        rng.int(60, 3600),
        { [t('eventLabel')]: 'Семинар «Несуществующее мероприятие» (01.01.2025)', [t('personName')]: someone('') },
        {
          kind: 'quarantine',
          reason: 'Мероприятия нет в журнале',
        },
      ),
    () =>
      variant(
        rng,
        rows,
        rng.int(60, 3600),
        { [t('eventLabel')]: wrongDate, [t('personName')]: someone(wrongDate) },
        {
          kind: 'quarantine',
          reason: 'Мероприятия нет в журнале (другая дата)',
        },
      ),
    () =>
      variant(rng, rows, rng.int(60, 3600), (b) => ({ ...other('')(b), [t('orgName')]: 'Школа № 1' }), {
        kind: 'quarantine',
        reason: 'Неизвестная ОО',
      }),
    () =>
      variant(
        rng,
        rows,
        rng.int(60, 3600),
        { [t('personName')]: '' },
        {
          kind: 'quarantine',
          reason: 'Не заполнен обязательный вопрос «ФИО участника»',
        },
      ),
    () =>
      variant(rng, rows, rng.int(60, 3600), (b) => ({ ...other('')(b), [t('role')]: 'Зритель' }), {
        kind: 'quarantine',
        reason: 'Роль участника не из списка',
      }),
    () =>
      variant(rng, rows, rng.int(60, 3600), (b) => ({ ...other('')(b), [t('document')]: '+ сертификат' }), {
        kind: 'formula',
        reason: 'Документ начинается с «+»',
      }),
    () =>
      variant(rng, rows, rng.int(60, 3600), (b) => ({ ...other('')(b), [t('document')]: '=HYPERLINK("http://x","y")' }), {
        kind: 'formula',
        reason: 'Документ — формула',
      }),
  ];
  for (let i = 0; i < Math.max(makers.length, n); i++) makers[i % makers.length]();
}

function addMentoringBadRows(rng: Rng, rows: FormRow[], form: FormSpec): void {
  const t = (key: string) => titleOf(form.id, key);
  variant(
    rng,
    rows,
    rng.int(60, 3600),
    { [t('start')]: '01.09.2025', [t('end')]: '01.06.2025' },
    {
      kind: 'quarantine',
      reason: 'Окончание раньше начала',
    },
  );
  variant(
    rng,
    rows,
    rng.int(60, 3600),
    { [t('menteeOrgName')]: 'Детский сад «Ромашка»' },
    { kind: 'quarantine', reason: 'Неизвестная ОО наставляемого' },
  );
  variant(rng, rows, rng.int(60, 3600), { [t('form')]: 'Тьюторство' }, { kind: 'quarantine', reason: 'Форма наставничества не из списка' });
}
