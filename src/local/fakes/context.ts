import type { Executions } from './executions';
import { FakeEnv } from './strict';

/** One recorded UI interaction (alerts, prompts). */
export interface AlertRecord {
  title?: string;
  message: string;
  buttons?: string;
  response: string;
}
export interface MenuRecord {
  title: string;
  addon: boolean;
  items: Array<{ caption: string; functionName: string } | { separator: true } | { subMenu: MenuRecord }>;
}
export interface HtmlRecord {
  title: string;
  html: string;
  width?: number;
  height?: number;
}
export interface ToastRecord {
  message: string;
  title?: string;
  timeoutSeconds?: number;
  spreadsheetId: string;
}

export interface UiState {
  menus: MenuRecord[];
  alerts: AlertRecord[];
  prompts: Array<{ title?: string; message: string; response: string; button: string }>;
  sidebars: HtmlRecord[];
  dialogs: Array<HtmlRecord & { modal: boolean }>;
  toasts: ToastRecord[];
  /** Queue of responses for the next alerts ('OK', 'YES', 'NO', 'CANCEL', 'CLOSE'); default OK / YES. */
  alertResponses: string[];
  /** Queue of responses for prompts: text and button. */
  promptResponses: Array<{ text: string; button?: string }>;
}

/** Mutable state shared by all fakes of one local runtime. */
export interface Ctx {
  env: FakeEnv;
  timeZone: string;
  /** Runtime clock (option `now` plus any Utilities.sleep advance). */
  now(): Date;
  advance(ms: number): void;
  /** Who acts: the running execution's user (a trigger's owner), else the person at the keyboard. */
  activeUserEmail: string;
  executions: Executions;
  ui: UiState;
  nextId(prefix: string): string;
  /** Published form URL when the sheet is a form destination, else null. */
  formUrlForSheet(sheetId: number, spreadsheetId: string): string | null;
  /** Resolves a function/value defined by the loaded script (set by the sandbox), for templates. */
  lookupGlobal?: (name: string) => unknown;
}

let seq = 0;
export function makeId(prefix: string): string {
  seq += 1;
  // Google ids are ~44 url-safe chars; a readable deterministic-ish variant is enough locally.
  const rnd = Math.random().toString(36).slice(2, 10);
  return `${prefix}${seq.toString(36).padStart(4, '0')}${rnd}`;
}
