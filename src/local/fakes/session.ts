import { Ctx } from './context';
import { makeUser } from './spreadsheet/extras';
import { strictFake } from './strict';
import { createHash } from 'node:crypto';

type SessionApi = Pick<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' |
  'getTemporaryActiveUserKey' | 'getActiveUserLocale'>;

class FakeSession implements SessionApi {
  constructor(private readonly ctx: Ctx, private readonly ownerEmail: string) {}
  getActiveUser(): GoogleAppsScript.Base.User { return makeUser(this.ctx, this.ctx.activeUserEmail); }
  /** The script owner: the user the runtime was created with. */
  getEffectiveUser(): GoogleAppsScript.Base.User { return makeUser(this.ctx, this.ownerEmail); }
  getScriptTimeZone(): string { return this.ctx.timeZone; }
  getActiveUserLocale(): string { return 'ru'; }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`marshrut:${this.ctx.activeUserEmail}`).digest('base64url').slice(0, 43);
  }
}

export function createSession(ctx: Ctx): GoogleAppsScript.Base.Session {
  return strictFake(new FakeSession(ctx, ctx.activeUserEmail), 'Session', 'Session', ctx.env);
}
