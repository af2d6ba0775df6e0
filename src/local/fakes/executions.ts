// Executions as Apps Script has them: each menu click, sidebar RPC and trigger run is one execution, run as one
// user, owning the locks it takes until it ends (developers.google.com/apps-script/reference/lock/lock: a lock
// «is released when the script ends» — when the execution ends). Locally everything is synchronous, so
// concurrency is modelled by nesting: a test arms an interleaving, and at the chosen point inside execution A
// (its Nth service call, or the moment it acquires the script lock) another execution B runs to its end — B sees A
// holding the lock exactly as a second execution in Google would. A test can also kill an execution at its Nth
// service call (as Google stops a script at 6 minutes: from then on every service call fails, so even its
// `finally` blocks cannot write), give every service call a latency on the runtime clock, and enforce the time
// limit on that clock.

/** Google's message when it stops a script at the time limit (the execution log shows it). */
export const EXECUTION_TIME_EXCEEDED = 'Exceeded maximum execution time';
/** Apps Script's limit per execution (developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_TIME_LIMIT_MS = 6 * 60_000;

export interface ExecutionRecord {
  readonly id: number;
  /** The function the execution runs: a menu item, an RPC or a trigger handler. */
  readonly label: string;
  readonly user: string;
  readonly startedAt: Date;
  endedAt: Date | null;
  /** Service calls it made (every call of a fake's method). */
  calls: number;
  /** With `traceCalls` on when it ran: each call's `Class.method`, in order (call N is `members[N - 1]`). */
  readonly members?: string[];
  outcome: 'running' | 'ok' | 'error' | 'killed';
  error: string | null;
}

/** Where to step into an execution. */
export interface ExecutionPoint {
  /** Which execution: its label, a pattern of labels, or (omitted) the next one to start. */
  into?: string | RegExp;
  /** At its Nth service call (1-based), before that call runs. */
  atCall?: number;
  /** With `atCall`: count only the calls of this `Class.method` (e.g. 'Sheet.deleteRows'). */
  member?: string;
  /** Right after it acquires the script lock. */
  onLock?: boolean;
}

/** What became of an armed interleaving: whether it ran, inside which execution, and what the other side threw. */
export interface Interleaving {
  readonly fired: boolean;
  readonly host: ExecutionRecord | null;
  readonly error: Error | null;
}

interface Armed {
  point: ExecutionPoint;
  run: () => void;
  state: { fired: boolean; host: ExecutionRecord | null; error: Error | null };
}

interface Frame {
  /** null: code of the test itself (outside any execution); its calls are neither counted nor delayed. */
  record: ExecutionRecord | null;
  startedMs: number;
  kill: ExecutionPoint | null;
  killed: boolean;
  hooks: Armed[];
  /** Calls by `Class.method`, for points given by member. */
  byMember: Map<string, number>;
}

export interface Clock {
  now(): Date;
  advance(ms: number): void;
}

export class Executions {
  readonly log: ExecutionRecord[] = [];
  private readonly stack: Frame[] = [];
  private armed: Armed[] = [];
  private kills: ExecutionPoint[] = [];
  private readonly endListeners: ((id: number) => void)[] = [];
  /**
   * The running call came with `authMode: NONE` (an add-on's onOpen in a document it was never used in): Google lets
   * it build the menu and nothing else («Triggers for Editor add-ons», «AuthMode.NONE»); any other call throws.
   */
  authModeNone = false;
  private seq = 0;
  /** The user the next execution runs as (a trigger's owner), consumed when it starts. */
  nextUser: string | null = null;
  latency: (member: string) => number = () => 0;
  timeLimitMs: number | null = null;
  /** Record each execution's calls by name (a test sweeping stops over the writes of a run). */
  traceCalls = false;

  constructor(
    private readonly clock: Clock,
    private readonly baseUser: () => string,
  ) {}

  /** The running execution's id; 0 outside any execution (test code, or a fake used without a script). */
  currentId(): number {
    return this.top()?.record?.id ?? 0;
  }

  /** Who the running execution runs as, or null outside any execution. */
  currentUser(): string | null {
    return this.top()?.record?.user ?? null;
  }

  current(): ExecutionRecord | null {
    return this.top()?.record ?? null;
  }

  onEnd(listener: (id: number) => void): void {
    this.endListeners.push(listener);
  }

  /** Runs `fn` as one execution; what it throws reaches the caller (a test sees a failing trigger fail). */
  run<T>(label: string, fn: () => T, user?: string): T {
    const record: ExecutionRecord = {
      id: ++this.seq,
      label,
      user: user ?? this.nextUser ?? this.baseUser(),
      startedAt: this.clock.now(),
      endedAt: null,
      calls: 0,
      ...(this.traceCalls ? { members: [] } : {}),
      outcome: 'running',
      error: null,
    };
    this.nextUser = null;
    this.log.push(record);
    const kill = this.kills.find((k) => matches(k, label)) ?? null;
    this.kills = this.kills.filter((k) => k !== kill);
    const hooks = this.armed.filter((a) => matches(a.point, label));
    this.armed = this.armed.filter((a) => !hooks.includes(a));
    const frame: Frame = { record, startedMs: record.startedAt.getTime(), kill, killed: false, hooks, byMember: new Map() };
    this.stack.push(frame);
    try {
      const result = fn();
      record.outcome = frame.killed ? 'killed' : 'ok';
      return result;
    } catch (error) {
      record.outcome = frame.killed ? 'killed' : 'error';
      record.error =
        error instanceof Error || (error && typeof error === 'object' && 'message' in error)
          ? String((error as Error).message)
          : String(error);
      throw error;
    } finally {
      this.stack.pop();
      record.endedAt = this.clock.now();
      for (const listener of this.endListeners) listener(record.id);
      // An interleaving whose point the execution never reached stays armed for the next matching one.
      this.armed.push(...hooks.filter((h) => !h.state.fired));
    }
  }

  /** Arms `other` (which starts executions of its own) to run at `point`; see Interleaving. */
  interleave(point: ExecutionPoint, other: () => void): Interleaving {
    const state = { fired: false, host: null as ExecutionRecord | null, error: null as Error | null };
    this.armed.push({ point, run: other, state });
    return state;
  }

  kill(point: ExecutionPoint & { atCall: number }): void {
    this.kills.push(point);
  }

  /** Called by every strict fake before a method runs: counts, kills, delays and fires interleavings. */
  beforeCall(member: string): void {
    if (this.authModeNone && !/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(member)) {
      throw new Error(`You do not have permission to call ${member}. (AuthMode.NONE: only the add-on menu may be built.)`);
    }
    const frame = this.top();
    const record = frame?.record;
    if (!frame || !record) return;
    record.calls += 1;
    record.members?.push(member);
    frame.byMember.set(member, (frame.byMember.get(member) ?? 0) + 1);
    const reached = (p: ExecutionPoint) =>
      p.atCall !== undefined &&
      (p.member === undefined ? record.calls === p.atCall : p.member === member && frame.byMember.get(member) === p.atCall);
    const overTime = this.timeLimitMs !== null && this.clock.now().getTime() - frame.startedMs > this.timeLimitMs;
    if (frame.killed || (frame.kill && reached(frame.kill)) || overTime) {
      frame.killed = true;
      throw new Error(EXECUTION_TIME_EXCEEDED);
    }
    const delay = this.latency(member);
    if (delay > 0) this.clock.advance(delay);
    this.fire(frame, reached);
  }

  /** Called by the lock fake when the running execution acquires the script lock. */
  scriptLockAcquired(): void {
    const frame = this.top();
    if (frame?.record) this.fire(frame, (p) => Boolean(p.onLock));
  }

  private fire(frame: Frame, due: (p: ExecutionPoint) => boolean): void {
    for (const hook of frame.hooks.filter((h) => !h.state.fired && due(h.point))) {
      hook.state.fired = true;
      hook.state.host = frame.record;
      // The other side runs as test code: its own executions start inside it, and nothing it throws reaches A.
      this.stack.push({ record: null, startedMs: 0, kill: null, killed: false, hooks: [], byMember: new Map() });
      try {
        hook.run();
      } catch (error) {
        hook.state.error = error instanceof Error ? error : new Error(String((error as Error)?.message ?? error));
      } finally {
        this.stack.pop();
      }
    }
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }
}

function matches(point: ExecutionPoint, label: string): boolean {
  if (point.into === undefined) return true;
  return typeof point.into === 'string' ? point.into === label : point.into.test(label);
}
