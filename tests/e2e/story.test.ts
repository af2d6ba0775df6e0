// The story `npm start` tells (src/local/demo/story.ts), with `run` and `region` stubbed: three municipalities of
// different sizes generated under their own names, each run into its own folder, the region built from exactly those
// folders, and the closing list of where every output is.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStory, STORY_MUNICIPALITIES, type StoryMunicipality } from '../../src/local/demo/story';

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
