// `npm start` (= `marshrut story --out out`): the whole story of the product on one machine. Three municipalities of
// different sizes are generated; each goes through intake and indicators as `marshrut run` does it (its own
// workbook, intake.json, kpi.json); then the region consolidates them as `marshrut region` does. The story ends
// with where each output is: workbooks, intake, indicators, the monthly letters and the dashboards.
import { join } from 'node:path';
import { generateMunicipality, KLIN_PROFILE, writeMunicipality, type MunicipalityProfile } from './municipality';

export interface StoryMunicipality {
  /** The folder under the story's output. */
  readonly slug: string;
  readonly name: string;
  readonly organizations: number;
  readonly staff: number;
  readonly seed: number;
  /** Codes, names, addresses and rates; default Klin as the generator makes it. */
  readonly profile?: MunicipalityProfile;
}

/** The region the three generated municipalities are in (the titles of its workbook, dashboard and letter). */
export const STORY_REGION = { name: 'Московская область', ministry: 'minobr@mosreg.example' } as const;

/**
 * A small science town that is ahead (most staff diagnosed, nearly every young specialist with a mentor, every
 * form of mentoring), Klin as SPEC §8 sizes it (12 ОО, ~850 staff) somewhere in the middle, and a large district
 * that is behind (half its staff diagnosed, a third of its young specialists alone, four schools with no pair).
 */
export const STORY_MUNICIPALITIES: readonly StoryMunicipality[] = [
  {
    slug: 'dubna',
    name: 'Городской округ Дубна',
    organizations: 6,
    staff: 320,
    seed: 2026,
    profile: {
      codePrefix: 'ДБН',
      domain: 'dubna-edu.ru',
      site: 'imc-dubna.edumsko.ru',
      schools: [
        ['МБОУ «Лицей № 6»', false],
        ['МБОУ «Гимназия № 3 с углублённым изучением иностранных языков»', false],
        ['МБОУ «Средняя общеобразовательная школа № 9»', false],
      ],
      kindergartens: ['МДОУ «Детский сад № 10 «Жемчужинка»»'],
      additional: 'МБУ ДО «Центр детского творчества»',
      service: 'МБУ «Информационно-методический центр»',
      diagnosed: 0.78,
      youngMentored: 0.9,
      forms: { deficits: 0.2, leaders: 0.03, peers: 0.15, organizations: 0.03 },
    },
  },
  {
    slug: 'klin',
    name: 'Городской округ Клин',
    organizations: 12,
    staff: 850,
    seed: 2025,
    profile: {
      ...KLIN_PROFILE,
      youngMentored: 0.82,
      schoolsWithoutPairs: 1,
      forms: { deficits: 0.15, leaders: 0.05, peers: 0.1, organizations: 0.02 },
    },
  },
  {
    slug: 'serpukhov',
    name: 'Городской округ Серпухов',
    organizations: 24,
    staff: 1900,
    seed: 2027,
    profile: {
      codePrefix: 'СРП',
      domain: 'serpuhov-edu.ru',
      site: 'umc-serpuhov.edumsko.ru',
      schools: [
        ['МОУ «Гимназия № 1»', false],
        ['МОУ «Лицей № 2»', false],
        ['МОУ «Средняя общеобразовательная школа № 4»', false],
        ['МОУ «Средняя общеобразовательная школа № 5 с углублённым изучением отдельных предметов»', false],
        ['МОУ «Средняя общеобразовательная школа № 7»', false],
        ['МОУ «Средняя общеобразовательная школа № 11»', false],
        ['МОУ «Средняя общеобразовательная школа № 12»', false],
        ['МОУ «Центр образования № 13»', false],
        ['МОУ «Средняя общеобразовательная школа № 17»', false],
        ['МОУ «Протвинская средняя школа»', false],
        ['МОУ «Балковская средняя общеобразовательная школа»', true],
        ['МОУ «Данковская средняя общеобразовательная школа»', true],
        ['МОУ «Липицкая средняя общеобразовательная школа»', true],
        ['МОУ «Райсемёновская средняя общеобразовательная школа»', true],
        ['МОУ «Лукьяновская основная общеобразовательная школа»', true],
        ['МОУ «Съяновская основная общеобразовательная школа»', true],
        ['МОУ «Оболенская средняя общеобразовательная школа»', true],
      ],
      kindergartens: [
        'МДОУ «Детский сад № 1 «Аистёнок»»',
        'МДОУ «Детский сад № 8 «Ладушки»»',
        'МДОУ «Детский сад комбинированного вида № 19 «Незабудка»»',
        'МДОУ «Детский сад № 27 «Огонёк»»',
        'МДОУ «Детский сад № 35 «Ёлочка»»',
      ],
      additional: 'МУ ДО «Центр развития творчества детей и юношества»',
      service: 'МУ «Методический центр»',
      diagnosed: 0.5,
      youngMentored: 0.62,
      schoolsWithoutPairs: 4,
      forms: { deficits: 0.08, leaders: 0.03, peers: 0.05, organizations: 0.01 },
    },
  },
];

/** `marshrut demo`: the story's Klin alone, the municipality the README's examples run on. */
export const DEMO_MUNICIPALITY = STORY_MUNICIPALITIES[1]!;

/** What `generateMunicipality` makes of a story municipality. */
export const storyOptions = (m: StoryMunicipality) => ({
  seed: m.seed,
  organizations: m.organizations,
  staff: m.staff,
  municipality: m.name,
  profile: m.profile,
});

export interface StoryOutput {
  readonly label: string;
  readonly path: string;
}

/** What the story needs of the CLI: the `run` and `region` commands as functions. */
export interface StoryDeps {
  say(line: string): void;
  /** `marshrut run --data DIR --out DIR`. */
  runMunicipality(data: string, out: string): Promise<void>;
  /** `marshrut region --municipal DIR… --out DIR`: the files it wrote. */
  runRegion(
    municipal: readonly string[],
    out: string,
    region: typeof STORY_REGION,
  ): Promise<{ xlsx: string; json: string; dashboard: string; mail: string | null }>;
}

export async function runStory(out: string, deps: StoryDeps, municipalities = STORY_MUNICIPALITIES): Promise<StoryOutput[]> {
  const steps = municipalities.length + 1;
  const outputs: StoryOutput[] = [];
  const dirs: string[] = [];
  for (const [i, m] of municipalities.entries()) {
    const dir = join(out, m.slug);
    deps.say(`\n[${i + 1}/${steps}] ${m.name}: ${m.organizations} ОО, ~${m.staff} педагогов — генерирую ответы форм, приём и показатели…`);
    writeMunicipality(join(dir, 'data'), generateMunicipality(storyOptions(m)));
    await deps.runMunicipality(join(dir, 'data'), dir);
    dirs.push(dir);
    outputs.push(
      { label: `${m.name}: исходные CSV`, path: join(dir, 'data') },
      { label: `${m.name}: книга`, path: join(dir, 'workbook.xlsx') },
      { label: `${m.name}: итоги приёма`, path: join(dir, 'intake.json') },
      { label: `${m.name}: показатели`, path: join(dir, 'kpi.json') },
      { label: `${m.name}: дашборд`, path: join(dir, 'dashboard.html') },
      { label: `${m.name}: письма месяца`, path: join(dir, 'mail') },
    );
  }
  deps.say(`\n[${steps}/${steps}] Регион: сводка ${municipalities.length} муниципалитетов…`);
  const region = await deps.runRegion(dirs, join(out, 'region'), STORY_REGION);
  outputs.push(
    { label: 'Регион: книга', path: region.xlsx },
    { label: 'Регион: сводка', path: region.json },
    { label: 'Регион: дашборд', path: region.dashboard },
    ...(region.mail ? [{ label: 'Регион: письмо министерству', path: region.mail }] : []),
  );
  deps.say('\nГотово. Где что лежит:');
  const width = Math.max(...outputs.map((o) => o.label.length));
  for (const o of outputs) deps.say(`  ${o.label.padEnd(width)}  ${o.path}`);
  return outputs;
}
