import { Ctx, MenuRecord } from '../context';
import { makeEnum, strictFake } from '../strict';
import { htmlRecord } from '../html';

type B = typeof GoogleAppsScript.Base;
export const Button = makeEnum<B['Button']>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum<B['ButtonSet']>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

type Menu = GoogleAppsScript.Base.Menu;
type Ui = GoogleAppsScript.Base.Ui;

class FakeMenu implements Pick<Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  proxy!: Menu;
  constructor(
    private readonly ctx: Ctx,
    readonly record: MenuRecord,
  ) {}
  addItem(caption: string, functionName: string): Menu {
    this.record.items.push({ caption, functionName });
    return this.proxy;
  }
  addSeparator(): Menu {
    this.record.items.push({ separator: true });
    return this.proxy;
  }
  addSubMenu(menu: Menu): Menu {
    this.record.items.push({ subMenu: (menu as unknown as FakeMenu).record });
    return this.proxy;
  }
  addToUi(): void {
    // Re-adding a menu with the same title replaces it, like re-running onOpen does in Sheets.
    const menus = this.ctx.ui.menus;
    const i = menus.findIndex((m) => m.title === this.record.title && m.addon === this.record.addon);
    if (i >= 0) menus.splice(i, 1, this.record);
    else menus.push(this.record);
  }
}

function makeMenu(ctx: Ctx, title: string, addon: boolean): Menu {
  const impl = new FakeMenu(ctx, { title, addon, items: [] });
  impl.proxy = strictFake<Menu>(impl, 'Menu', 'SpreadsheetApp', ctx.env);
  return impl.proxy;
}

type UiApi = Pick<Ui, 'createMenu' | 'createAddonMenu' | 'alert' | 'prompt' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'>;

const YES_NO = new Set(['YES_NO', 'YES_NO_CANCEL']);

class FakeUi implements UiApi {
  Button = Button;
  ButtonSet = ButtonSet;
  constructor(private readonly ctx: Ctx) {}
  createMenu(caption: string): Menu {
    return makeMenu(this.ctx, caption, false);
  }
  createAddonMenu(): Menu {
    return makeMenu(this.ctx, '(add-on)', true);
  }
  alert(a: string, b?: any, c?: any): GoogleAppsScript.Base.Button {
    let title: string | undefined;
    let message = a;
    let buttons: string | undefined;
    if (typeof b === 'string') {
      title = a;
      message = b;
      buttons = c === undefined ? 'OK' : String(c);
    } else if (b !== undefined) buttons = String(b);
    const queued = this.ctx.ui.alertResponses.shift();
    const response = queued ?? (buttons && YES_NO.has(buttons) ? 'YES' : 'OK');
    this.ctx.ui.alerts.push({ title, message: String(message), buttons, response });
    return response as unknown as GoogleAppsScript.Base.Button;
  }
  prompt(a: string, b?: any, c?: any): GoogleAppsScript.Base.PromptResponse {
    let title: string | undefined;
    let message = a;
    let buttons = 'OK';
    if (typeof b === 'string') {
      title = a;
      message = b;
      if (c !== undefined) buttons = String(c);
    } else if (b !== undefined) buttons = String(b);
    const queued = this.ctx.ui.promptResponses.shift() ?? { text: '' };
    const button = queued.button ?? (YES_NO.has(buttons) ? 'YES' : 'OK');
    this.ctx.ui.prompts.push({ title, message, response: queued.text, button });
    const res = { getResponseText: () => queued.text, getSelectedButton: () => button };
    return strictFake<GoogleAppsScript.Base.PromptResponse>(res, 'PromptResponse', 'SpreadsheetApp', this.ctx.env);
  }
  showSidebar(userInterface: any): void {
    this.ctx.ui.sidebars.push(htmlRecord(userInterface));
  }
  showModalDialog(userInterface: any, title: string): void {
    this.ctx.ui.dialogs.push({ ...htmlRecord(userInterface), title, modal: true });
  }
  showModelessDialog(userInterface: any, title: string): void {
    this.ctx.ui.dialogs.push({ ...htmlRecord(userInterface), title, modal: false });
  }
}

export function createUi(ctx: Ctx): Ui {
  return strictFake<Ui>(new FakeUi(ctx), 'Ui', 'SpreadsheetApp', ctx.env);
}
