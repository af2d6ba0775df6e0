// A methodist's workbook in the local runtime: the built bundle loaded over the fakes, with the menu opened.
// The CLI, the demo and the end-to-end tests all drive the product through this, as Google would.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalRuntime, type LocalRuntime } from './runtime';
import { loadBundle, type Sandbox } from './sandbox';

/** build/ of the repository, from dist/cli.cjs (the CLI) or from src/local (tests running the TS sources). */
export const BUILD_DIR =
  [join(__dirname, '..', 'build'), join(__dirname, '..', '..', 'build')].find((dir) => existsSync(join(dir, 'Code.js'))) ??
  join(__dirname, '..', 'build');
export const LOCAL_METHODIST = 'metodist@klin.example';

export interface LocalWorkbook {
  readonly runtime: LocalRuntime;
  readonly sandbox: Sandbox;
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** Runs a menu item as a click would (its function name); confirmations are answered «Да» by default. */
  menu(functionName: string): void;
  rpc<T = unknown>(name: string, payload?: unknown): T;
}

export function readBuild(buildDir = BUILD_DIR): { code: string; htmlFiles: Record<string, string> } {
  const codePath = join(buildDir, 'Code.js');
  if (!existsSync(codePath)) throw new Error(`Нет сборки ${codePath}: выполните npm run build.`);
  const htmlFiles: Record<string, string> = {};
  for (const file of readdirSync(buildDir).filter((f) => f.endsWith('.html')))
    htmlFiles[file.replace(/\.html$/, '')] = readFileSync(join(buildDir, file), 'utf8');
  return { code: readFileSync(codePath, 'utf8'), htmlFiles };
}

/** `addon`: the runtime enforces an Editor add-on's trigger rules (pass it with an add-on build). */
export function openLocalWorkbook(options: { buildDir?: string; user?: string; now?: () => Date; addon?: boolean } = {}): LocalWorkbook {
  const { code, htmlFiles } = readBuild(options.buildDir);
  const runtime = createLocalRuntime({
    activeUserEmail: options.user ?? LOCAL_METHODIST,
    htmlFiles,
    now: options.now,
    addon: options.addon,
  });
  const sandbox = loadBundle(code, runtime);
  const spreadsheet = runtime.spreadsheets.create('Маршрут — муниципальная книга');
  runtime.spreadsheets.setActive(spreadsheet);
  sandbox.call('onOpen', { authMode: 'FULL', source: spreadsheet });
  return {
    runtime,
    sandbox,
    spreadsheet,
    menu(functionName) {
      sandbox.call(functionName);
    },
    rpc: <T>(name: string, payload?: unknown) => sandbox.call(name, payload) as T,
  };
}
