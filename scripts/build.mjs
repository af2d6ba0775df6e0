// Builds the Apps Script project into build/ (clasp's rootDir) and the local CLI into dist/.
// Apps Script needs real top-level function declarations for menus, triggers and google.script.run targets:
// the bundle is an IIFE in one namespace (MARSHRUT_), and a generated footer declares one function per export.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const root = new URL('..', import.meta.url).pathname;

export const NAMESPACE = 'MARSHRUT_';
// «Дополнение» or «Шаблон» (src/gas/installMode.ts): `npm run build -- --addon` or MARSHRUT_INSTALL_MODE=addon puts
// the add-on into build/ (what clasp pushes). The other mode's bundle goes to dist/<mode>/, outside clasp's rootDir,
// so the tests run every flow in both modes from one build.
const installMode = process.argv.includes('--addon') || process.env.MARSHRUT_INSTALL_MODE === 'addon' ? 'addon' : 'template';
const otherMode = installMode === 'addon' ? 'template' : 'addon';

async function buildProject(mode, out) {
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'src/gas/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: NAMESPACE,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    write: false,
    legalComments: 'none',
    // Google evaluates the whole file on every menu click, RPC and trigger run: whitespace goes (−25 %), names stay,
    // so Apps Script's stack traces still name the function.
    minifyWhitespace: true,
    charset: 'utf8',
    alias: { stream: join(root, 'scripts/shims/stream.js') },
    define: { __MARSHRUT_INSTALL_MODE__: JSON.stringify(mode) },
  });
  const bundle = result.outputFiles[0].text;

  // Which functions to expose: the exports of src/gas/main.ts, read by evaluating the bundle (it only defines).
  const context = vm.createContext({});
  vm.runInContext(bundle, context);
  const exported = Object.keys(context[NAMESPACE]).filter((k) => typeof context[NAMESPACE][k] === 'function');
  const footer = exported.map((name) => `function ${name}() { return ${NAMESPACE}.${name}.apply(this, arguments); }`).join('\n');
  writeFileSync(join(out, 'Code.js'), `${bundle}\n${footer}\n`);
  writeFileSync(join(out, 'exports.json'), JSON.stringify(exported, null, 2));
  writeFileSync(join(out, 'mode.json'), JSON.stringify({ installMode: mode }));
  copyFileSync(join(root, 'appsscript.json'), join(out, 'appsscript.json'));

  // Pages: self-contained HTML, shared CSS/JS inlined at <!-- @include file -->.
  const ui = join(root, 'src/ui');
  for (const file of readdirSync(ui).filter((f) => /^[A-Z].*\.html$/.test(f))) {
    const html = readFileSync(join(ui, file), 'utf8').replace(/<!-- @include (\S+) -->/g, (_, name) =>
      readFileSync(join(ui, name), 'utf8'),
    );
    writeFileSync(join(out, file), html);
  }
  return { bytes: bundle.length, exported: exported.length };
}

const main = await buildProject(installMode, join(root, 'build'));
await buildProject(otherMode, join(root, 'dist', otherMode));

// The local runtime's CLI and benchmark (Node), with dependencies left to node_modules.
for (const [entry, file] of [
  ['src/local/cli.ts', 'cli.cjs'],
  ['src/local/bench/index.ts', 'bench.cjs'],
]) {
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: join(root, 'dist', file),
    logLevel: 'warning',
  });
}
console.log(
  `build/Code.js («${installMode}»): ${(main.bytes / 1024).toFixed(0)} KB, ${main.exported} global functions; dist/${otherMode}/ too`,
);
