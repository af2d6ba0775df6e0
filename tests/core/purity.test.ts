// The hexagon's rule: src/core is pure TypeScript — it imports nothing from the adapters or the local runtime
// and touches no Apps Script global.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '../../src/core');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const GLOBALS =
  /\b(SpreadsheetApp|FormApp|MailApp|GmailApp|PropertiesService|LockService|ScriptApp|HtmlService|CacheService|Session|Utilities|DriveApp|Logger)\./;

describe('src/core', () => {
  const sources = files(CORE).filter((f) => f.endsWith('.ts'));

  it.each(sources.map((f) => [f.slice(CORE.length + 1), f]))('%s imports no adapter and uses no Apps Script global', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((i) => /\/(gas|local)\//.test(i) || i.startsWith('node:'))).toEqual([]);
    expect(text.replace(/^\s*\/\/.*$/gm, '')).not.toMatch(GLOBALS);
  });
});
