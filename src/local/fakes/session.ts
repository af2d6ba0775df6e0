import { Ctx } from './context';
import { makeUser } from './spreadsheet/extras';
import { strictFake } from './strict';
import { createHash } from 'node:crypto';

type SessionApi = Pick<
  GoogleAppsScript.Base.Session,
  'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey' | 'getActiveUserLocale'
>;

class FakeSession implements SessionApi {
  constructor(private readonly ctx: Ctx) {}
  getActiveUser(): GoogleAppsScript.Base.User {
    return makeUser(this.ctx, this.ctx.activeUserEmail);
  }
  /** Whose authority the script runs with: the user at the menu, or a trigger's owner (a bound script, no web app). */
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return makeUser(this.ctx, this.ctx.activeUserEmail);
  }
  getScriptTimeZone(): string {
    return this.ctx.timeZone;
  }
  getActiveUserLocale(): string {
    return 'ru';
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`marshrut:${this.ctx.activeUserEmail}`).digest('base64url').slice(0, 43);
  }
}

export function createSession(ctx: Ctx): GoogleAppsScript.Base.Session {
  return strictFake(new FakeSession(ctx), 'Session', 'Session', ctx.env);
}
