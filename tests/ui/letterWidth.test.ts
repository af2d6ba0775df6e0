// The monthly letters read on a phone (issue 19 point 2): every kind the bundle composes — the methodist's (the
// owner's when no methodist is set), a coordinator's, the municipality's ministry letter and the regional workbook's
// ministry letter — opened in Chromium at a 390 px phone and at 600 px (a mail client's single column), with a long
// school name and long municipality names: no horizontal scrolling, and every status («Статус», «Не выполнен», …)
// fully on screen. Screenshots are kept in out/screenshots (letter-<kind>-<width>.png).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbookUrl } from '../../src/core/region/workbookId';
import type { LocalWorkbook } from '../../src/local/localWorkbook';
import { COORDINATORS, DIGEST_FILES, digestWorkbook, MINISTRY, OWNER } from '../support/digestFixture';
import { ORGS_CSV } from '../support/e2eBuild';
import { fitOf, textsShown } from '../support/fits';
import { LONG_MUNICIPALITY, LONG_SCHOOL } from '../support/longValues';
import { addMunicipality, openRegionalWorkbook } from '../support/region';
import { openHtml, saveScreenshot, suiteBrowser } from '../support/sidebar';

jest.setTimeout(120_000);

const browser = suiteBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'marshrut-letters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Preview {
  readonly to: string;
  readonly role: string;
  readonly html: string;
}

/** The digest fixture with school № 1 under its full legal name (in «Организации» and in the answers). */
const LONG_FILES = Object.fromEntries(
  Object.entries(DIGEST_FILES).map(([file, text]) => [file, text.split('МОУ «Школа № 1»').join(LONG_SCHOOL)]),
);
const municipal = digestWorkbook(tmp, { now: new Date(2025, 0, 1, 9, 0) }, LONG_FILES);
const municipalLetters = municipal.rpc<Preview[]>('rpcDigestPreview', { month: '2024-12' });

/** Two municipalities with long names in a region, read, with the ministry's address saved. */
function regional(): LocalWorkbook {
  const region = openRegionalWorkbook({ now: () => new Date(2025, 11, 1, 8, 5) });
  const long = addMunicipality(region, LONG_MUNICIPALITY);
  const other = addMunicipality(region, 'Дубна', { orgs: ORGS_CSV.replace(',ШНОР,60,', ',ШНОР,10,') });
  region.rpc('rpcRegionAdd', { lines: [long, other].map((s) => workbookUrl(s.getId())) });
  region.rpc('rpcRegionRefresh');
  region.rpc('rpcSettingsSaveDigest', { methodists: [], ministry: [MINISTRY], coordinatorsOff: [] });
  return region;
}
const region = regional();
const regionLetters = region.rpc<Preview[]>('rpcDigestPreview', { month: '2025-11' });

const letter = (letters: Preview[], to: string) => {
  const found = letters.find((l) => l.to === to);
  if (!found) throw new Error(`Нет письма для ${to}: ${letters.map((l) => l.to).join(', ')}`);
  return found.html;
};
const KINDS: [kind: string, workbook: LocalWorkbook, html: string][] = [
  ['methodist', municipal, letter(municipalLetters, OWNER)],
  ['coordinator', municipal, letter(municipalLetters, COORDINATORS.Ш1[0])],
  ['ministry', municipal, letter(municipalLetters, MINISTRY)],
  ['region', region, letter(regionLetters, MINISTRY)],
];
/** A status as the letters write it, and the column headers that name it. */
const STATUS = /^(Статус|Статус ОО|Выполнен|Не выполнен|Нет данных|Нет плана)$/;

describe.each([390, 600])('at %i px', (width) => {
  test.each(KINDS)('the %s letter fits, its statuses whole', async (kind, workbook, html) => {
    const { page, errors } = await openHtml(browser(), workbook, html, { width, height: 844 });
    await saveScreenshot(page, `letter-${kind}-${width}`);
    await expect(fitOf(page, width)).resolves.toEqual({ scrollWidth: 'fits', outside: [] });
    const statuses = await textsShown(page, STATUS);
    // Every letter has a table of indicators with a status column (the coordinator's: «Статус ОО»).
    expect(statuses.map((s) => s.text)).toEqual(expect.arrayContaining([kind === 'coordinator' ? 'Статус ОО' : 'Статус']));
    expect(statuses.filter((s) => !s.visible)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
