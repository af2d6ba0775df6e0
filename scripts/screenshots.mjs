// `npm run screenshots`: regenerates the images of the methodists' guide (docs/руководство.md) in docs/img.
// The sidebars, the dashboard dialog and the web app are the browser tests' own screenshots (tests/ui drive them
// through the real bundle and save out/screenshots/*.png); the dashboards and letters of the demo region are the
// pages `marshrut story` writes (out/guide), shot here. Each image is kept under ~200 KB: a long page is cut at
// `height`, and an image still too large is made smaller.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });
const LIMIT = 200 * 1024;

/** docs/img/<name>.<format> ← out/screenshots/<test>.png, or a page of out/guide; `height` cuts a long one. */
const IMAGES = [
  { name: 'install-menu', test: 'install-menu', format: 'png' },
  { name: 'install-setup', test: 'install-setup', format: 'png' },
  { name: 'quarantine', test: 'quarantine', format: 'png' },
  { name: 'quarantine-editor', test: 'quarantine-editor', format: 'png' },
  { name: 'iom', test: 'iom', format: 'png', height: 720 },
  { name: 'import-forms', test: 'import-result', format: 'png' },
  { name: 'import-reference', test: 'import-reference', format: 'png', height: 420 },
  { name: 'indicators', test: 'indicators', format: 'png' },
  { name: 'roadmap', test: 'roadmap', format: 'png', height: 900 },
  { name: 'settings-access', test: 'settings-owner', format: 'png', height: 520 },
  { name: 'settings-digest', test: 'settings-digest', format: 'png' },
  { name: 'settings-region', test: 'settings-region', format: 'png' },
  { name: 'dashboard-dialog', test: 'dashboard-laptop', format: 'jpg' },
  { name: 'dashboard-phone', test: 'dashboard-webapp-phone', format: 'jpg', height: 1500 },
  { name: 'dashboard-refusal', test: 'dashboard-refusal', format: 'png', height: 260 },
  { name: 'region', test: 'region', format: 'png' },
  { name: 'dashboard-compare-region', test: 'dashboard-compare-region-laptop', format: 'png' },
  { name: 'dashboard-compare-region-phone', test: 'dashboard-compare-region-phone', format: 'png' },
  { name: 'dashboard-compare-municipal', test: 'dashboard-compare-municipal-laptop', format: 'png' },
  { name: 'dashboard-cli', page: 'klin/dashboard.html', width: 1280, format: 'jpg' },
  { name: 'dashboard-region', page: 'region/dashboard.html', width: 1280, format: 'png' },
  { name: 'digest-methodist', page: 'klin/mail/metodist@klin.example.html', width: 760, format: 'jpg', height: 1500 },
  { name: 'digest-coordinator', page: 'klin/mail/school1@klin-edu.ru.html', width: 760, format: 'jpg', height: 1450 },
];

run('npm run build');
run('npx jest tests/ui');
run('node bin/marshrut.cjs story --out out/guide');

// The tests' Chromium (tests/support/browser.ts), compiled for this script.
const helper = join(root, 'out', 'screenshots-browser.mjs');
await build({
  entryPoints: [join(root, 'tests/support/browser.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: helper,
  logLevel: 'warning',
});
const { launchChromium, RUSSIAN } = await import(pathToFileURL(helper).href);
const browser = await launchChromium();

/** A whole page of out/guide as PNG. */
async function pageShot({ page: file, width }) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, ...RUSSIAN });
  await page.goto(pathToFileURL(join(root, 'out', 'guide', file)).href);
  const png = await page.screenshot({ fullPage: true });
  await page.close();
  return png;
}

/** The PNG cut at `height`, scaled by `scale`, in `format`. */
async function render(png, { format, height }, scale) {
  const [width, full] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const size = { width: Math.round(width * scale), height: Math.round(Math.min(full, height ?? full) * scale) };
  const page = await browser.newPage({ viewport: size, ...RUSSIAN });
  const source = `data:image/png;base64,${png.toString('base64')}`;
  await page.setContent(`<body style="margin:0"><img style="display:block;width:${size.width}px" src="${source}"></body>`);
  const image = await page.screenshot(format === 'jpg' ? { type: 'jpeg', quality: 80 } : { type: 'png' });
  await page.close();
  return image;
}

mkdirSync(join(root, 'docs', 'img'), { recursive: true });
for (const image of IMAGES) {
  const png = image.test ? readFileSync(join(root, 'out', 'screenshots', `${image.test}.png`)) : await pageShot(image);
  let data = await render(png, image, 1);
  for (let scale = 0.85; data.length > LIMIT; scale *= 0.85) data = await render(png, image, scale);
  const path = join('docs', 'img', `${image.name}.${image.format}`);
  writeFileSync(join(root, path), data);
  console.log(`${path}: ${Math.round(data.length / 1024)} КБ`);
}
await browser.close();
