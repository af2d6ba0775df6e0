import { Ctx } from '../context';
import { strictFake } from '../strict';
import { ProtectionType } from './extras';
import { DeveloperMetadataVisibility } from './metadata';
import { FakeSpreadsheet, makeSpreadsheet } from './spreadsheet';
import { Button, ButtonSet, createUi } from './ui';
import { DataValidationCriteria, newConditionalFormatRuleBuilder, newDataValidationBuilder } from './validation';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** All spreadsheets of one local runtime (the "Drive"), plus the active (bound) one. */
export class SpreadsheetRegistry {
  readonly all: FakeSpreadsheet[] = [];
  active: FakeSpreadsheet | null = null;
  constructor(private readonly ctx: Ctx) {}
  create(name: string, rows?: number, columns?: number): FakeSpreadsheet {
    const ss = makeSpreadsheet(this.ctx, name, rows, columns);
    this.all.push(ss);
    return ss;
  }
  byId(id: string): FakeSpreadsheet | undefined {
    return this.all.find((s) => s.id === id);
  }
}

type AppApi = Pick<
  App,
  | 'create'
  | 'openById'
  | 'openByUrl'
  | 'getActiveSpreadsheet'
  | 'getActive'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getUi'
  | 'flush'
  | 'newDataValidation'
  | 'newConditionalFormatRule'
  | 'setActiveSpreadsheet'
>;

class FakeSpreadsheetApp implements AppApi {
  DataValidationCriteria = DataValidationCriteria;
  ProtectionType = ProtectionType;
  DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  // Spreadsheet-bound scripts see these via SpreadsheetApp too (e.g. SpreadsheetApp.getUi().Button).
  Button = Button;
  ButtonSet = ButtonSet;
  private readonly ui: GoogleAppsScript.Base.Ui;
  constructor(
    private readonly ctx: Ctx,
    private readonly reg: SpreadsheetRegistry,
  ) {
    this.ui = createUi(ctx);
  }
  /** The first sheet has the given grid (Google's default 1000 × 26 otherwise). */
  create(name: string, rows?: number, columns?: number): Spreadsheet {
    if (rows !== undefined && (!Number.isInteger(rows) || rows < 1)) throw new Error('Invalid argument: rows');
    if (columns !== undefined && (!Number.isInteger(columns) || columns < 1)) throw new Error('Invalid argument: columns');
    return this.reg.create(name, rows, columns).proxy;
  }
  /**
   * Google's messages: an ID that names no file, a file deleted since (Google adds that it may be unreadable), and a
   * file that exists but is not shared with the user the script runs as.
   */
  openById(id: string): Spreadsheet {
    const ss = this.reg.byId(id);
    if (!ss) throw new Error(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    if (ss.deleted) throw new Error(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
    if (!ss.canOpen(this.ctx.activeUserEmail)) throw new Error('You do not have permission to access the requested document.');
    return ss.proxy;
  }
  openByUrl(url: string): Spreadsheet {
    const m = /\/d\/([^/]+)/.exec(url);
    return this.openById(m ? m[1]! : url);
  }
  getActiveSpreadsheet(): Spreadsheet {
    return this.reg.active?.proxy as Spreadsheet; // null outside a bound context, as in Google
  }
  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }
  setActiveSpreadsheet(newActiveSpreadsheet: Spreadsheet): void {
    const ss = this.reg.byId(newActiveSpreadsheet.getId());
    if (ss) this.reg.active = ss;
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.getActiveSpreadsheet().getActiveSheet();
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.getActiveSpreadsheet().getActiveRange() as GoogleAppsScript.Spreadsheet.Range;
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return this.ui;
  }
  flush(): void {
    // Writes are synchronous locally.
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return newDataValidationBuilder(this.ctx);
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return newConditionalFormatRuleBuilder(this.ctx);
  }
}

export function createSpreadsheetApp(ctx: Ctx, reg: SpreadsheetRegistry): App {
  return strictFake<App>(new FakeSpreadsheetApp(ctx, reg), 'SpreadsheetApp', 'SpreadsheetApp', ctx.env);
}
