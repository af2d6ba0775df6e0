// `npm run deploy:dev` / `deploy:prod`: build, then push with clasp to the project file of that environment
// (.clasp.dev.json / .clasp.prod.json, git-ignored; .clasp.json.example shows the fields). prod also makes a version
// and moves the web app's versioned deployment to it (clasp 3: create-version, update-deployment), after writing
// that deployment's URL into build/Code.js so the dashboard dialog offers the production link (src/gas/dashboardPage.ts).
// `--dry-run` prints the clasp commands instead of running them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PLACEHOLDER = '@@MARSHRUT_WEB_APP_URL@@';

/** The web app URL of a deployment id (Google's form for a versioned deployment). */
export const webAppUrl = (deploymentId) => `https://script.google.com/macros/s/${deploymentId}/exec`;

/** The bundle with the production link written in; fails when the bundle has no place for it. */
export function stampWebAppUrl(code, url) {
  if (!code.includes(`'${PLACEHOLDER}'`) && !code.includes(`"${PLACEHOLDER}"`)) throw new Error(`build/Code.js has no ${PLACEHOLDER}`);
  if (!/^https:\/\/script\.google\.com\/macros\/s\/[A-Za-z0-9_-]+\/exec$/.test(url)) throw new Error(`not a web app URL: ${url}`);
  return code.split(PLACEHOLDER).join(url);
}

/** The clasp commands of a release, in order (`version` stands for the number create-version prints). */
export function releaseCommands(env, projectFile, deploymentId, description) {
  const p = ['-P', projectFile];
  const push = [...p, 'push', '--force'];
  if (env === 'dev') return [push];
  return [
    push,
    [...p, '--json', 'create-version', description],
    [...p, 'update-deployment', deploymentId, '-V', '{version}', '-d', description],
  ];
}

function main(argv) {
  const env = argv[0];
  const dry = argv.includes('--dry-run');
  if (env !== 'dev' && env !== 'prod') throw new Error('usage: node scripts/deploy.mjs dev|prod [--dry-run]');
  const projectFile = join(root, `.clasp.${env}.json`);
  if (!existsSync(projectFile)) throw new Error(`${projectFile} is missing: copy .clasp.json.example and put the script id in`);
  const project = JSON.parse(readFileSync(projectFile, 'utf8'));
  const deploymentId = project.webAppDeploymentId;
  if (env === 'prod' && !/^[A-Za-z0-9_-]{10,}$/.test(deploymentId ?? ''))
    throw new Error(`${projectFile}: "webAppDeploymentId" is the web app's versioned deployment (clasp list-deployments)`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (env === 'prod') {
    const code = join(resolve(dirname(projectFile), project.rootDir ?? '.'), 'Code.js');
    writeFileSync(code, stampWebAppUrl(readFileSync(code, 'utf8'), webAppUrl(deploymentId)));
  }
  const description = `Маршрут ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()}`;
  const clasp = join(root, 'node_modules/.bin/clasp');
  let version = null;
  for (const args of releaseCommands(env, projectFile, deploymentId, description)) {
    const filled = args.map((a) => (a === '{version}' ? String(version ?? '{version}') : a));
    if (dry) {
      console.log(['clasp', ...filled].join(' '));
      continue;
    }
    const out = execFileSync(clasp, filled, { cwd: root, encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] });
    process.stdout.write(out);
    if (filled.includes('create-version')) version = JSON.parse(out).versionNumber;
  }
  if (env === 'prod') console.log(`Веб-приложение: ${webAppUrl(deploymentId)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main(process.argv.slice(2));
