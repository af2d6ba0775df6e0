// The dashboard step of `marshrut run`: DIR/dashboard.html is the page the bundle shows in «Маршрут → Дашборд…»,
// data embedded, written as it is — self-contained, it opens from the disk in any browser. The regional CLI renders
// the same page from its own DashboardData with renderDashboardHtml.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DashboardData } from '../core/dashboard/data';
import { dashboardPage } from '../core/dashboard/page';
import { BUILD_DIR, type LocalWorkbook } from './localWorkbook';

const PAGE_FILE = 'Dashboard.html';

/** The built page (build/Dashboard.html) with `data` embedded. */
export function renderDashboardHtml(data: DashboardData, buildDir = BUILD_DIR): string {
  return dashboardPage(readFileSync(join(buildDir, PAGE_FILE), 'utf8'), { data });
}

/** Opens the dashboard dialog in the local workbook and writes its page to DIR/dashboard.html. */
export function writeDashboardHtml(out: string, workbook: LocalWorkbook): string {
  const before = workbook.runtime.ui.dialogs.length;
  workbook.menu('menuShowDashboard');
  const dialog = workbook.runtime.ui.dialogs[before];
  if (!dialog) throw new Error(`Дашборд не открылся: ${workbook.runtime.ui.alerts.at(-1)?.message ?? 'причина неизвестна'}`);
  const path = join(out, 'dashboard.html');
  writeFileSync(path, dialog.html);
  return path;
}
