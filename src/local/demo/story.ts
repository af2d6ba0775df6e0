// `npm start` (= `marshrut story --out out`): the whole story of the product on one machine. Three municipalities of
// different sizes are generated; each goes through intake and indicators as `marshrut run` does it (its own
// workbook, intake.json, kpi.json); then the region consolidates them as `marshrut region` does. The story ends
// with where each output is: workbooks, intake, indicators, the monthly letters and the dashboards.
import { join } from 'node:path';
import { generateMunicipality, writeMunicipality } from './municipality';

export interface StoryMunicipality {
  /** The folder under the story's output. */
  readonly slug: string;
  readonly name: string;
  readonly organizations: number;
  readonly staff: number;
  readonly seed: number;
}

/** A small town, Klin (SPEC §8: 12 ОО, ~850 staff) and a large district. */
/** The region the three generated municipalities are in (the titles of its workbook, dashboard and letter). */
export const STORY_REGION = { name: 'Московская область', ministry: 'minobr@mosreg.example' } as const;

export const STORY_MUNICIPALITIES: readonly StoryMunicipality[] = [
  { slug: 'dubna', name: 'Городской округ Дубна', organizations: 6, staff: 320, seed: 2026 },
  { slug: 'klin', name: 'Городской округ Клин', organizations: 12, staff: 850, seed: 2025 },
  { slug: 'serpukhov', name: 'Городской округ Серпухов', organizations: 24, staff: 1900, seed: 2027 },
];

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
    writeMunicipality(
      join(dir, 'data'),
      generateMunicipality({ seed: m.seed, organizations: m.organizations, staff: m.staff, municipality: m.name }),
    );
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
