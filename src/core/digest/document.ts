// A digest as a small document (headings, paragraphs, tables, lists, a link), rendered twice: an HTML e-mail
// (inline styles only — mail clients drop <style> and never run scripts) and its plain-text alternative. Every
// value passes through `escapeHtml` here and nowhere else, so a name like «<img src=x onerror=…>» arrives as text.

export type Tone = 'good' | 'bad' | 'muted';

export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
}

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly tone?: Tone }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      /** Right-aligned columns (numbers). */
      readonly numeric: readonly boolean[];
      readonly rows: readonly (readonly (string | Cell)[])[];
    }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'link'; readonly label: string; readonly url: string };

export interface DigestDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly blocks: readonly Block[];
  readonly footer: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const cellOf = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c);
const isHttps = (url: string) => /^https:\/\/[^\s"'<>]+$/i.test(url);

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const TONE_STYLE: Record<Tone, string> = {
  good: 'color:#0d652d;font-weight:bold',
  bad: 'color:#a50e0e;font-weight:bold',
  muted: 'color:#5f6368',
};
const CELL = 'padding:4px 6px;vertical-align:top';
const LINE = 'border-bottom:1px solid #e0e0e0';
const HEAD = 'color:#5f6368;font-size:12px;font-weight:bold';

/** From this many columns a table's rows are stacked: a phone (390 px) has room for three or four narrow cells. */
const STACK_FROM = 4;

type TableBlock = Extract<Block, { kind: 'table' }>;

/**
 * A table as mail clients show it without <style> (some strip it, none run media queries): no fixed widths, cells
 * that wrap. A wide table is stacked: each row becomes two lines of one table — the leading text columns (a code,
 * a name) across the width, the figures and the status under them — so that it reads at 390 px as at 600 px.
 */
function htmlTable(block: TableBlock): string {
  const cell = (tag: 'td' | 'th', raw: string | Cell, style: string, span = 1) => {
    const { text, tone } = cellOf(raw);
    const colspan = span > 1 ? ` colspan="${span}"` : '';
    return `<${tag}${colspan} style="${CELL};${style}${tone ? `;${TONE_STYLE[tone]}` : ''}">${escapeHtml(text)}</${tag}>`;
  };
  const align = (c: number) => (block.numeric[c] ? 'text-align:right' : 'text-align:left');
  const plain = (row: readonly (string | Cell)[], tag: 'td' | 'th', style: string) =>
    `<tr>${row.map((raw, c) => cell(tag, raw, `${align(c)};${LINE};${style}`)).join('')}</tr>`;
  // The leading text columns name a row (as in the plain text); a table without figures is named by its first.
  const lead = block.numeric.indexOf(true) > 0 ? block.numeric.indexOf(true) : 1;
  const stacked = (row: readonly (string | Cell)[], tag: 'td' | 'th', style: string) => {
    const rest = row.slice(lead);
    const figures = rest.map((raw, c) => cell(tag, raw, `${align(lead + c)};${LINE};${style}`));
    if (lead === 1) return `<tr>${cell(tag, row[0] ?? '', `text-align:left;${style}`, rest.length)}</tr><tr>${figures.join('')}</tr>`;
    const name = row
      .slice(1, lead)
      .map((raw) => cellOf(raw).text)
      .join(' ');
    return (
      `<tr>${cell(tag, row[0] ?? '', `text-align:left;${style}`)}${cell(tag, name, `text-align:left;${style}`, rest.length)}</tr>` +
      `<tr>${cell(tag, '', `${LINE};${style}`)}${figures.join('')}</tr>`
    );
  };
  const line = block.columns.length >= STACK_FROM ? stacked : plain;
  const rows = [line(block.columns, 'th', HEAD), ...block.rows.map((row) => line(row, 'td', ''))];
  return `<table style="border-collapse:collapse;width:100%;font-size:13px;margin:6px 0" cellspacing="0">${rows.join('')}</table>`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h2 style="${FONT};font-size:16px;margin:20px 0 8px;color:#174ea6">${escapeHtml(block.text)}</h2>`;
    case 'text':
      return `<p style="margin:6px 0;${block.tone ? TONE_STYLE[block.tone] : ''}">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="margin:6px 0;padding-left:20px">${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'link':
      return isHttps(block.url)
        ? `<p style="margin:12px 0"><a href="${escapeHtml(block.url)}" style="color:#1a73e8">${escapeHtml(block.label)}</a></p>`
        : `<p style="margin:12px 0">${escapeHtml(`${block.label}: ${block.url}`)}</p>`;
    case 'table':
      return htmlTable(block);
  }
}

export function renderHtml(doc: DigestDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f1f3f4;${FONT};color:#202124">`,
    // One column up to 600 px, as narrow as the screen below that; a long address or link breaks, never widens it.
    `<div style="max-width:600px;margin:0 auto;padding:16px 12px;background:#ffffff;font-size:14px;line-height:1.45;overflow-wrap:break-word;word-wrap:break-word">`,
    `<h1 style="${FONT};font-size:20px;margin:4px 0">${escapeHtml(doc.title)}</h1>`,
    `<p style="margin:0 0 8px;${TONE_STYLE.muted}">${escapeHtml(doc.subtitle)}</p>`,
    ...doc.blocks.map(htmlBlock),
    `<p style="margin:24px 0 0;font-size:12px;${TONE_STYLE.muted}">${escapeHtml(doc.footer)}</p>`,
    '</div></body></html>',
  ].join('\n');
}

/** Wider than this, a plain-text table is written row by row: mail clients wrap long lines. */
const TEXT_WIDTH = 100;

function textTable(block: Extract<Block, { kind: 'table' }>): string[] {
  const body = block.rows.map((r) => r.map((c) => cellOf(c).text));
  const rows = [block.columns, ...body];
  const widths = block.columns.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  if (widths.reduce((a, b) => a + b + 2, 0) > TEXT_WIDTH) {
    // The leading text columns name the row; the others follow as «Заголовок: значение».
    const lead = Math.max(1, block.numeric.indexOf(true));
    return body.flatMap((r) => [
      r.slice(0, lead).join('  '),
      `    ${r
        .slice(lead)
        .map((cell, c) => `${block.columns[lead + c]}: ${cell}`)
        .join(' · ')}`,
    ]);
  }
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (block.numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return rows.map(line);
}

function textBlock(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return ['', block.text, '-'.repeat(block.text.length)];
    case 'text':
      return [block.text];
    case 'list':
      return block.items.map((i) => `  • ${i}`);
    case 'link':
      return ['', `${block.label}: ${block.url}`];
    case 'table':
      return textTable(block);
  }
}

export function renderText(doc: DigestDocument): string {
  return [doc.title, '='.repeat(doc.title.length), doc.subtitle, ...doc.blocks.flatMap(textBlock), '', doc.footer, ''].join('\n');
}
