import { createCacheService } from './fakes/cache';
import { CallCounter } from './fakes/calls';
import { Ctx, makeId, UiState } from './fakes/context';
import { Answer, createFormApp, FakeForm, FormRegistry } from './fakes/forms';
import { createHtmlService } from './fakes/html';
import { createLockService, LockState } from './fakes/lock';
import { createMailApp, MailState, SentMail } from './fakes/mail';
import { createPropertiesService } from './fakes/properties';
import { Realm } from './fakes/realm';
import { createSession } from './fakes/session';
import { createSpreadsheetApp, SpreadsheetRegistry } from './fakes/spreadsheet/app';
import { ChartType } from './fakes/spreadsheet/extras';
import { strictFake, unwrap } from './fakes/strict';
import { createScriptApp, Dispatcher, TriggerRegistry } from './fakes/triggers';
import { createConsole, createLogger, createUtilities } from './fakes/utilities';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;
type FormResponse = GoogleAppsScript.Forms.FormResponse;

export interface LocalRuntimeOptions {
  timeZone?: string;
  activeUserEmail?: string;
  mailDailyQuota?: number;
  htmlFiles?: Record<string, string>;
  now?: () => Date;
}

export interface SubmitOptions {
  /** Answers by item title: string (text/list/radio), string[] (checkbox), Date (date). */
  answers: Record<string, Answer>;
  timestamp?: Date;
  email?: string;
  /** A row of another form's CSV export: answers kept as recorded, without this form's checks. */
  imported?: boolean;
  /** Cells of columns beyond the form's own (an old export's), by header: written to the response sheet's right. */
  extra?: Record<string, string>;
  /** The response reached the sheet while no trigger listened (before the add-on was installed): none fires. */
  silent?: boolean;
}

export interface LocalRuntime {
  globals: Record<string, unknown>;
  calls: CallCounter;
  ui: UiState & { nextAlertResponse(...responses: string[]): void; nextPromptResponse(text: string, button?: string): void };
  mail: { outbox: SentMail[]; remaining(): number };
  forms: {
    submit(form: Form, opts: SubmitOptions): FormResponse;
    /** Google delivers a response again unchanged (its row rewritten, its triggers fired), as after an edit. */
    redeliver(responseId: string): FormResponse;
    /** The row of the form's response sheet that holds a response. */
    rowOf(responseId: string): number | null;
    editResponse(responseId: string, answers: Record<string, Answer>, timestamp?: Date): FormResponse;
    all(): Form[];
  };
  triggers: { all(): GoogleAppsScript.Script.Trigger[]; fireTimeTriggers(at: Date): void };
  lock: { readonly held: boolean; readonly acquisitions: number; readonly releases: number; simulateContention(on: boolean): void };
  log: string[];
  now(): Date;
  setActiveUser(email: string): void;
  setDispatcher(fn: Dispatcher): void;
  /** Realm of the loaded bundle (set by the sandbox) so values returned to it are native there. */
  setRealm(realm: Realm | undefined): void;
  setGlobalLookup(fn: ((name: string) => unknown) | undefined): void;
  spreadsheets: { create(name: string): Spreadsheet; setActive(ss: Spreadsheet): void; all(): Spreadsheet[] };
}

export function createLocalRuntime(options: LocalRuntimeOptions = {}): LocalRuntime {
  const calls = new CallCounter();
  const baseNow = options.now ?? (() => new Date());
  let offset = 0;
  const ui: UiState = { menus: [], alerts: [], prompts: [], sidebars: [], dialogs: [], toasts: [], alertResponses: [], promptResponses: [] };
  let forms: FormRegistry | null = null;
  const ctx: Ctx = {
    env: { calls },
    timeZone: options.timeZone ?? 'Europe/Moscow',
    now: () => new Date(baseNow().getTime() + offset),
    advance: (ms) => { offset += ms; },
    activeUserEmail: options.activeUserEmail ?? 'metodist@school.example',
    ui,
    nextId: makeId,
    formUrlForSheet: (sheetId, ssId) => forms?.formUrlForSheet(sheetId, ssId) ?? null,
  };

  const spreadsheets = new SpreadsheetRegistry(ctx);
  const triggers = new TriggerRegistry(ctx);
  forms = new FormRegistry(ctx, spreadsheets, triggers);
  const formsReg = forms;
  const mail = new MailState(ctx, options.mailDailyQuota ?? 100);
  const lockState: LockState = { held: false, acquisitions: 0, releases: 0, contention: false };
  const logger = createLogger(ctx);

  const globals: Record<string, unknown> = {
    SpreadsheetApp: createSpreadsheetApp(ctx, spreadsheets),
    FormApp: createFormApp(ctx, formsReg),
    ScriptApp: createScriptApp(ctx, triggers),
    PropertiesService: createPropertiesService(ctx).fake,
    CacheService: createCacheService(ctx),
    LockService: createLockService(ctx, lockState),
    MailApp: createMailApp(ctx, mail),
    HtmlService: createHtmlService(ctx, options.htmlFiles ?? {}),
    Session: createSession(ctx),
    Utilities: createUtilities(ctx),
    Logger: logger.fake,
    Charts: strictFake({ ChartType }, 'Charts', 'Charts', ctx.env),
    console: createConsole(logger.lines),
  };

  const rawForm = (form: Form): FakeForm => {
    const f = unwrap<FakeForm>(form);
    if (!(f instanceof FakeForm)) throw new Error('Not a local form');
    return f;
  };
  const applyAnswers = (f: FakeForm, r: ReturnType<FakeForm['createResponse']>, answers: Record<string, Answer>, imported = false) => {
    for (const [title, value] of Object.entries(answers)) {
      const item = f.items.find((i) => i.title === title);
      if (!item) throw new Error(`В форме «${f.title}» нет вопроса «${title}»`);
      const itemResponse = imported ? item.importedResponse(value) : item.createResponse(value);
      unwrap<{ withItemResponse(x: unknown): unknown }>(r).withItemResponse(itemResponse);
    }
  };

  return {
    globals,
    calls,
    ui: Object.assign(ui, {
      nextAlertResponse: (...responses: string[]) => { ui.alertResponses.push(...responses); },
      nextPromptResponse: (text: string, button?: string) => { ui.promptResponses.push({ text, button }); },
    }),
    mail: { outbox: mail.outbox, remaining: () => mail.remaining() },
    forms: {
      submit(form, opts) {
        const f = rawForm(form);
        const r = f.createResponse();
        applyAnswers(f, r, opts.answers, opts.imported);
        const raw = unwrap<import('./fakes/forms').FakeFormResponse>(r);
        if (opts.timestamp) raw.pendingTimestamp = opts.timestamp;
        if (opts.email) raw.email = opts.email;
        if (opts.extra) raw.extra = { ...opts.extra };
        f.submitResponse(raw, opts.imported, !opts.silent);
        return r;
      },
      rowOf(responseId) {
        const raw = formsReg.responseById(responseId);
        return raw?.form.destination?.rows.get(responseId) ?? null;
      },
      redeliver(responseId) {
        const raw = formsReg.responseById(responseId);
        if (!raw) throw new Error(`No response with ID ${responseId} exists.`);
        raw.pendingTimestamp = raw.timestamp ?? undefined;
        raw.form.submitResponse(raw, true);
        return raw.proxy;
      },
      editResponse(responseId, answers, timestamp) {
        const raw = formsReg.responseById(responseId);
        if (!raw) throw new Error(`No response with ID ${responseId} exists.`);
        applyAnswers(raw.form, raw.proxy, answers);
        if (timestamp) raw.pendingTimestamp = timestamp;
        raw.form.submitResponse(raw);
        return raw.proxy;
      },
      all: () => formsReg.all.map((f) => f.proxy),
    },
    triggers: {
      all: () => triggers.list.map((t) => triggers.wrap(t)),
      fireTimeTriggers: (at) => triggers.fireTimeTriggers(at),
    },
    lock: {
      get held() { return lockState.held; },
      get acquisitions() { return lockState.acquisitions; },
      get releases() { return lockState.releases; },
      simulateContention(on: boolean) { lockState.contention = on; },
    },
    log: logger.lines,
    now: () => ctx.now(),
    setActiveUser(email) { ctx.activeUserEmail = email; },
    setDispatcher(fn) { triggers.dispatcher = fn; },
    setRealm(realm) { ctx.env.realm = realm; },
    setGlobalLookup(fn) { ctx.lookupGlobal = fn; },
    spreadsheets: {
      create: (name) => spreadsheets.create(name).proxy,
      setActive(ss) {
        const raw = spreadsheets.byId(ss.getId());
        if (!raw) throw new Error('Unknown spreadsheet');
        spreadsheets.active = raw;
      },
      all: () => spreadsheets.all.map((s) => s.proxy),
    },
  };
}
