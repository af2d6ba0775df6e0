// The one place where «Шаблон» (a script bound to a copied template workbook) and «Дополнение» (the same code
// published as an Editor add-on) differ (issue 16 §1). Apps Script tells a bound script from an add-on nowhere
// outside onOpen's event, so the mode is fixed when the bundle is built: `npm run build -- --addon` or
// MARSHRUT_INSTALL_MODE=addon (scripts/build.mjs defines __MARSHRUT_INSTALL_MODE__); without either, «Шаблон».
// Google's rules for an add-on («Triggers for Editor add-ons»,
// developers.google.com/workspace/add-ons/concepts/editor-triggers): one installable trigger of each type per user
// per document, and a time-driven trigger at most once an hour.

declare const __MARSHRUT_INSTALL_MODE__: string | undefined;

export type InstallMode = 'template' | 'addon';

export function installMode(): InstallMode {
  return typeof __MARSHRUT_INSTALL_MODE__ !== 'undefined' && __MARSHRUT_INSTALL_MODE__ === 'addon' ? 'addon' : 'template';
}

/** The single scheduler trigger's period: every 10 minutes as a template, hourly (Google's limit) as an add-on. */
export const schedulerEveryMinutes = (mode: InstallMode = installMode()): number => (mode === 'addon' ? 60 : 10);

/** When a waiting answer is taken in at the latest, in a methodist's words. */
export const tickWithin = (mode: InstallMode = installMode()): string => (mode === 'addon' ? 'в течение часа' : 'в течение 10 минут');

/** How often the scheduler runs, in a methodist's words. */
export const tickEvery = (mode: InstallMode = installMode()): string => (mode === 'addon' ? 'раз в час' : 'каждые 10 минут');

/**
 * Whether the form-submit trigger drains a small batch itself (when it gets the lock at once): an add-on's hourly
 * tick would leave a teacher's answer out of the register for up to an hour.
 */
export const submitDrains = (mode: InstallMode = installMode()): boolean => mode === 'addon';

/** The product's top menu: «Маршрут» in a template's menu bar, the add-on's own under «Расширения» as an add-on. */
export const topMenu = (ui: GoogleAppsScript.Base.Ui, mode: InstallMode = installMode()): GoogleAppsScript.Base.Menu =>
  mode === 'addon' ? ui.createAddonMenu() : ui.createMenu('Маршрут');
