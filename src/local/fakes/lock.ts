import { Ctx } from './context';
import { strictFake } from './strict';

type Lock = GoogleAppsScript.Lock.Lock;
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Observable state of the script lock: tests assert that writes happen while `held` is true. */
export interface LockState {
  held: boolean;
  acquisitions: number;
  releases: number;
  /** Legacy switch: the script lock behaves as held by another execution that never ends. */
  contention: boolean;
}

/**
 * Script, document and user locks, each owned by at most one execution (0 = code outside any execution). A lock is
 * mutual exclusion between executions: the holder may take it again; another execution waits its timeout on the
 * runtime clock and fails; the execution's end releases what it still holds.
 */
export class LockTable {
  private readonly owners = new Map<string, number>();
  constructor(
    private readonly ctx: Ctx,
    readonly script: LockState,
  ) {
    ctx.executions.onEnd((id) => {
      for (const [key, owner] of this.owners) if (owner === id) this.release(key);
    });
  }
  ownerOf(key: string): number | undefined {
    return this.owners.get(key);
  }
  tryAcquire(key: string, timeoutMs: number): boolean {
    const me = this.ctx.executions.currentId();
    const owner = this.owners.get(key);
    if (owner === me) return true;
    if (owner !== undefined || (key === SCRIPT && this.script.contention)) {
      this.ctx.advance(Math.max(0, timeoutMs)); // waited for the whole timeout: the holder cannot end meanwhile
      return false;
    }
    this.owners.set(key, me);
    if (key === SCRIPT) {
      this.script.held = true;
      this.script.acquisitions += 1;
      this.ctx.executions.scriptLockAcquired();
    }
    return true;
  }
  release(key: string): void {
    if (!this.owners.delete(key)) return;
    if (key === SCRIPT) {
      this.script.held = false;
      this.script.releases += 1;
    }
  }
}

const SCRIPT = 'script';

class FakeLock implements Pick<Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'> {
  constructor(
    private readonly table: LockTable,
    private readonly key: string,
    private readonly ctx: Ctx,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    return this.table.tryAcquire(this.key, timeoutInMillis);
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT);
  }
  releaseLock(): void {
    if (this.hasLock()) this.table.release(this.key);
  }
  hasLock(): boolean {
    return this.table.ownerOf(this.key) === this.ctx.executions.currentId();
  }
}

class FakeLockService implements Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getDocumentLock' | 'getUserLock'> {
  constructor(
    private readonly ctx: Ctx,
    private readonly table: LockTable,
    private readonly documentId: () => string | null,
  ) {}
  private make(key: string): Lock {
    return strictFake<Lock>(new FakeLock(this.table, key, this.ctx), 'Lock', 'LockService', this.ctx.env);
  }
  // Each call returns a new Lock object over the one shared lock (like Google).
  getScriptLock(): Lock {
    return this.make(SCRIPT);
  }
  /** null outside a bound document, as in Google. */
  getDocumentLock(): Lock {
    const id = this.documentId();
    return (id ? this.make(`document:${id}`) : null) as Lock;
  }
  getUserLock(): Lock {
    return this.make(`user:${this.ctx.activeUserEmail}`);
  }
}

export function createLockService(ctx: Ctx, state: LockState, documentId: () => string | null): GoogleAppsScript.Lock.LockService {
  return strictFake(new FakeLockService(ctx, new LockTable(ctx, state), documentId), 'LockService', 'LockService', ctx.env);
}
