// `npm ci` of a clean clone prints no «npm warn install-scripts» (README, Quick start): every dependency that runs
// an install script is one the project reviewed in package.json's allowScripts. npm 11.16+ lists the others after
// the install, and npm 12 will not run them (docs/content/commands/npm-approve-scripts.md of npm: «installs print a
// list of packages whose scripts have not been reviewed. A future release will block unreviewed install scripts»).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

test('every package of the lockfile with an install script is reviewed in allowScripts', () => {
  const lock = json('package-lock.json') as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };
  const allowed = (json('package.json').allowScripts ?? {}) as Record<string, boolean>;
  const withScripts = Object.entries(lock.packages)
    .filter(([path, p]) => path && p.hasInstallScript)
    .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), version: p.version }));
  expect(withScripts.length).toBeGreaterThan(0); // esbuild's postinstall checks its platform binary
  const unreviewed = withScripts.filter(({ name, version }) => allowed[name] === undefined && allowed[`${name}@${version}`] === undefined);
  expect(unreviewed).toEqual([]);
});
