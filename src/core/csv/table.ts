// Parsing of CSV files as Google Forms / Google Sheets / Excel write them (SPEC §3–§4).
// Pure: runs in Node and in the Apps Script V8 runtime (no Node APIs).
import Papa from 'papaparse';

export interface CsvTable {
  /** Header cells, trimmed. */
  headers: string[];
  /**
   * Data rows (header excluded, empty lines skipped). Every row has at least `headers.length` cells (short rows are
   * padded with ''); extra non-empty cells beyond the header are kept, extra empty ones are dropped.
   */
  rows: string[][];
  /**
   * The line Excel shows for each row of `rows` (the header is line 1; blank lines count, a quoted multi-line cell
   * is one line): what a message names as «строка N». Absent: rows follow the header without gaps (line = index + 2).
   */
  lines?: number[];
}

/** The line a methodist sees in Excel for the table's `index`-th data row (0-based). */
export const lineOf = (table: CsvTable, index: number): number => table.lines?.[index] ?? index + 2;

/** The text is not a CSV table we can read. The message is Russian and can be shown to a methodist as is. */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
    Object.setPrototypeOf(this, CsvFormatError.prototype);
  }
}

interface HeaderScan {
  line: string;
  commas: number;
  semicolons: number;
  tabs: number;
}

/** The first logical line (quotes respected) with the count of each candidate delimiter outside quotes. */
function scanHeader(text: string): HeaderScan {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes; // a doubled quote toggles twice: net effect nil
      continue;
    }
    if (inQuotes) continue;
    if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
    else if (ch === '\t') tabs++;
    else if (ch === '\n') return { line: text.slice(0, i), commas, semicolons, tabs };
  }
  return { line: text, commas, semicolons, tabs };
}

const preview = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `«${one.slice(0, 60)}…»` : `«${one}»`;
};

/** Text that is evidently not a one-column CSV: markup, JSON, a spreadsheet or PDF opened as text, a tab-separated file. */
function looksLikeSomethingElse(scan: HeaderScan): string | null {
  const line = scan.line.trim();
  if (scan.tabs > 0) return 'столбцы разделены табуляцией (сохраните файл как CSV с разделителем «,» или «;»)';
  if (/^(<|\{|\[|%PDF|PK)/i.test(line)) return `первая строка ${preview(line)} похожа на HTML, JSON или другой формат`;
  if (line.length > 200) return `в первой строке нет разделителей «,» или «;»: ${preview(line)}`;
  return null;
}

/**
 * Parses CSV text into a header and rows. The delimiter is the one a first line «sep=;» names (Excel writes and hides
 * that line: the header is still line 1), else «,» or «;», whichever splits the header line into more fields outside
 * quotes (comma on a tie). Quoted fields may hold delimiters, doubled quotes and line breaks.
 * Throws CsvFormatError for an empty or binary file, or one that plainly is not CSV.
 */
export function parseCsvTable(text: string): CsvTable {
  if (typeof text !== 'string') throw new CsvFormatError('Файл не похож на CSV: содержимое не является текстом.');
  let body = text.replace(/^\uFEFF+/, '');
  if (body.indexOf('\u0000') >= 0) {
    throw new CsvFormatError('Файл не похож на CSV: он двоичный (например, XLSX или PDF). Скачайте ответы в формате CSV.');
  }
  if (!body.trim()) throw new CsvFormatError('Файл не похож на CSV: он пустой.');
  // Excel, Google and hand edits mix CRLF, LF and CR in one file (a CRLF header above LF rows): every line break
  // becomes LF before parsing, so no row is glued to the next. Quoted multi-line answers keep their breaks as LF.
  body = body.replace(/\r\n?/g, '\n');
  // Excel's «sep=;» line (after a BOM, if any) names the delimiter; it is no header and Excel does not show it.
  const sep = /^sep=([,;\t|])[ \t]*(?:\n|$)/i.exec(body);
  if (sep) body = body.slice(sep[0].length);
  // Leading blank lines are not a header (Excel still shows them: they shift every line's number).
  const leading = /^(?:[ \t]*\n)+/.exec(body)?.[0] ?? '';
  const skipped = leading.split('\n').length - 1;
  body = body.slice(leading.length);

  if (!body.trim()) throw new CsvFormatError('Файл не похож на CSV: в нём нет строки заголовков.');
  const scan = scanHeader(body);
  if (!sep && scan.commas === 0 && scan.semicolons === 0) {
    const reason = looksLikeSomethingElse(scan);
    if (reason) throw new CsvFormatError(`Файл не похож на CSV: ${reason}.`);
  }
  const delimiter = sep ? sep[1] : scan.semicolons > scan.commas ? ';' : ',';

  const result = Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false, // blank lines are dropped below, after each row's line is known
  });
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const row = typeof unclosed.row === 'number' ? ` (строка ${unclosed.row + 1 + skipped})` : '';
    throw new CsvFormatError(`Файл не похож на CSV: кавычка не закрыта${row}.`);
  }
  const data = result.data;
  if (!data.length) throw new CsvFormatError('Файл не похож на CSV: в нём нет строки заголовков.');

  const headers = data[0].map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  // Google and Excel sometimes leave empty trailing header cells; they carry nothing.
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();
  if (headers.every((h) => h === '')) throw new CsvFormatError('Файл не похож на CSV: строка заголовков пустая.');

  const width = headers.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let r = 1; r < data.length; r++) {
    if (data[r].every((c) => c.trim() === '')) continue;
    lines.push(r + 1 + skipped);
    const cells = data[r].slice();
    while (cells.length > width && cells[cells.length - 1].trim() === '') cells.pop();
    while (cells.length < width) cells.push('');
    rows.push(cells);
  }
  return { headers, rows, lines };
}
