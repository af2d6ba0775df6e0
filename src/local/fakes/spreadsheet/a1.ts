export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function colToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(r: GridRef): string {
  const a = `${colToLetters(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return a;
  return `${a}:${colToLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

const PART = /^\$?([A-Za-z]*)\$?(\d*)$/;

/** Parses 'A1', 'A1:C10', 'B2:B', 'A:C', '2:5' (optionally "'Sheet'!A1") against the grid size. */
export function parseA1(a1: string, maxRows: number, maxCols: number): { sheetName?: string; ref: GridRef } {
  let text = a1.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = text
      .slice(0, bang)
      .replace(/^'(.*)'$/, '$1')
      .replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  const [p1, p2] = text.split(':');
  const m1 = PART.exec(p1 ?? '');
  const m2 = p2 === undefined ? m1 : PART.exec(p2);
  if (!m1 || !m2 || (!m1[1] && !m1[2])) throw new Error('Range not found');
  const c1 = m1[1] ? lettersToCol(m1[1]) : 1;
  const r1 = m1[2] ? Number(m1[2]) : 1;
  const c2 = m2[1] ? lettersToCol(m2[1]) : p2 === undefined ? c1 : maxCols;
  const r2 = m2[2] ? Number(m2[2]) : p2 === undefined ? r1 : maxRows;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return {
    sheetName,
    ref: { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 },
  };
}
