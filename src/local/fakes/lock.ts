import { Ctx } from './context';
import { strictFake } from './strict';

type Lock = GoogleAppsScript.Lock.Lock;
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Observable lock state: tests assert that writes happen while `held` is true. */
export interface LockState {
  held: boolean;
  acquisitions: number;
  releases: number;
  contention: boolean;
}

class FakeLock implements Pick<Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'> {
  private mine = false;
  constructor(private readonly ctx: Ctx, private readonly state: LockState) {}
  tryLock(timeoutInMillis: number): boolean {
    if (this.mine) return true;
    if (this.state.contention) {
      this.ctx.advance(Math.max(0, timeoutInMillis)); // we "waited" for the timeout
      return false;
    }
    this.mine = true;
    this.state.held = true;
    this.state.acquisitions += 1;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT);
  }
  releaseLock(): void {
    if (!this.mine) return;
    this.mine = false;
    this.state.held = false;
    this.state.releases += 1;
  }
  hasLock(): boolean { return this.mine; }
}

class FakeLockService implements Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getDocumentLock' | 'getUserLock'> {
  constructor(private readonly ctx: Ctx, private readonly state: LockState) {}
  // Each call returns a new Lock object sharing the one script-wide state (like Google).
  private make(): Lock { return strictFake<Lock>(new FakeLock(this.ctx, this.state), 'Lock', 'LockService', this.ctx.env); }
  getScriptLock(): Lock { return this.make(); }
  getDocumentLock(): Lock { return this.make(); }
  getUserLock(): Lock { return this.make(); }
}

export function createLockService(ctx: Ctx, state: LockState): GoogleAppsScript.Lock.LockService {
  return strictFake(new FakeLockService(ctx, state), 'LockService', 'LockService', ctx.env);
}
