import { Ctx } from './context';
import { isDate } from './realm';
import { SpreadsheetRegistry } from './spreadsheet/app';
import { FakeSheet } from './spreadsheet/sheet';
import { coerceInput, storedText, ValuePool } from './spreadsheet/values';
import { makeEnum, strictFake, unwrap } from './strict';
import { TriggerRegistry } from './triggers';
import { formatDate } from './utilities';

type F = typeof GoogleAppsScript.Forms;
export const DestinationType = makeEnum<F['DestinationType']>(['SPREADSHEET']);
export const ItemType = makeEnum<F['ItemType']>([
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
  'RATING',
]);

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type FormResponse = GoogleAppsScript.Forms.FormResponse;
type ItemResponse = GoogleAppsScript.Forms.ItemResponse;
type Kind = 'TEXT' | 'PARAGRAPH_TEXT' | 'LIST' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'DATE';
export type Answer = string | string[] | Date;

export const INVALID_RESPONSE = 'Invalid response submitted to item.';
const TYPED_CLASS: Record<Kind, string> = {
  TEXT: 'TextItem',
  PARAGRAPH_TEXT: 'ParagraphTextItem',
  LIST: 'ListItem',
  MULTIPLE_CHOICE: 'MultipleChoiceItem',
  CHECKBOX: 'CheckboxItem',
  DATE: 'DateItem',
};

// ---- Items ---------------------------------------------------------------------------------

let itemSeq = 100000;

/** One implementation serves Item and every typed item; `as*()` checks the kind like Google. */
export class FakeItem {
  readonly id = ++itemSeq;
  title = '';
  helpText = '';
  required = false;
  choices: string[] = [];
  private readonly proxies = new Map<string, unknown>();
  constructor(
    private readonly ctx: Ctx,
    readonly form: FakeForm,
    readonly kind: Kind,
  ) {}

  view<T>(className: string): T {
    let p = this.proxies.get(className);
    if (!p) {
      p = strictFake<T>(this, className, 'FormApp', this.ctx.env);
      this.proxies.set(className, p);
    }
    return p as T;
  }
  get item(): Item {
    return this.view<Item>('Item');
  }
  private self(): any {
    return this.view(TYPED_CLASS[this.kind]);
  }
  private as(kind: Kind): any {
    if (this.kind !== kind) throw new Error(`Item can't be cast to ${TYPED_CLASS[kind]}.`);
    return this.view(TYPED_CLASS[kind]);
  }

  getId(): number {
    return this.id;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): any {
    this.title = title;
    this.form.onItemChanged(this);
    return this.self();
  }
  getHelpText(): string {
    return this.helpText;
  }
  setHelpText(text: string): any {
    this.helpText = text;
    return this.self();
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return this.kind as unknown as GoogleAppsScript.Forms.ItemType;
  }
  getIndex(): number {
    return this.form.items.indexOf(this);
  }
  duplicate(): any {
    throw new Error('Item.duplicate не реализован в локальной среде Маршрута');
  }
  asTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.as('TEXT');
  }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.as('PARAGRAPH_TEXT');
  }
  asListItem(): GoogleAppsScript.Forms.ListItem {
    return this.as('LIST');
  }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.as('MULTIPLE_CHOICE');
  }
  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.as('CHECKBOX');
  }
  asDateItem(): GoogleAppsScript.Forms.DateItem {
    return this.as('DATE');
  }

  setRequired(enabled: boolean): any {
    this.required = enabled;
    return this.self();
  }
  isRequired(): boolean {
    return this.required;
  }
  setChoiceValues(values: string[]): any {
    this.assertChoice();
    if (!Array.isArray(values) || values.length === 0) throw new Error('Invalid argument: values');
    this.choices = values.map(String);
    return this.self();
  }
  setChoices(choices: GoogleAppsScript.Forms.Choice[]): any {
    this.assertChoice();
    this.choices = choices.map((c) => c.getValue());
    return this.self();
  }
  createChoice(value: string): GoogleAppsScript.Forms.Choice {
    this.assertChoice();
    return strictFake<GoogleAppsScript.Forms.Choice>({ getValue: () => String(value) }, 'Choice', 'FormApp', this.ctx.env);
  }
  getChoices(): GoogleAppsScript.Forms.Choice[] {
    this.assertChoice();
    return this.choices.map((c) => this.createChoice(c));
  }
  private assertChoice(): void {
    if (!['LIST', 'MULTIPLE_CHOICE', 'CHECKBOX'].includes(this.kind)) throw new Error(`${TYPED_CLASS[this.kind]} has no choices.`);
  }

  /** Validates and wraps an answer (Google rejects values outside the choices). */
  createResponse(value: any): ItemResponse {
    let answer: Answer;
    switch (this.kind) {
      case 'CHECKBOX': {
        if (!Array.isArray(value)) throw new Error(INVALID_RESPONSE);
        const vals = (value as unknown[]).map(String);
        if (vals.some((v) => !this.choices.includes(v))) throw new Error(`${INVALID_RESPONSE} Недопустимый вариант для «${this.title}».`);
        answer = vals;
        break;
      }
      case 'LIST':
      case 'MULTIPLE_CHOICE':
        if (!this.choices.includes(String(value)))
          throw new Error(`${INVALID_RESPONSE} Недопустимый вариант для «${this.title}»: ${String(value)}`);
        answer = String(value);
        break;
      case 'DATE':
        if (!isDate(value)) throw new Error(INVALID_RESPONSE);
        answer = new Date(value.getFullYear(), value.getMonth(), value.getDate());
        break;
      default:
        answer = value === null || value === undefined ? '' : String(value);
    }
    return makeItemResponse(this.ctx, this, this.form.stored(answer));
  }

  /**
   * An answer migrated from another form's CSV export: kept as recorded (text, or a list for checkboxes), since
   * that form's choices and checks were not ours. The add-on's intake validates it like any other answer.
   */
  importedResponse(value: Answer): ItemResponse {
    const answer: Answer = Array.isArray(value) ? value.map(String) : isDate(value) ? value : String(value ?? '');
    return makeItemResponse(this.ctx, this, this.form.stored(answer));
  }
}

class FakeItemResponse implements Pick<ItemResponse, 'getItem' | 'getResponse' | 'getScore' | 'getFeedback'> {
  constructor(
    readonly item: FakeItem,
    readonly answer: Answer,
  ) {}
  getItem(): Item {
    return this.item.item;
  }
  getResponse(): any {
    const a = this.answer;
    if (Array.isArray(a)) return [...a];
    // Google returns a date item's answer as 'yyyy-MM-dd'.
    if (isDate(a)) return `${a.getFullYear()}-${String(a.getMonth() + 1).padStart(2, '0')}-${String(a.getDate()).padStart(2, '0')}`;
    return a;
  }
  getScore(): any {
    return null;
  }
  getFeedback(): any {
    return null;
  }
}

/**
 * A response's answers by item id: a short list, searched (a form has a few dozen items at most). A Map each cost a
 * form's 133k imported responses ~40 MB more.
 */
class ItemAnswers {
  private readonly list: FakeItemResponse[] = [];
  get(itemId: number): FakeItemResponse | undefined {
    for (const ir of this.list) if (ir.item.id === itemId) return ir;
    return undefined;
  }
  has(itemId: number): boolean {
    return this.get(itemId) !== undefined;
  }
  set(itemId: number, ir: FakeItemResponse): void {
    const at = this.list.findIndex((x) => x.item.id === itemId);
    if (at >= 0) this.list[at] = ir;
    else this.list.push(ir);
  }
  values(): readonly FakeItemResponse[] {
    return this.list;
  }
}

function makeItemResponse(ctx: Ctx, item: FakeItem, answer: Answer): ItemResponse {
  return strictFake<ItemResponse>(new FakeItemResponse(item, answer), 'ItemResponse', 'FormApp', ctx.env);
}

// ---- Responses -----------------------------------------------------------------------------

type ResponseApi = Pick<
  FormResponse,
  | 'getId'
  | 'getTimestamp'
  | 'getRespondentEmail'
  | 'getItemResponses'
  | 'getResponseForItem'
  | 'withItemResponse'
  | 'getEditResponseUrl'
  | 'toPrefilledUrl'
  | 'submit'
>;

export class FakeFormResponse implements ResponseApi {
  proxy!: FormResponse;
  id: string | null = null;
  timestamp: Date | null = null;
  email = '';
  /** Test hook: timestamp to use on the next submit instead of the runtime clock. */
  pendingTimestamp?: Date;
  /** Cells of columns a person added to the response sheet, by header (an old form's export carries them). */
  extra: Record<string, string> = {};
  answers = new ItemAnswers();
  constructor(
    private readonly ctx: Ctx,
    readonly form: FakeForm,
  ) {}
  getId(): string {
    return this.id as string; // null before submit, like Google
  }
  getTimestamp(): GoogleAppsScript.Base.Date {
    return (this.timestamp ? new Date(this.timestamp.getTime()) : null) as Date;
  }
  getRespondentEmail(): string {
    return this.email;
  }
  getItemResponses(): ItemResponse[] {
    return this.form.items.filter((i) => this.answers.has(i.id)).map((i) => this.wrapIr(this.answers.get(i.id)!));
  }
  getResponseForItem(item: Item): ItemResponse {
    const ir = this.answers.get(item.getId());
    return (ir ? this.wrapIr(ir) : null) as ItemResponse;
  }
  withItemResponse(response: ItemResponse): FormResponse {
    const raw = unwrap<FakeItemResponse>(response);
    if (raw.item.form !== this.form) throw new Error('Invalid argument: response');
    this.answers.set(raw.item.id, raw);
    return this.proxy;
  }
  getEditResponseUrl(): string {
    return `${this.form.publishedUrl()}?edit2=${this.id ?? ''}`;
  }
  toPrefilledUrl(): string {
    const q = this.answers
      .values()
      .map((a) => `entry.${a.item.id}=${encodeURIComponent(String(a.getResponse()))}`)
      .join('&');
    return `${this.form.publishedUrl()}?usp=pp_url&${q}`;
  }
  submit(): FormResponse {
    this.form.submitResponse(this);
    return this.proxy;
  }
  private wrapIr(ir: FakeItemResponse): ItemResponse {
    return makeItemResponse(this.ctx, ir.item, ir.answer);
  }
}

// ---- Form ------------------------------------------------------------------------------------

interface Destination {
  spreadsheetId: string;
  sheet: FakeSheet;
  columns: Map<number, number>;
  extraColumns: Map<string, number>;
  rows: Map<string, number>;
  lastRow?: number;
}

/**
 * Rows deleted from a response sheet (an archive of processed answers): the responses below move up with their
 * rows, and a deleted response's next edit is written as a new row at the end — it has no row any more (modelled
 * so; Google documents neither).
 */
function shiftRows(d: Destination, from: number, count: number): void {
  const shifted = (row: number) => (row >= from + count ? row - count : row >= from ? null : row);
  for (const [id, row] of d.rows) {
    const to = shifted(row);
    if (to === null) d.rows.delete(id);
    else d.rows.set(id, to);
  }
  if (d.lastRow !== undefined) d.lastRow = shifted(d.lastRow) ?? from - 1;
}

type FormApi = Pick<
  Form,
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'setDescription'
  | 'getDescription'
  | 'setCollectEmail'
  | 'collectsEmail'
  | 'setAllowResponseEdits'
  | 'canEditResponse'
  | 'setConfirmationMessage'
  | 'getConfirmationMessage'
  | 'getPublishedUrl'
  | 'getEditUrl'
  | 'addTextItem'
  | 'addParagraphTextItem'
  | 'addListItem'
  | 'addMultipleChoiceItem'
  | 'addCheckboxItem'
  | 'addDateItem'
  | 'getItems'
  | 'getItemById'
  | 'deleteItem'
  | 'setDestination'
  | 'getDestinationId'
  | 'getDestinationType'
  | 'removeDestination'
  | 'createResponse'
  | 'getResponses'
  | 'getResponse'
  | 'deleteAllResponses'
  | 'setAcceptingResponses'
  | 'isAcceptingResponses'
>;

let responseSeq = 0;

export class FakeForm implements FormApi {
  proxy!: Form;
  title: string;
  description = '';
  collectEmail = false;
  allowEdits = false;
  accepting = true;
  confirmation = '';
  items: FakeItem[] = [];
  responses: FakeFormResponse[] = [];
  destination: Destination | null = null;
  /**
   * The texts of its responses, one copy each (values.ValuePool): 133k imported responses would otherwise hold slices
   * of the CSV files they came from, and so the files' whole text, for the rest of the run.
   */
  private readonly texts = new ValuePool();

  constructor(
    private readonly ctx: Ctx,
    readonly id: string,
    title: string,
    private readonly deps: FormDeps,
  ) {
    this.title = title;
  }

  /** An answer as the form keeps it: its texts shared with equal ones (a date stays as it is). */
  stored(answer: Answer): Answer {
    if (typeof answer === 'string') return storedText(answer, this.texts);
    return Array.isArray(answer) ? answer.map((a) => storedText(a, this.texts)) : answer;
  }

  publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.id}/viewform`;
  }
  getId(): string {
    return this.id;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): Form {
    this.title = title;
    return this.proxy;
  }
  setDescription(description: string): Form {
    this.description = description;
    return this.proxy;
  }
  getDescription(): string {
    return this.description;
  }
  setCollectEmail(collect: boolean): Form {
    this.collectEmail = collect;
    return this.proxy;
  }
  collectsEmail(): boolean {
    return this.collectEmail;
  }
  setAllowResponseEdits(enabled: boolean): Form {
    this.allowEdits = enabled;
    return this.proxy;
  }
  canEditResponse(): boolean {
    return this.allowEdits;
  }
  setAcceptingResponses(enabled: boolean): Form {
    this.accepting = enabled;
    return this.proxy;
  }
  isAcceptingResponses(): boolean {
    return this.accepting;
  }
  setConfirmationMessage(message: string): Form {
    this.confirmation = message;
    return this.proxy;
  }
  getConfirmationMessage(): string {
    return this.confirmation;
  }
  getPublishedUrl(): string {
    return this.publishedUrl();
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }

  private add(kind: Kind): any {
    const it = new FakeItem(this.ctx, this, kind);
    this.items.push(it);
    this.onItemChanged(it);
    return it.view(TYPED_CLASS[kind]);
  }
  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.add('TEXT');
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.add('PARAGRAPH_TEXT');
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    return this.add('LIST');
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.add('MULTIPLE_CHOICE');
  }
  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.add('CHECKBOX');
  }
  addDateItem(): GoogleAppsScript.Forms.DateItem {
    return this.add('DATE');
  }
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): Item[] {
    return this.items.filter((i) => itemType === undefined || i.kind === String(itemType)).map((i) => i.item);
  }
  getItemById(id: number): Item {
    return (this.items.find((i) => i.id === id)?.item ?? null) as Item;
  }
  deleteItem(x: any): void {
    const idx = typeof x === 'number' ? x : this.items.findIndex((i) => i.id === (x as Item).getId());
    if (idx < 0 || idx >= this.items.length) throw new Error('Invalid argument: item');
    this.items.splice(idx, 1); // the destination column stays, like Google
  }

  // -- destination -----------------------------------------------------------------------------
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): Form {
    if (String(type) !== 'SPREADSHEET') throw new Error('Invalid argument: type');
    const ss = this.deps.spreadsheets.byId(id);
    if (!ss) throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
    let n = 1;
    while (ss.sheetByName(`Ответы на форму (${n})`)) n++;
    const sheet = ss.addSheet(`Ответы на форму (${n})`, 0);
    const destination: Destination = { spreadsheetId: id, sheet, columns: new Map(), extraColumns: new Map(), rows: new Map() };
    this.destination = destination;
    sheet.rowsDeleted.push((from, count) => shiftRows(destination, from, count));
    const header = ['Отметка времени', ...(this.collectEmail ? ['Адрес электронной почты'] : [])];
    header.forEach((h, i) => sheet.put(1, i + 1, h));
    for (const it of this.items) this.onItemChanged(it);
    sheet.frozenRows = 1;
    for (const r of this.responses) this.writeRow(r);
    return this.proxy;
  }
  getDestinationId(): string {
    if (!this.destination) throw new Error('This form does not currently have a response destination.');
    return this.destination.spreadsheetId;
  }
  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    if (!this.destination) throw new Error('This form does not currently have a response destination.');
    return 'SPREADSHEET' as unknown as GoogleAppsScript.Forms.DestinationType;
  }
  removeDestination(): Form {
    this.destination = null;
    return this.proxy;
  }
  destinationSheetId(): { spreadsheetId: string; sheetId: number } | null {
    return this.destination ? { spreadsheetId: this.destination.spreadsheetId, sheetId: this.destination.sheet.sheetId } : null;
  }

  /** Keeps the destination header in sync: new items get a column at the end, renames update it. */
  onItemChanged(item: FakeItem): void {
    const d = this.destination;
    if (!d) return;
    let col = d.columns.get(item.id);
    if (col === undefined) {
      col = Math.max(d.sheet.getLastColumn(), 1) + 1;
      d.sheet.growTo(d.sheet.maxRows, col);
      d.columns.set(item.id, col);
    }
    d.sheet.put(1, col, item.title);
  }

  private writeRow(r: FakeFormResponse): number {
    const d = this.destination!;
    let row = d.rows.get(r.id!);
    if (row === undefined) {
      // Below the last row Google (or the last response) wrote; tracked, so a long import stays linear.
      row = Math.max(d.lastRow ?? d.sheet.getLastRow(), 1) + 1;
      d.lastRow = row;
      d.sheet.growTo(row, d.sheet.maxCols);
      d.rows.set(r.id!, row);
    }
    const grid = d.sheet.grid;
    const at = row - 1;
    const put = (col: number, v: unknown) => {
      const c = col - 1;
      grid.set('f', at, c, undefined);
      // A row Google appends below the grid takes the number format of the row above (strict reading: only that).
      let nf = grid.get('nf', at, c);
      const above = at > 1 ? grid.get('nf', at - 1, c) : undefined;
      if (nf === undefined && above !== undefined) grid.set('nf', at, c, (nf = above));
      // Form answers are data, never formulas: '=...' stays text; numbers and dates are read as Sheets reads them.
      grid.setValue(at, c, typeof v === 'string' && v.startsWith("'") ? v : coerceInput(v, d.sheet.inputContext(nf, false)).v);
    };
    put(1, new Date(r.timestamp!.getTime()));
    if (this.collectEmail) put(2, r.email);
    for (const [itemId, col] of d.columns) {
      const ir = r.answers.get(itemId);
      const a = ir?.answer;
      put(col, a === undefined ? '' : Array.isArray(a) ? a.join(', ') : a);
    }
    for (const [header, value] of Object.entries(r.extra)) put(this.extraColumn(header), value);
    return row;
  }

  /** A column a person added to the response sheet (to the right of the form's own): Google leaves it alone. */
  private extraColumn(header: string): number {
    const d = this.destination!;
    let col = d.extraColumns.get(header);
    if (col === undefined) {
      col = Math.max(d.sheet.getLastColumn(), 1) + 1;
      d.sheet.growTo(d.sheet.maxRows, col);
      d.sheet.put(1, col, header);
      d.extraColumns.set(header, col);
    }
    return col;
  }

  // -- responses -------------------------------------------------------------------------------
  createResponse(): FormResponse {
    const r = new FakeFormResponse(this.ctx, this);
    r.proxy = strictFake<FormResponse>(r, 'FormResponse', 'FormApp', this.ctx.env);
    return r.proxy;
  }
  getResponses(timestamp?: GoogleAppsScript.Base.Date): FormResponse[] {
    const from = timestamp ? (timestamp as Date).getTime() : -Infinity;
    return this.responses.filter((r) => r.timestamp!.getTime() >= from).map((r) => r.proxy);
  }
  getResponse(responseId: string): FormResponse {
    const r = this.responses.find((x) => x.id === responseId);
    if (!r) throw new Error(`No response with ID ${responseId} exists for this form.`);
    return r.proxy;
  }
  deleteAllResponses(): Form {
    for (const r of this.responses) this.deps.forgotten(r);
    this.responses = [];
    return this.proxy;
  }

  /** `notify` false: a response that reached the sheet while no trigger listened (answers of before the add-on). */
  submitResponse(r: FakeFormResponse, imported = false, notify = true): void {
    if (!this.accepting) throw new Error('This form is not accepting responses.');
    for (const it of imported ? [] : this.items) {
      const a = r.answers.get(it.id)?.answer;
      const empty = a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
      if (it.required && empty) throw new Error(`Не заполнен обязательный вопрос «${it.title}».`);
    }
    if (this.collectEmail && !r.email && !imported) r.email = this.ctx.activeUserEmail;
    r.email = storedText(r.email, this.texts);
    for (const [header, value] of Object.entries(r.extra)) r.extra[header] = storedText(value, this.texts);
    // A response gets its id when first submitted: one with an id is an edit (its own row is rewritten).
    if (r.id === null) {
      r.id = `2_ABaOnu${(++responseSeq).toString(36).padStart(6, '0')}${this.id.slice(-6)}`;
      this.responses.push(r);
      this.deps.registered(r);
    }
    r.timestamp = r.pendingTimestamp ? new Date(r.pendingTimestamp.getTime()) : this.ctx.now();
    r.pendingTimestamp = undefined;
    const row = this.destination ? this.writeRow(r) : null;
    if (notify) this.deps.fireSubmit(this, r, row);
  }
}

export interface FormDeps {
  spreadsheets: SpreadsheetRegistry;
  /** A response was submitted for the first time / deleted: the registry finds responses by id in one look-up. */
  registered(response: FakeFormResponse): void;
  forgotten(response: FakeFormResponse): void;
  fireSubmit(form: FakeForm, response: FakeFormResponse, row: number | null): void;
}

export class FormRegistry {
  readonly all: FakeForm[] = [];
  private readonly responses = new Map<string, FakeFormResponse>();
  constructor(
    private readonly ctx: Ctx,
    private readonly spreadsheets: SpreadsheetRegistry,
    private readonly triggers: TriggerRegistry,
  ) {}
  create(title: string): FakeForm {
    const f = new FakeForm(this.ctx, this.ctx.nextId('1FAIpQL'), title, {
      spreadsheets: this.spreadsheets,
      fireSubmit: (form, r, row) => this.fireSubmit(form, r, row),
      registered: (r) => this.responses.set(r.id!, r),
      forgotten: (r) => this.responses.delete(r.id!),
    });
    f.proxy = strictFake<Form>(f, 'Form', 'FormApp', this.ctx.env);
    this.all.push(f);
    return f;
  }
  byId(id: string): FakeForm | undefined {
    return this.all.find((f) => f.id === id);
  }
  formUrlForSheet(sheetId: number, spreadsheetId: string): string | null {
    const f = this.all.find((x) => {
      const d = x.destinationSheetId();
      return d !== null && d.sheetId === sheetId && d.spreadsheetId === spreadsheetId;
    });
    return f ? f.publishedUrl() : null;
  }
  responseById(id: string): FakeFormResponse | undefined {
    return this.responses.get(id);
  }

  /** Fires form-bound and destination-spreadsheet-bound ON_FORM_SUBMIT triggers with Google-shaped events. */
  private fireSubmit(form: FakeForm, r: FakeFormResponse, row: number | null): void {
    for (const t of this.triggers.matching('ON_FORM_SUBMIT', form.id)) {
      this.triggers.dispatch(t, { response: r.proxy, source: form.proxy });
    }
    const d = form.destination;
    if (!d || row === null) return;
    const ssTriggers = this.triggers.matching('ON_FORM_SUBMIT', d.spreadsheetId);
    if (ssTriggers.length === 0) return;
    const lastCol = d.sheet.getLastColumn();
    const range = d.sheet.range({ row, col: 1, numRows: 1, numCols: lastCol });
    const headers = d.sheet.range({ row: 1, col: 1, numRows: 1, numCols: lastCol }).getDisplayValues()[0]!;
    const display = range.getDisplayValues()[0]!;
    display[0] = formatDate(r.timestamp!, d.sheet.timeZone(), 'dd.MM.yyyy H:mm:ss');
    const namedValues: Record<string, string[]> = {};
    headers.forEach((h, i) => {
      namedValues[h] = [display[i] ?? ''];
    });
    for (const t of ssTriggers) {
      this.triggers.dispatch(t, { range, source: d.sheet.parent.proxy, values: [...display], namedValues });
    }
  }
}

type FormAppApi = Pick<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'openByUrl' | 'getActiveForm'>;

class FakeFormApp implements FormAppApi {
  DestinationType = DestinationType;
  ItemType = ItemType;
  constructor(private readonly reg: FormRegistry) {}
  create(title: string): Form {
    return this.reg.create(title).proxy;
  }
  openById(id: string): Form {
    const f = this.reg.byId(id);
    if (!f) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
    return f.proxy;
  }
  openByUrl(url: string): Form {
    const f = this.reg.all.find((x) => url.includes(x.id));
    if (!f) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
    return f.proxy;
  }
  getActiveForm(): Form {
    return null as unknown as Form;
  }
}

export function createFormApp(ctx: Ctx, reg: FormRegistry): GoogleAppsScript.Forms.FormApp {
  return strictFake(new FakeFormApp(reg), 'FormApp', 'FormApp', ctx.env);
}
