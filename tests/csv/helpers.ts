import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'google-export');
export const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
