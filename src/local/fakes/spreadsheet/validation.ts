import { Ctx } from '../context';
import { makeEnum, strictFake } from '../strict';

type S = typeof GoogleAppsScript.Spreadsheet;
export const DataValidationCriteria = makeEnum<S['DataValidationCriteria']>([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);

export interface ValidationData {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

type DV = GoogleAppsScript.Spreadsheet.DataValidation;
type DVB = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

class FakeDataValidation implements Pick<DV, 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText' | 'copy'> {
  constructor(
    readonly data: ValidationData,
    private readonly ctx: Ctx,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.data.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): any[] {
    return this.data.values.map((v) => (Array.isArray(v) ? [...v] : v));
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
  getHelpText(): string {
    return this.data.helpText as string;
  }
  copy(): DVB {
    return newDataValidationBuilder(this.ctx, { ...this.data, values: [...this.data.values] });
  }
}

export function makeDataValidation(ctx: Ctx, data: ValidationData): DV {
  return strictFake<DV>(new FakeDataValidation(data, ctx), 'DataValidation', 'SpreadsheetApp', ctx.env);
}

/** Raw data behind a DataValidation fake (for copying into cells and XLSX export). */
export function validationData(dv: DV): ValidationData {
  return (dv as unknown as FakeDataValidation).data;
}

type BuilderApi = Pick<
  DVB,
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireNumberBetween'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireTextIsEmail'
  | 'requireFormulaSatisfied'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'build'
  | 'getCriteriaType'
  | 'getCriteriaValues'
>;

class FakeDataValidationBuilder implements BuilderApi {
  proxy!: DVB;
  constructor(
    private readonly ctx: Ctx,
    private data: ValidationData,
  ) {}
  private set(criteria: string, values: unknown[]): DVB {
    this.data = { ...this.data, criteria, values };
    return this.proxy;
  }
  requireValueInList(values: string[], showDropdown?: boolean): DVB {
    if (!Array.isArray(values)) throw new Error('Invalid argument: values');
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown ?? true]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown?: boolean): DVB {
    return this.set('VALUE_IN_RANGE', [range, showDropdown ?? true]);
  }
  requireCheckbox(): DVB {
    return this.set('CHECKBOX', []);
  }
  requireDate(): DVB {
    return this.set('DATE_IS_VALID_DATE', []);
  }
  requireNumberBetween(start: number, end: number): DVB {
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): DVB {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextIsEmail(): DVB {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireFormulaSatisfied(formula: string): DVB {
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  setAllowInvalid(allowInvalidData: boolean): DVB {
    this.data.allowInvalid = allowInvalidData;
    return this.proxy;
  }
  setHelpText(helpText: string): DVB {
    this.data.helpText = helpText;
    return this.proxy;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.data.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): any[] {
    return [...this.data.values];
  }
  build(): DV {
    if (!this.data.criteria) throw new Error('You must specify a validation criteria.');
    return makeDataValidation(this.ctx, { ...this.data, values: [...this.data.values] });
  }
}

export function newDataValidationBuilder(ctx: Ctx, data?: ValidationData): DVB {
  const impl = new FakeDataValidationBuilder(ctx, data ?? { criteria: '', values: [], allowInvalid: true, helpText: null });
  impl.proxy = strictFake<DVB>(impl, 'DataValidationBuilder', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}

// ---- Conditional formatting -------------------------------------------------------------

export interface ConditionalRuleData {
  condition: string;
  values: unknown[];
  background?: string;
  fontColor?: string;
  bold?: boolean;
  ranges: GoogleAppsScript.Spreadsheet.Range[];
}

type CFR = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type CFRB = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

class FakeConditionalFormatRule implements Pick<CFR, 'getRanges'> {
  constructor(readonly data: ConditionalRuleData) {}
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return [...this.data.ranges];
  }
}

type CfrbApi = Pick<
  CFRB,
  | 'whenTextEqualTo'
  | 'whenTextContains'
  | 'whenNumberGreaterThanOrEqualTo'
  | 'whenNumberLessThan'
  | 'whenNumberGreaterThan'
  | 'whenFormulaSatisfied'
  | 'whenCellEmpty'
  | 'whenCellNotEmpty'
  | 'setBackground'
  | 'setFontColor'
  | 'setBold'
  | 'setRanges'
  | 'build'
>;

class FakeConditionalFormatRuleBuilder implements CfrbApi {
  proxy!: CFRB;
  data: ConditionalRuleData = { condition: '', values: [], ranges: [] };
  constructor(private readonly ctx: Ctx) {}
  private when(condition: string, values: unknown[]): CFRB {
    this.data.condition = condition;
    this.data.values = values;
    return this.proxy;
  }
  whenTextEqualTo(text: string): CFRB {
    return this.when('TEXT_EQUAL_TO', [text]);
  }
  whenTextContains(text: string): CFRB {
    return this.when('TEXT_CONTAINS', [text]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): CFRB {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): CFRB {
    return this.when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberLessThan(n: number): CFRB {
    return this.when('NUMBER_LESS_THAN', [n]);
  }
  whenFormulaSatisfied(formula: string): CFRB {
    return this.when('CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): CFRB {
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): CFRB {
    return this.when('CELL_NOT_EMPTY', []);
  }

  setBackground(color: string | null): CFRB {
    this.data.background = color ?? undefined;
    return this.proxy;
  }
  setFontColor(color: string | null): CFRB {
    this.data.fontColor = color ?? undefined;
    return this.proxy;
  }
  setBold(bold: boolean | null): CFRB {
    this.data.bold = bold ?? undefined;
    return this.proxy;
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): CFRB {
    if (!Array.isArray(ranges)) throw new Error('Invalid argument: ranges');
    this.data.ranges = [...ranges];
    return this.proxy;
  }
  build(): CFR {
    if (!this.data.condition) throw new Error('A boolean condition must be set.');
    if (this.data.ranges.length === 0) throw new Error('Conditional format rule must have at least one range.');
    return strictFake<CFR>(
      new FakeConditionalFormatRule({ ...this.data, ranges: [...this.data.ranges] }),
      'ConditionalFormatRule',
      'SpreadsheetApp',
      this.ctx.env,
    );
  }
}

export function newConditionalFormatRuleBuilder(ctx: Ctx): CFRB {
  const impl = new FakeConditionalFormatRuleBuilder(ctx);
  impl.proxy = strictFake<CFRB>(impl, 'ConditionalFormatRuleBuilder', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}
