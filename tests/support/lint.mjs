// ESLint is ESM with an ESM config, which jest's CommonJS runtime cannot import: the tests run it here, in a child
// Node. Reads {files?: string[], texts?: [{code, file}]} on stdin; prints [{file, messages: [{ruleId, line, message}]}].
import { ESLint } from 'eslint';

const input = JSON.parse(
  await new Promise((done) => {
    let text = '';
    process.stdin.on('data', (c) => (text += c)).on('end', () => done(text));
  }),
);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [
  ...(input.files?.length ? await eslint.lintFiles(input.files) : []),
  ...(await Promise.all((input.texts ?? []).map(async (t) => (await eslint.lintText(t.code, { filePath: t.file }))[0]))),
];
const shown = results.map((r) => ({
  file: r.filePath,
  messages: r.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })),
}));
process.stdout.write(JSON.stringify(shown));
