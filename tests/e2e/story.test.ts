// The story `npm start` tells (src/local/demo/story.ts), with `run` and `region` stubbed: three municipalities of
// different sizes generated under their own names, each run into its own folder, the region built from exactly those
// folders, and the closing list of where every output is.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MENTORING_FORMS } from '../../src/core/schema/choices';
import { generateMunicipality } from '../../src/local/demo/municipality';
import { runStory, STORY_MUNICIPALITIES, storyOptions, type StoryMunicipality } from '../../src/local/demo/story';

const tmp = mkdtempSync(join(tmpdir(), 'marshrut-story-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SMALL: StoryMunicipality[] = [
  { slug: 'a', name: 'Городской округ А', organizations: 4, staff: 30, seed: 1 },
  { slug: 'b', name: 'Муниципальный район Б', organizations: 5, staff: 60, seed: 2 },
];

test('the real story has three municipalities of different sizes', () => {
  expect(STORY_MUNICIPALITIES).toHaveLength(3);
  expect(new Set(STORY_MUNICIPALITIES.map((m) => m.staff)).size).toBe(3);
  expect(new Set(STORY_MUNICIPALITIES.map((m) => m.slug)).size).toBe(3);
});

test('each municipality is generated under its name and run in its folder; the region gets exactly those folders', async () => {
  const lines: string[] = [];
  const runs: [string, string][] = [];
  let regionCall: [readonly string[], string, string] | null = null;
  const outputs = await runStory(
    tmp,
    {
      say: (line) => lines.push(line),
      runMunicipality: async (data, out) => {
        runs.push([data, out]);
      },
      runRegion: async (municipal, out, region) => {
        regionCall = [municipal, out, region.name];
        return {
          xlsx: join(out, 'region.xlsx'),
          json: join(out, 'region.json'),
          dashboard: join(out, 'dashboard.html'),
          mail: join(out, 'mail'),
        };
      },
    },
    SMALL,
  );
  expect(runs).toEqual(SMALL.map((m) => [join(tmp, m.slug, 'data'), join(tmp, m.slug)]));
  for (const m of SMALL) {
    expect(existsSync(join(tmp, m.slug, 'data', 'staff.csv'))).toBe(true);
    expect(readFileSync(join(tmp, m.slug, 'data', 'organizations.csv'), 'utf8')).toContain(m.name);
  }
  expect(regionCall).toEqual([SMALL.map((m) => join(tmp, m.slug)), join(tmp, 'region'), 'Московская область']);
  expect(lines.filter((l) => /^\n\[\d\/3\]/.test(l)).map((l) => l.trim().split(':')[0])).toEqual([
    '[1/3] Городской округ А',
    '[2/3] Муниципальный район Б',
    '[3/3] Регион',
  ]);
  expect(lines.at(-outputs.length - 1)).toBe('\nГотово. Где что лежит:');
  expect(outputs.map((o) => o.path)).toEqual([
    ...SMALL.flatMap((m) =>
      ['data', 'workbook.xlsx', 'intake.json', 'kpi.json', 'dashboard.html', 'mail'].map((f) => join(tmp, m.slug, f)),
    ),
    join(tmp, 'region', 'region.xlsx'),
    join(tmp, 'region', 'region.json'),
    join(tmp, 'region', 'dashboard.html'),
    join(tmp, 'region', 'mail'),
  ]);
  expect(lines.slice(-outputs.length).every((l, i) => l.endsWith(outputs[i]!.path))).toBe(true);
});

describe("the story's three municipalities are three, not one three times (issue 19 point 12)", () => {
  const parse = (text: string) => {
    const [header, ...rows] = text
      .trim()
      .split('\r\n')
      .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '')));
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  };
  const generated = STORY_MUNICIPALITIES.map((m) => {
    const files = generateMunicipality(storyOptions(m));
    return { m, orgs: parse(files['organizations.csv']!), mentoring: parse(files['mentoring.csv']!) };
  });

  test("each has its own ОО codes, names and coordinators' addresses", () => {
    const prefixes = generated.map(({ orgs }) => new Set(orgs.map((o) => o['Код ОО']!.split('-')[0])));
    expect(prefixes.map((p) => [...p])).toEqual([['ДБН'], ['КЛН'], ['СРП']]);
    const domains = generated.map(({ orgs }) => new Set(orgs.map((o) => o['Email координатора']!.split('@')[1])));
    expect(domains.map((d) => [...d])).toEqual([['dubna-edu.ru'], ['klin-edu.ru'], ['serpuhov-edu.ru']]);
    const names = generated.map(({ orgs }) => orgs.map((o) => o['Наименование']));
    for (const [i, list] of names.entries()) {
      expect(new Set(list).size).toBe(list.length);
      for (const other of names.slice(i + 1)) expect(list.filter((n) => other.includes(n))).toEqual([]);
    }
    expect(generated.map(({ orgs }) => orgs.length)).toEqual(STORY_MUNICIPALITIES.map((m) => m.organizations));
  });

  test("mentoring of several forms in each: all five of the form's own forms but «Другое»", () => {
    for (const { mentoring } of generated) {
      const forms = new Set(mentoring.map((r) => r['Форма наставничества']));
      for (const form of MENTORING_FORMS.filter((f) => f !== 'Другое')) expect(forms).toContain(form);
    }
  });

  test('the schools a profile leaves without a pair have none, as mentee or mentor', () => {
    for (const { m, orgs, mentoring } of generated) {
      const schools = orgs.filter((o) => o['Тип ОО'] === 'Школа').map((o) => o['Наименование']);
      const unpaired = schools.slice(schools.length - (m.profile?.schoolsWithoutPairs ?? 0));
      const paired = new Set(mentoring.flatMap((r) => [r['ОО наставляемого'], r['ОО наставника']]));
      expect(unpaired.filter((s) => paired.has(s))).toEqual([]);
    }
    expect(STORY_MUNICIPALITIES.map((m) => m.profile?.schoolsWithoutPairs ?? 0)).toEqual([0, 1, 4]);
  });
});
