// `npm run deploy:prod` writes the web app's versioned deployment into the bundle before pushing: the dashboard
// dialog then offers that link (one deployment for every workbook, the workbook by ?id=), not the script's @HEAD URL.
// The release script's own functions (scripts/deploy.mjs, scripts/template.mjs) run in a child Node (they are ESM).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readBuild } from '../../src/local/localWorkbook';
import { createLocalRuntime } from '../../src/local/runtime';
import { loadBundle } from '../../src/local/sandbox';
import { BUILD, FIXED_NOW, requireBuild, ROOT } from '../support/e2eBuild';

const esm = (source: string, input = '') =>
  execFileSync('node', ['--input-type=module', '-e', source], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 << 20 });

const DEPLOYMENT = 'AKfycbProdDeployment_0123456789';

test('a prod build offers the versioned deployment’s link, with the workbook’s id, in «Маршрут → Дашборд…»', () => {
  requireBuild();
  const { code, htmlFiles } = readBuild(BUILD);
  const stamped = esm(
    `import { stampWebAppUrl, webAppUrl } from ${JSON.stringify(join(ROOT, 'scripts/deploy.mjs'))};
     let code = ''; process.stdin.on('data', (c) => (code += c)).on('end', () => process.stdout.write(stampWebAppUrl(code, webAppUrl(${JSON.stringify(DEPLOYMENT)}))));`,
    code,
  );
  const runtime = createLocalRuntime({ activeUserEmail: 'metodist@klin.example', htmlFiles, now: FIXED_NOW });
  const sandbox = loadBundle(stamped, runtime);
  const spreadsheet = runtime.spreadsheets.create('Клин');
  runtime.spreadsheets.setActive(spreadsheet);
  sandbox.call('menuSetupWorkbook');
  sandbox.call('menuShowDashboard');
  const html = runtime.ui.dialogs.slice(-1)[0]!.html;
  expect(html).toContain(`"link":"https://script.google.com/macros/s/${DEPLOYMENT}/exec?id=${spreadsheet.getId()}"`);
});

test('a release refuses a bundle with no place for the link, and anything but a web app URL', () => {
  const attempt = (code: string, url: string) =>
    esm(`import { stampWebAppUrl } from ${JSON.stringify(join(ROOT, 'scripts/deploy.mjs'))};
      try { stampWebAppUrl(${JSON.stringify(code)}, ${JSON.stringify(url)}); console.log('ok'); } catch (e) { console.log(e.message); }`).trim();
  expect(attempt("const DEPLOYED_WEB_APP = '@@MARSHRUT_WEB_APP_URL@@';", `https://script.google.com/macros/s/${DEPLOYMENT}/exec`)).toBe(
    'ok',
  );
  expect(attempt('const x = 1;', `https://script.google.com/macros/s/${DEPLOYMENT}/exec`)).toBe(
    'build/Code.js has no @@MARSHRUT_WEB_APP_URL@@',
  );
  expect(attempt("'@@MARSHRUT_WEB_APP_URL@@'", "https://evil.example/'+alert(1)+'")).toBe(
    "not a web app URL: https://evil.example/'+alert(1)+'",
  );
});

test('the prod release runs push, create-version, update-deployment of that deployment; dev only pushes', () => {
  const commands = JSON.parse(
    esm(`import { releaseCommands } from ${JSON.stringify(join(ROOT, 'scripts/deploy.mjs'))};
      console.log(JSON.stringify([releaseCommands('prod', 'p.json', ${JSON.stringify(DEPLOYMENT)}, 'v'), releaseCommands('dev', 'd.json', undefined, 'v')]));`),
  ) as string[][][];
  expect(commands).toEqual([
    [
      ['-P', 'p.json', 'push', '--force'],
      ['-P', 'p.json', '--json', 'create-version', 'v'],
      ['-P', 'p.json', 'update-deployment', DEPLOYMENT, '-V', '{version}', '-d', 'v'],
    ],
    [['-P', 'd.json', 'push', '--force']],
  ]);
});

test('deploy:template turns the template’s id or URL into its «/copy» link', () => {
  const copy = (arg: string) => execFileSync('node', [join(ROOT, 'scripts/template.mjs'), arg], { encoding: 'utf8' }).trim();
  const id = '1AbcdefghijklmnopqrstuvwxYZ012345';
  expect(copy(`https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`)).toBe(`https://docs.google.com/spreadsheets/d/${id}/copy`);
  expect(copy(id)).toBe(`https://docs.google.com/spreadsheets/d/${id}/copy`);
});
