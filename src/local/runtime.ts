import { createCacheService } from './fakes/cache';
import { CallCounter } from './fakes/calls';
import { Ctx, makeId, UiState } from './fakes/context';
import { Answer, createFormApp, FakeForm, FormRegistry } from './fakes/forms';
import { createHtmlService } from './fakes/html';
import { EXECUTION_TIME_LIMIT_MS, Executions, type ExecutionPoint, type ExecutionRecord, type Interleaving } from './fakes/executions';
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
  /** The script runs as an Editor add-on: Google's add-on trigger rules are enforced (fakes/triggers.ts). */
  addon?: boolean;
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
  mail: { outbox: SentMail[]; refused: Set<string>; remaining(): number };
  forms: {
    submit(form: Form, opts: SubmitOptions): FormResponse;
    /** Google delivers a response again unchanged (its row rewritten, its triggers fired), as after an edit. */
    redeliver(responseId: string): FormResponse;
    /** The row of the form's response sheet that holds a response. */
    rowOf(responseId: string): number | null;
    editResponse(responseId: string, answers: Record<string, Answer>, timestamp?: Date): FormResponse;
    all(): Form[];
  };
  triggers: {
    /** Every user's triggers (the script itself sees only its user's: ScriptApp.getProjectTriggers). */
    all(): GoogleAppsScript.Script.Trigger[];
    /** Who created the trigger: it runs as this user. */
    ownerOf(trigger: GoogleAppsScript.Script.Trigger): string;
    fireTimeTriggers(at: Date): void;
    /** The runtime enforces an Editor add-on's trigger rules (createLocalRuntime({ addon: true })). */
    readonly addonMode: boolean;
    /** Trigger executions that failed: Google records them, nothing is thrown at the event's cause. */
    readonly failures: readonly { handler: string; error: string }[];
  };
  lock: { readonly held: boolean; readonly acquisitions: number; readonly releases: number; simulateContention(on: boolean): void };
  executions: ExecutionControls;
  log: string[];
  now(): Date;
  /** Time passes in Google (the runtime's clock moves on by `ms`). */
  advance(ms: number): void;
  setActiveUser(email: string): void;
  setDispatcher(fn: Dispatcher): void;
  /** Realm of the loaded bundle (set by the sandbox) so values returned to it are native there. */
  setRealm(realm: Realm | undefined): void;
  setGlobalLookup(fn: ((name: string) => unknown) | undefined): void;
  spreadsheets: {
    create(name: string): Spreadsheet;
    /** null: no container, as the add-on's one web app runs (outside every workbook). */
    setActive(ss: Spreadsheet | null): void;
    all(): Spreadsheet[];
    /** Drive sharing: from now on only these users may open it by id (others get Google's permission error). */
    restrictTo(ss: Spreadsheet, emails: readonly string[]): void;
    /** Deleted from Drive: opening it by id fails as Google does for a deleted file. */
    remove(ss: Spreadsheet): void;
  };
}

/**
 * Executions and their concurrency, for tests (see fakes/executions.ts). Every script function the sandbox calls —
 * a menu item, an RPC, a trigger handler (run as the trigger's owner) — is one execution. Example: a trigger that
 * arrives while a drain holds the lock, and a drain stopped by Google halfway:
 *
 *   const second = rt.executions.interleave({ into: 'drainQueue', onLock: true }, () => rt.forms.submit(form, answers));
 *   wb.menu('drainQueue');            // the submit's trigger ran inside, found the lock held, waited 30 s, failed
 *   expect(second.error?.message).toMatch(/ещё выполняется/);
 *   rt.executions.kill({ into: 'drainQueue', atCall: 40 });
 *   expect(() => wb.menu('drainQueue')).toThrow('Exceeded maximum execution time');
 */
export interface ExecutionControls {
  /** The running call came with `authMode: NONE`: only the menu may be built (fakes/executions.ts). */
  authModeNone: boolean;
  /** Every execution so far, oldest first: label, user, service calls, outcome, error. */
  readonly log: readonly ExecutionRecord[];
  /** The running execution, or null in test code. */
  current(): ExecutionRecord | null;
  /** Runs `fn` as one execution named `label`, as `user` (default: the active user). */
  run<T>(label: string, fn: () => T, user?: string): T;
  /**
   * At `point` of the next matching execution A, runs `other` — which starts executions of its own (a menu call, a
   * form submit…) while A holds whatever it holds. What `other` throws is kept in the result, never thrown into A.
   */
  interleave(point: ExecutionPoint, other: () => void): Interleaving;
  /** Stops the next matching execution at its Nth service call: that call and every later one throws. */
  kill(point: ExecutionPoint & { atCall: number }): void;
  /** Modelled latency of each service call on the runtime clock: ms, or ms by `Class.method`. */
  setLatency(latency: number | ((member: string) => number)): void;
  /** Stops an execution past `ms` on the runtime clock (Google: 6 minutes, the default); null: no limit (the default). */
  enforceTimeLimit(ms?: number | null): void;
  /** Executions from now on record each call's `Class.method` (ExecutionRecord.members). */
  traceCalls(): void;
}

export function createLocalRuntime(options: LocalRuntimeOptions = {}): LocalRuntime {
  const calls = new CallCounter();
  const baseNow = options.now ?? (() => new Date());
  let offset = 0;
  const ui: UiState = {
    menus: [],
    alerts: [],
    prompts: [],
    sidebars: [],
    dialogs: [],
    toasts: [],
    alertResponses: [],
    promptResponses: [],
  };
  let forms: FormRegistry | null = null;
  let keyboardUser = options.activeUserEmail ?? 'metodist@school.example';
  const now = () => new Date(baseNow().getTime() + offset);
  const advance = (ms: number) => {
    offset += ms;
  };
  const executions = new Executions({ now, advance }, () => keyboardUser);
  const ctx: Ctx = {
    env: { calls, beforeCall: (member) => executions.beforeCall(member) },
    timeZone: options.timeZone ?? 'Europe/Moscow',
    now,
    advance,
    get activeUserEmail() {
      return executions.currentUser() ?? keyboardUser;
    },
    set activeUserEmail(email: string) {
      keyboardUser = email;
    },
    executions,
    ui,
    nextId: makeId,
    formUrlForSheet: (sheetId, ssId) => forms?.formUrlForSheet(sheetId, ssId) ?? null,
  };

  const spreadsheets = new SpreadsheetRegistry(ctx);
  const triggers = new TriggerRegistry(ctx);
  triggers.addonMode = options.addon ?? false;
  triggers.activeDocument = () => spreadsheets.active?.id ?? null;
  forms = new FormRegistry(ctx, spreadsheets, triggers);
  const formsReg = forms;
  const mail = new MailState(ctx, options.mailDailyQuota ?? 100);
  const lockState: LockState = { held: false, acquisitions: 0, releases: 0, contention: false };
  const logger = createLogger(ctx);

  const globals: Record<string, unknown> = {
    SpreadsheetApp: createSpreadsheetApp(ctx, spreadsheets),
    FormApp: createFormApp(ctx, formsReg),
    ScriptApp: createScriptApp(ctx, triggers),
    PropertiesService: createPropertiesService(ctx, () => spreadsheets.active?.id ?? null).fake,
    CacheService: createCacheService(ctx),
    LockService: createLockService(ctx, lockState, () => spreadsheets.active?.id ?? null),
    MailApp: createMailApp(ctx, mail),
    HtmlService: createHtmlService(ctx, options.htmlFiles ?? {}),
    Session: createSession(ctx),
    Utilities: createUtilities(ctx),
    Logger: logger.fake,
    Charts: strictFake({ ChartType }, 'Charts', 'Charts', ctx.env),
    console: createConsole(logger.lines),
  };

  const rawSpreadsheet = (ss: Spreadsheet) => {
    const raw = spreadsheets.byId(ss.getId());
    if (!raw) throw new Error('Unknown spreadsheet');
    return raw;
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
      nextAlertResponse: (...responses: string[]) => {
        ui.alertResponses.push(...responses);
      },
      nextPromptResponse: (text: string, button?: string) => {
        ui.promptResponses.push({ text, button });
      },
    }),
    mail: { outbox: mail.outbox, refused: mail.refused, remaining: () => mail.remaining() },
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
      get addonMode() {
        return triggers.addonMode;
      },
      ownerOf: (trigger) => {
        const data = triggers.list.find((t) => t.uid === trigger.getUniqueId());
        if (!data) throw new Error('Нет такого триггера');
        return data.owner;
      },
      fireTimeTriggers: (at) => triggers.fireTimeTriggers(at),
      failures: triggers.failures,
    },
    lock: {
      get held() {
        return lockState.held;
      },
      get acquisitions() {
        return lockState.acquisitions;
      },
      get releases() {
        return lockState.releases;
      },
      simulateContention(on: boolean) {
        lockState.contention = on;
      },
    },
    executions: {
      get authModeNone() {
        return executions.authModeNone;
      },
      set authModeNone(none: boolean) {
        executions.authModeNone = none;
      },
      log: executions.log,
      current: () => executions.current(),
      run: (label, fn, user) => executions.run(label, fn, user),
      interleave: (point, other) => executions.interleave(point, other),
      kill: (point) => executions.kill(point),
      setLatency(latency) {
        executions.latency = typeof latency === 'number' ? () => latency : latency;
      },
      enforceTimeLimit(ms = EXECUTION_TIME_LIMIT_MS) {
        executions.timeLimitMs = ms;
      },
      traceCalls() {
        executions.traceCalls = true;
      },
    },
    log: logger.lines,
    now: () => ctx.now(),
    advance,
    setActiveUser(email) {
      keyboardUser = email;
    },
    setDispatcher(fn) {
      triggers.dispatcher = fn;
    },
    setRealm(realm) {
      ctx.env.realm = realm;
    },
    setGlobalLookup(fn) {
      ctx.lookupGlobal = fn;
    },
    spreadsheets: {
      create: (name) => spreadsheets.create(name).proxy,
      setActive(ss) {
        spreadsheets.active = ss === null ? null : rawSpreadsheet(ss);
      },
      all: () => spreadsheets.all.map((s) => s.proxy),
      restrictTo(ss, emails) {
        rawSpreadsheet(ss).readers = new Set(emails.map((e) => e.toLowerCase()));
      },
      remove(ss) {
        rawSpreadsheet(ss).deleted = true;
      },
    },
  };
}
