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
const CELL = 'padding:4px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top';

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
    case 'table': {
      const align = (c: number) => (block.numeric[c] ? 'text-align:right;white-space:nowrap' : 'text-align:left');
      const head = block.columns
        .map((h, c) => `<th style="${CELL};${align(c)};color:#5f6368;font-size:12px">${escapeHtml(h)}</th>`)
        .join('');
      const rows = block.rows
        .map((row) => {
          const cells = row.map((raw, c) => {
            const cell = cellOf(raw);
            const tone = cell.tone ? `${TONE_STYLE[cell.tone]};white-space:nowrap` : '';
            return `<td style="${CELL};${align(c)};${tone}">${escapeHtml(cell.text)}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('');
      return `<table style="border-collapse:collapse;width:100%;font-size:13px;margin:6px 0" cellspacing="0"><tr>${head}</tr>${rows}</table>`;
    }
  }
}

export function renderHtml(doc: DigestDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f1f3f4;${FONT};color:#202124">`,
    `<div style="max-width:720px;margin:0 auto;padding:16px 20px;background:#ffffff;font-size:14px;line-height:1.45">`,
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
