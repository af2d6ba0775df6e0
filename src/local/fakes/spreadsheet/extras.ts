import { Ctx } from '../context';
import { makeEnum, strictFake } from '../strict';

type S = typeof GoogleAppsScript.Spreadsheet;
export const ProtectionType = makeEnum<S['ProtectionType']>(['RANGE', 'SHEET']);

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type ProtectionApi = Pick<
  Protection,
  | 'setDescription'
  | 'getDescription'
  | 'setWarningOnly'
  | 'isWarningOnly'
  | 'removeEditors'
  | 'removeEditor'
  | 'addEditor'
  | 'addEditors'
  | 'getEditors'
  | 'getRange'
  | 'remove'
  | 'getProtectionType'
  | 'setUnprotectedRanges'
  | 'getUnprotectedRanges'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'canEdit'
>;

class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
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
  setDescription(description: string): Protection {
    this.description = description;
    return this.proxy;
  }
  getDescription(): string {
    return this.description;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.warningOnly = warningOnly;
    return this.proxy;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  setDomainEdit(editable: boolean): Protection {
    this.domainEdit = editable;
    return this.proxy;
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  canEdit(): boolean {
    return this.editors.includes(this.ctx.activeUserEmail);
  }
  addEditor(u: any): Protection {
    const e = emailOf(u);
    if (!this.editors.includes(e)) this.editors.push(e);
    return this.proxy;
  }
  addEditors(emails: string[]): Protection {
    for (const e of emails) this.addEditor(e);
    return this.proxy;
  }
  removeEditor(u: any): Protection {
    const e = emailOf(u);
    this.editors = this.editors.filter((x) => x !== e);
    return this.proxy;
  }
  removeEditors(u: any[]): Protection {
    const drop = new Set(u.map(emailOf));
    // The owner can never be removed from a protection.
    this.editors = this.editors.filter((x) => !drop.has(x) || x === this.ctx.activeUserEmail);
    return this.proxy;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this.editors.map((e) => makeUser(this.ctx, e));
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.range;
  }
  remove(): void {
    this.onRemove(this);
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): Protection {
    if (this.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on sheet protections.');
    this.unprotected = [...ranges];
    return this.proxy;
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return [...this.unprotected];
  }
}

export function makeProtection(
  ctx: Ctx,
  type: 'RANGE' | 'SHEET',
  range: GoogleAppsScript.Spreadsheet.Range,
  onRemove: (p: FakeProtection) => void,
): FakeProtection {
  const impl = new FakeProtection(ctx, type, range, onRemove);
  impl.proxy = strictFake<Protection>(impl, 'Protection', 'SpreadsheetApp', ctx.env);
  return impl;
}

// ---- Charts ------------------------------------------------------------------------------
// Modelled on Google's reference (developers.google.com/apps-script/reference/spreadsheet/embedded-chart,
// …/embedded-chart-builder, …/container-info): a builder records the type, the data ranges, the options, the number
// of header rows and the position (anchor row and column, 1-based, and a pixel offset); build() needs a type; a chart
// gets its id when a sheet inserts it (getChartId() is null before: «null if the chart is not in a spreadsheet»);
// changes to a built chart reach the sheet only through updateChart. Google does not document a default position:
// the fake anchors an unpositioned chart at A1 and refuses an anchor outside the sheet's grid.

type C = typeof GoogleAppsScript.Charts;
export const ChartType = makeEnum<C['ChartType']>([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);

export interface ChartPosition {
  row: number;
  col: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartData {
  /** Set when a sheet inserts the chart. */
  id: number | null;
  type: string;
  ranges: GoogleAppsScript.Spreadsheet.Range[];
  position?: ChartPosition;
  options: Record<string, unknown>;
  /** setNumHeaders; -1 = Sheets guesses (Google's default). */
  numHeaders: number;
}

type EC = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ECB = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ContainerInfo = GoogleAppsScript.Spreadsheet.ContainerInfo;

const DEFAULT_POSITION: ChartPosition = { row: 1, col: 1, offsetX: 0, offsetY: 0 };
const copyData = (d: ChartData): ChartData => ({
  ...d,
  ranges: [...d.ranges],
  options: { ...d.options },
  position: d.position && { ...d.position },
});

function containerInfo(ctx: Ctx, p: ChartPosition): ContainerInfo {
  const info: Pick<ContainerInfo, 'getAnchorRow' | 'getAnchorColumn' | 'getOffsetX' | 'getOffsetY'> = {
    getAnchorRow: () => p.row,
    getAnchorColumn: () => p.col,
    getOffsetX: () => p.offsetX,
    getOffsetY: () => p.offsetY,
  };
  return strictFake<ContainerInfo>(info, 'ContainerInfo', 'SpreadsheetApp', ctx.env);
}

class FakeEmbeddedChart implements Pick<EC, 'getChartId' | 'getRanges' | 'getOptions' | 'modify' | 'getContainerInfo' | 'getNumHeaders'> {
  constructor(
    readonly data: ChartData,
    private readonly ctx: Ctx,
  ) {}
  getChartId(): number {
    return this.data.id as number;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return [...this.data.ranges];
  }
  getNumHeaders(): number {
    return this.data.numHeaders;
  }
  getContainerInfo(): ContainerInfo {
    return containerInfo(this.ctx, this.data.position ?? DEFAULT_POSITION);
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const o = this.data.options;
    return strictFake<GoogleAppsScript.Charts.ChartOptions>(
      { get: (k: string) => o[k] ?? null },
      'ChartOptions',
      'SpreadsheetApp',
      this.ctx.env,
    );
  }
  modify(): ECB {
    return newChartBuilder(this.ctx, copyData(this.data));
  }
}

export function chartData(c: EC): ChartData {
  return (c as unknown as FakeEmbeddedChart).data;
}

/** A built chart as a sheet holds it: positioned within the grid, with its id. */
export function placeChart(chart: EC, maxRows: number, maxCols: number, nextId: () => number): EC {
  const data = chartData(chart);
  const p = data.position ?? DEFAULT_POSITION;
  if (p.row < 1 || p.col < 1 || p.row > maxRows || p.col > maxCols) throw new Error(OUTSIDE_GRID);
  data.position = p;
  data.id ??= nextId();
  return chart;
}
const OUTSIDE_GRID = 'The coordinates of the range are outside the dimensions of the sheet.';

type EcbApi = Pick<
  ECB,
  | 'setChartType'
  | 'getChartType'
  | 'addRange'
  | 'removeRange'
  | 'clearRanges'
  | 'getRanges'
  | 'setPosition'
  | 'getContainer'
  | 'setOption'
  | 'setNumHeaders'
  | 'build'
  | 'asBarChart'
  | 'asColumnChart'
  | 'asLineChart'
  | 'asPieChart'
>;

class FakeChartBuilder implements EcbApi {
  proxy!: ECB;
  constructor(
    private readonly ctx: Ctx,
    readonly data: ChartData,
  ) {}
  setChartType(type: GoogleAppsScript.Charts.ChartType): ECB {
    this.data.type = String(type);
    return this.proxy;
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this.data.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  addRange(range: GoogleAppsScript.Spreadsheet.Range): ECB {
    this.data.ranges.push(range);
    return this.proxy;
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): ECB {
    const a1 = range.getA1Notation();
    this.data.ranges = this.data.ranges.filter(
      (r) => r.getA1Notation() !== a1 || r.getSheet().getSheetId() !== range.getSheet().getSheetId(),
    );
    return this.proxy;
  }
  clearRanges(): ECB {
    this.data.ranges = [];
    return this.proxy;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return [...this.data.ranges];
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): ECB {
    this.data.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this.proxy;
  }
  getContainer(): ContainerInfo {
    return containerInfo(this.ctx, this.data.position ?? DEFAULT_POSITION);
  }
  setOption(option: string, value: any): ECB {
    this.data.options[option] = value;
    return this.proxy;
  }
  setNumHeaders(headers: number): ECB {
    this.data.numHeaders = headers;
    return this.proxy;
  }
  // Typed builders keep the same recorder: the fake does not distinguish builder subtypes.
  asBarChart(): any {
    this.data.type = 'BAR';
    return this.proxy;
  }
  asColumnChart(): any {
    this.data.type = 'COLUMN';
    return this.proxy;
  }
  asLineChart(): any {
    this.data.type = 'LINE';
    return this.proxy;
  }
  asPieChart(): any {
    this.data.type = 'PIE';
    return this.proxy;
  }
  build(): EC {
    if (!this.data.type) throw new Error('Chart type must be set.');
    return strictFake<EC>(new FakeEmbeddedChart(copyData(this.data), this.ctx), 'EmbeddedChart', 'SpreadsheetApp', this.ctx.env);
  }
}

export function newChartBuilder(ctx: Ctx, data?: ChartData): ECB {
  const impl = new FakeChartBuilder(ctx, data ?? { id: null, type: '', ranges: [], options: {}, numHeaders: -1 });
  impl.proxy = strictFake<ECB>(impl, 'EmbeddedChartBuilder', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}
