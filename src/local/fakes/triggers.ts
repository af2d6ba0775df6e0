import { Ctx } from './context';
import { makeEnum, strictFake } from './strict';
import { createWebAppService } from './webApp';

type Sc = typeof GoogleAppsScript.Script;
export const AuthMode = makeEnum<Sc['AuthMode']>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const EventType = makeEnum<Sc['EventType']>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSource = makeEnum<Sc['TriggerSource']>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const WeekDay = makeEnum<typeof GoogleAppsScript.Base.Weekday>([
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
]);

export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MAX_TRIGGERS = 20;
// An Editor add-on's limits («Triggers for Editor add-ons», developers.google.com/workspace/add-ons/concepts/editor-triggers):
// «Each add-on can only have one trigger of each type, per user, per document» and «Time-driven triggers cannot run
// more frequently than once per hour». Google's exact error texts are not documented; these model them.
export const ADDON_ONE_OF_A_TYPE =
  'This add-on has already created a trigger of this type for this document and user. Add-ons may create only one trigger of each type per user per document.';
export const ADDON_HOURLY = 'Add-ons may not create time-based triggers that run more frequently than once per hour.';

export type Schedule =
  /** `ran`: the local date (yyyy-m-d) it last ran on — a day's trigger runs once that day. */
  | { kind: 'monthDay'; day: number; ran?: string }
  | { kind: 'weekDay'; weekDay: string; ran?: string }
  | { kind: 'everyDays'; n: number; last?: Date }
  | { kind: 'everyHours'; n: number; last?: Date }
  | { kind: 'everyMinutes'; n: number; last?: Date }
  | { kind: 'at'; at: Date }
  /** A one-shot trigger (`after(ms)`): runs once at or after `at`, then stays listed (disabled) until deleted. */
  | { kind: 'once'; at: Date; fired: boolean };

export interface TriggerData {
  uid: string;
  createdAt: Date;
  /** Who created it: it runs as this user, and only this user's getProjectTriggers/getUserTriggers list it. */
  owner: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';
  source: 'SPREADSHEETS' | 'CLOCK' | 'FORMS';
  sourceId: string | null;
  /** The document active when it was created: an add-on's triggers, time-driven ones too, belong to one document. */
  documentId?: string | null;
  schedule?: Schedule;
  hour?: number;
  minute?: number;
  timeZone?: string;
}

type Trigger = GoogleAppsScript.Script.Trigger;

class FakeTrigger implements Pick<
  Trigger,
  'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId' | 'getUniqueId'
> {
  constructor(readonly data: TriggerData) {}
  getHandlerFunction(): string {
    return this.data.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return this.data.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.data.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this.data.sourceId as string;
  }
  getUniqueId(): string {
    return this.data.uid;
  }
}

export type Dispatcher = (handlerName: string, event: unknown) => unknown;

/** All installable triggers of the script, plus the dispatcher that invokes bundle functions. */
export class TriggerRegistry {
  readonly list: TriggerData[] = [];
  dispatcher: Dispatcher | null = null;
  /** Trigger executions that failed, oldest first (the executions list of the Apps Script dashboard). */
  readonly failures: { handler: string; error: string }[] = [];
  private seq = 0;
  /** The script runs as an Editor add-on (issue 16): add() enforces the add-on's trigger rules. */
  addonMode = false;
  /** The active document's id (set by the runtime). */
  activeDocument: () => string | null = () => null;
  constructor(private readonly ctx: Ctx) {}

  /** 20 triggers per user per script (developers.google.com/apps-script/guides/services/quotas). */
  add(d: Omit<TriggerData, 'uid' | 'owner' | 'createdAt'>): Trigger {
    const owner = this.ctx.activeUserEmail;
    const documentId = d.sourceId ?? this.activeDocument();
    if (this.ofUser(owner).length >= MAX_TRIGGERS) throw new Error(TOO_MANY_TRIGGERS);
    if (this.addonMode) {
      const s = d.schedule;
      if (s && (s.kind === 'everyMinutes' || (s.kind === 'once' && s.at.getTime() - this.ctx.now().getTime() < 3_600_000)))
        throw new Error(ADDON_HOURLY);
      if (this.ofUser(owner).some((t) => t.eventType === d.eventType && t.documentId === documentId)) throw new Error(ADDON_ONE_OF_A_TYPE);
    }
    const data: TriggerData = { ...d, documentId, owner, uid: String(8_000_000 + ++this.seq), createdAt: this.ctx.now() };
    this.list.push(data);
    return this.wrap(data);
  }
  wrap(d: TriggerData): Trigger {
    return strictFake<Trigger>(new FakeTrigger(d), 'Trigger', 'ScriptApp', this.ctx.env);
  }
  /** «Installable triggers always run under the account of the person who created them» and each user sees only
   * their own (developers.google.com/apps-script/guides/triggers/installable; ScriptApp.getProjectTriggers). */
  ofUser(email: string): TriggerData[] {
    return this.list.filter((t) => t.owner === email);
  }
  remove(uid: string): void {
    const i = this.list.findIndex((t) => t.uid === uid);
    if (i >= 0) this.list.splice(i, 1);
  }
  dispatch(t: TriggerData, event: Record<string, unknown>): void {
    if (!this.dispatcher) throw new Error(`Нет загруженного скрипта для триггера ${t.handler}`);
    this.ctx.executions.nextUser = t.owner; // the execution the dispatcher starts runs as the trigger's owner
    try {
      this.dispatcher(t.handler, { authMode: AuthMode.FULL, triggerUid: t.uid, ...event });
    } catch (error) {
      // A trigger's failure ends its own execution (Google logs it, «Failed» in the executions list); nothing is
      // thrown at whatever caused the event, and the other triggers still run.
      this.failures.push({ handler: t.handler, error: String((error as { message?: unknown } | null)?.message ?? error) });
    } finally {
      this.ctx.executions.nextUser = null;
    }
  }
  matching(eventType: TriggerData['eventType'], sourceId: string): TriggerData[] {
    return this.list.filter((t) => t.eventType === eventType && t.sourceId === sourceId);
  }

  /**
   * Fires time-driven triggers whose schedule is due at `at`. A monthly or weekly trigger runs once on its day, at or
   * after its `atHour` in its zone (Google runs it within that hour); a periodic one once per period.
   */
  fireTimeTriggers(at: Date): void {
    for (const t of this.list.filter((x) => x.eventType === 'CLOCK')) {
      const tz = t.timeZone ?? this.ctx.timeZone;
      const p = zonedParts(at, tz);
      const s = t.schedule;
      let due = false;
      if (!s) due = false;
      else if (s.kind === 'monthDay' || s.kind === 'weekDay') {
        const today = `${p.year}-${p.month}-${p.day}`;
        const onDay = s.kind === 'monthDay' ? p.day === s.day : p.weekDay === s.weekDay;
        due = onDay && p.hour >= (t.hour ?? 0) && s.ran !== today;
        if (due) s.ran = today;
      } else if (s.kind === 'at') due = Math.abs(s.at.getTime() - at.getTime()) < 60_000;
      else if (s.kind === 'once') {
        due = !s.fired && s.at.getTime() <= at.getTime();
        if (due) s.fired = true;
      } else {
        // A periodic trigger runs once its period has passed since it was created or last ran.
        const period = s.n * { everyDays: 86_400_000, everyHours: 3_600_000, everyMinutes: 60_000 }[s.kind];
        due = at.getTime() - (s.last ?? t.createdAt).getTime() >= period;
        if (due) s.last = new Date(at.getTime());
      }
      if (!due) continue;
      this.dispatch(t, {
        year: p.year,
        month: p.month,
        'day-of-month': p.day,
        'day-of-week': p.dow,
        'week-of-year': p.week,
        hour: p.hour,
        minute: p.minute,
        second: p.second,
        timezone: tz,
      });
    }
  }
}

function zonedParts(d: Date, tz: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    weekday: 'long',
  });
  const o: Record<string, string> = {};
  for (const p of f.formatToParts(d)) o[p.type] = p.value;
  const year = Number(o.year),
    month = Number(o.month),
    day = Number(o.day);
  const weekDay = (o.weekday ?? '').toUpperCase();
  const dowIdx = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'].indexOf(weekDay);
  const start = Date.UTC(year, 0, 1);
  const week = Math.ceil(((Date.UTC(year, month - 1, day) - start) / 86400000 + 1) / 7);
  return {
    year,
    month,
    day,
    hour: Number(o.hour) % 24,
    minute: Number(o.minute),
    second: Number(o.second),
    weekDay,
    dow: dowIdx === 0 ? 7 : dowIdx,
    week,
  };
}

function sourceIdOf(x: unknown): string {
  if (typeof x === 'string') return x;
  const o = x as { getId?: () => string };
  if (o && typeof o.getId === 'function') return o.getId();
  throw new Error('Invalid argument: source');
}

/** One builder object stands for TriggerBuilder and its Form/Spreadsheet/Clock sub-builders. */
class FakeTriggerBuilder {
  proxy!: any;
  private d: Partial<TriggerData> = {};
  constructor(
    private readonly ctx: Ctx,
    private readonly reg: TriggerRegistry,
    handler: string,
  ) {
    this.d.handler = handler;
  }
  /** Re-wraps under the sub-builder's class name so unimplemented-method errors name it. */
  private sub(className: string): any {
    this.proxy = strictFake(this, className, 'ScriptApp', this.ctx.env);
    return this.proxy;
  }
  forForm(form: unknown): any {
    this.d.source = 'FORMS';
    this.d.sourceId = sourceIdOf(form);
    return this.sub('FormTriggerBuilder');
  }
  forSpreadsheet(ss: unknown): any {
    this.d.source = 'SPREADSHEETS';
    this.d.sourceId = sourceIdOf(ss);
    return this.sub('SpreadsheetTriggerBuilder');
  }
  timeBased(): any {
    this.d.source = 'CLOCK';
    this.d.sourceId = null;
    this.d.eventType = 'CLOCK';
    return this.sub('ClockTriggerBuilder');
  }
  onFormSubmit(): any {
    this.d.eventType = 'ON_FORM_SUBMIT';
    return this.proxy;
  }
  onOpen(): any {
    this.d.eventType = 'ON_OPEN';
    return this.proxy;
  }
  onEdit(): any {
    this.d.eventType = 'ON_EDIT';
    return this.proxy;
  }
  onChange(): any {
    this.d.eventType = 'ON_CHANGE';
    return this.proxy;
  }
  onMonthDay(day: number): any {
    if (day < 1 || day > 31) throw new Error('Invalid argument: day');
    this.d.schedule = { kind: 'monthDay', day };
    return this.proxy;
  }
  onWeekDay(weekDay: unknown): any {
    this.d.schedule = { kind: 'weekDay', weekDay: String(weekDay) };
    return this.proxy;
  }
  everyDays(n: number): any {
    this.d.schedule = { kind: 'everyDays', n };
    return this.proxy;
  }
  everyHours(n: number): any {
    this.d.schedule = { kind: 'everyHours', n };
    return this.proxy;
  }
  everyMinutes(n: number): any {
    this.d.schedule = { kind: 'everyMinutes', n };
    return this.proxy;
  }
  at(date: Date): any {
    this.d.schedule = { kind: 'at', at: new Date(date.getTime()) };
    return this.proxy;
  }
  after(durationMilliseconds: number): any {
    this.d.schedule = { kind: 'once', at: new Date(this.ctx.now().getTime() + durationMilliseconds), fired: false };
    return this.proxy;
  }
  atHour(hour: number): any {
    this.d.hour = hour;
    return this.proxy;
  }
  nearMinute(minute: number): any {
    this.d.minute = minute;
    return this.proxy;
  }
  inTimezone(tz: string): any {
    this.d.timeZone = tz;
    return this.proxy;
  }
  create(): Trigger {
    const d = this.d;
    if (!d.eventType || !d.source) throw new Error('Trigger type is not specified.');
    if (d.eventType === 'CLOCK' && !d.schedule) throw new Error('The trigger schedule is not specified.');
    return this.reg.add(d as Omit<TriggerData, 'uid' | 'owner' | 'createdAt'>);
  }
}

type ScriptAppApi = Pick<
  GoogleAppsScript.Script.ScriptApp,
  'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger' | 'getScriptId' | 'getService'
>;

class FakeScriptApp implements ScriptAppApi {
  AuthMode = AuthMode;
  EventType = EventType;
  TriggerSource = TriggerSource;
  WeekDay = WeekDay;
  constructor(
    private readonly ctx: Ctx,
    private readonly reg: TriggerRegistry,
    private readonly scriptId: string,
  ) {}
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    const b = new FakeTriggerBuilder(this.ctx, this.reg, functionName);
    b.proxy = strictFake(b, 'TriggerBuilder', 'ScriptApp', this.ctx.env);
    return b.proxy;
  }
  private mine(): TriggerData[] {
    return this.reg.ofUser(this.ctx.activeUserEmail);
  }
  getProjectTriggers(): Trigger[] {
    return this.mine().map((t) => this.reg.wrap(t));
  }
  /** The user's triggers of one document: its spreadsheet triggers and those created while it was active. */
  getUserTriggers(doc: any): Trigger[] {
    const id = sourceIdOf(doc);
    return this.mine()
      .filter((t) => t.sourceId === id || t.documentId === id)
      .map((t) => this.reg.wrap(t));
  }
  /** Another user's trigger is not this user's to delete (nor can the script list it): nothing happens. */
  deleteTrigger(trigger: Trigger): void {
    const uid = trigger.getUniqueId();
    if (this.mine().some((t) => t.uid === uid)) this.reg.remove(uid);
  }
  getScriptId(): string {
    return this.scriptId;
  }
  getService(): GoogleAppsScript.Script.Service {
    return (this.service ??= createWebAppService(`AKfyc${this.scriptId}`, this.ctx.env));
  }
  private service?: GoogleAppsScript.Script.Service;
}

export function createScriptApp(ctx: Ctx, reg: TriggerRegistry): GoogleAppsScript.Script.ScriptApp {
  return strictFake(new FakeScriptApp(ctx, reg, ctx.nextId('1script')), 'ScriptApp', 'ScriptApp', ctx.env);
}
