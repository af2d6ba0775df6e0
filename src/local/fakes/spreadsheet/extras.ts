import { Ctx } from '../context';
import { makeEnum, strictFake } from '../strict';

type S = typeof GoogleAppsScript.Spreadsheet;
export const ProtectionType = makeEnum<S['ProtectionType']>(['RANGE', 'SHEET']);

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type ProtectionApi = Pick<Protection, 'setDescription' | 'getDescription' | 'setWarningOnly' | 'isWarningOnly' |
  'removeEditors' | 'removeEditor' | 'addEditor' | 'addEditors' | 'getEditors' | 'getRange' | 'remove' | 'getProtectionType' |
  'setUnprotectedRanges' | 'getUnprotectedRanges' | 'canDomainEdit' | 'setDomainEdit' | 'canEdit'>;

class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {}
  getEmail(): string { return this.email; }
}
export function makeUser(ctx: Ctx, email: string): GoogleAppsScript.Base.User {
  return strictFake(new FakeUser(email), 'User', 'Session', ctx.env);
}

function emailOf(u: string | GoogleAppsScript.Base.User): string {
  return typeof u === 'string' ? u : u.getEmail();
}

export class FakeProtection implements ProtectionApi {
  proxy!: Protection;
  description = '';
  warningOnly = false;
  domainEdit = true;
  editors: string[];
  unprotected: GoogleAppsScript.Spreadsheet.Range[] = [];
  constructor(
    private readonly ctx: Ctx,
    readonly type: 'RANGE' | 'SHEET',
    readonly range: GoogleAppsScript.Spreadsheet.Range,
    private readonly onRemove: (p: FakeProtection) => void,
  ) {
    // Google keeps the effective user (the script owner) as editor of a new protection.
    this.editors = [ctx.activeUserEmail];
  }
  setDescription(description: string): Protection { this.description = description; return this.proxy; }
  getDescription(): string { return this.description; }
  setWarningOnly(warningOnly: boolean): Protection { this.warningOnly = warningOnly; return this.proxy; }
  isWarningOnly(): boolean { return this.warningOnly; }
  setDomainEdit(editable: boolean): Protection { this.domainEdit = editable; return this.proxy; }
  canDomainEdit(): boolean { return this.domainEdit; }
  canEdit(): boolean { return this.editors.includes(this.ctx.activeUserEmail); }
  addEditor(u: any): Protection { const e = emailOf(u); if (!this.editors.includes(e)) this.editors.push(e); return this.proxy; }
  addEditors(emails: string[]): Protection { for (const e of emails) this.addEditor(e); return this.proxy; }
  removeEditor(u: any): Protection { const e = emailOf(u); this.editors = this.editors.filter((x) => x !== e); return this.proxy; }
  removeEditors(u: any[]): Protection {
    const drop = new Set(u.map(emailOf));
    // The owner can never be removed from a protection.
    this.editors = this.editors.filter((x) => !drop.has(x) || x === this.ctx.activeUserEmail);
    return this.proxy;
  }
  getEditors(): GoogleAppsScript.Base.User[] { return this.editors.map((e) => makeUser(this.ctx, e)); }
  getRange(): GoogleAppsScript.Spreadsheet.Range { return this.range; }
  remove(): void { this.onRemove(this); }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): Protection {
    if (this.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on sheet protections.');
    this.unprotected = [...ranges];
    return this.proxy;
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] { return [...this.unprotected]; }
}

export function makeProtection(ctx: Ctx, type: 'RANGE' | 'SHEET', range: GoogleAppsScript.Spreadsheet.Range,
  onRemove: (p: FakeProtection) => void): FakeProtection {
  const impl = new FakeProtection(ctx, type, range, onRemove);
  impl.proxy = strictFake<Protection>(impl, 'Protection', 'SpreadsheetApp', ctx.env);
  return impl;
}

// ---- Charts ------------------------------------------------------------------------------

type C = typeof GoogleAppsScript.Charts;
export const ChartType = makeEnum<C['ChartType']>(['TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN',
  'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA',
  'TABLE', 'TREEMAP', 'WATERFALL']);

export interface ChartData {
  id: number;
  type: string;
  ranges: GoogleAppsScript.Spreadsheet.Range[];
  position?: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

type EC = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ECB = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

class FakeEmbeddedChart implements Pick<EC, 'getChartId' | 'getRanges' | 'getOptions' | 'modify'> {
  constructor(readonly data: ChartData, private readonly ctx: Ctx) {}
  getChartId(): number { return this.data.id; }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] { return [...this.data.ranges]; }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const o = this.data.options;
    return strictFake<GoogleAppsScript.Charts.ChartOptions>({ get: (k: string) => o[k] ?? null }, 'ChartOptions', 'SpreadsheetApp', this.ctx.env);
  }
  modify(): ECB { return newChartBuilder(this.ctx, { ...this.data, ranges: [...this.data.ranges], options: { ...this.data.options } }); }
}

export function chartData(c: EC): ChartData {
  return (c as unknown as FakeEmbeddedChart).data;
}

type EcbApi = Pick<ECB, 'setChartType' | 'addRange' | 'setPosition' | 'setOption' | 'build' | 'asBarChart' | 'asColumnChart' | 'asLineChart' | 'asPieChart'>;

let chartSeq = 1000;
class FakeChartBuilder implements EcbApi {
  proxy!: ECB;
  constructor(private readonly ctx: Ctx, readonly data: ChartData) {}
  setChartType(type: GoogleAppsScript.Charts.ChartType): ECB { this.data.type = String(type); return this.proxy; }
  addRange(range: GoogleAppsScript.Spreadsheet.Range): ECB { this.data.ranges.push(range); return this.proxy; }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): ECB {
    this.data.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this.proxy;
  }
  setOption(option: string, value: any): ECB { this.data.options[option] = value; return this.proxy; }
  // Typed builders keep the same recorder: the fake does not distinguish builder subtypes.
  asBarChart(): any { this.data.type = 'BAR'; return this.proxy; }
  asColumnChart(): any { this.data.type = 'COLUMN'; return this.proxy; }
  asLineChart(): any { this.data.type = 'LINE'; return this.proxy; }
  asPieChart(): any { this.data.type = 'PIE'; return this.proxy; }
  build(): EC {
    if (!this.data.type) throw new Error('Chart type must be set.');
    return strictFake<EC>(new FakeEmbeddedChart({ ...this.data, ranges: [...this.data.ranges], options: { ...this.data.options } }, this.ctx),
      'EmbeddedChart', 'SpreadsheetApp', this.ctx.env);
  }
}

export function newChartBuilder(ctx: Ctx, data?: ChartData): ECB {
  const impl = new FakeChartBuilder(ctx, data ?? { id: ++chartSeq, type: '', ranges: [], options: {} });
  impl.proxy = strictFake<ECB>(impl, 'EmbeddedChartBuilder', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}
