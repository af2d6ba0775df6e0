// «Маршрут → Показатели…»: the indicators sidebar and its RPCs — the state of the last recompute, loading a preset,
// recompute with progress, and «кто не охвачен» (in the sidebar and on a new sheet). Loading, recomputing and the
// lists of people are for the access list only; the last results (aggregates) are readable by any editor.
import * as z from 'zod';
import { reportingYear, type KpiRequest } from '../../core/indicators/compute';
import { Dataset } from '../../core/indicators/dataset';
import { parseDayNumber } from '../../core/indicators/period';
import { PRESET_IDS, PRESETS } from '../../core/indicators/presets';
import { readKpiReport } from '../../core/indicators/report';
import { loadPreset, recomputeKpi, uncoveredList, type KpiDeps } from '../../core/indicators/service';
import { readSettings, SETTING } from '../../core/settings';
import { assertAccess } from '../access';
import { dashboardAfterRecompute } from '../dashboardSheet';
import { cacheProgress, exportUncovered, readProgress, SheetsKpiOutput } from '../indicatorSheets';
import { showPage } from '../pages';
import { systemClock } from '../services';
import { snapshotOf } from '../workbookPort';
import { active, methodistDeps } from './context';
import { payloadOf } from './rpcPayload';

export function menuShowIndicators(): void {
  showPage('Indicators', 'Показатели');
}

const kpiDeps = (): KpiDeps => ({ ...methodistDeps(), output: new SheetsKpiOutput(active()) });

const day = z
  .string()
  .max(20)
  .transform((text, ctx) => {
    const parsed = parseDayNumber(text);
    if (parsed === null) ctx.addIssue({ code: 'custom', message: `«${text}» — не дата (дд.мм.гггг)` });
    return parsed ?? 0;
  });

/** Year, or an explicit period, and the scope, as the sidebar and the CLI send them. */
const kpiRequestSchema = z
  .object({
    year: z.number().int().min(1990).max(2100).optional(),
    from: day.optional(),
    to: day.optional(),
    scope: z.string().max(100).optional(),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), 'Укажите обе даты периода: «с» и «по».')
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, 'Начало периода позже его конца.')
  .transform((r): KpiRequest => ({ year: r.year, from: r.from, to: r.to, scope: r.scope || undefined }));

/** Payload errors a methodist caused (a wrong date) are told as they are; a malformed panel request is not. */
function requestOf<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  const custom = parsed.success ? undefined : parsed.error.issues.find((i) => i.code === 'custom');
  if (custom) throw new Error(custom.message);
  return payloadOf(schema, payload);
}

/** What the sidebar opens with: presets, the default year and scope choices, and the last recompute. */
export function rpcKpiState() {
  const workbook = snapshotOf(active());
  const settings = readSettings(workbook.table('settings'));
  const organizations = workbook.table('organizations');
  const orgs = Array.from({ length: organizations.size }, (_, i) => ({
    code: organizations.text(i, 'code'),
    name: organizations.text(i, 'name'),
  }));
  return {
    presets: PRESETS.map((p) => ({ id: p.id, title: p.title })),
    preset: settings.get(SETTING.preset) ?? '',
    year: reportingYear(settings.get(SETTING.year), new Dataset(workbook), systemClock.now()),
    orgs: orgs.filter((o) => o.code),
    report: readKpiReport(workbook),
  };
}

const presetPayload = z.object({ preset: z.enum(PRESET_IDS as [string, ...string[]]), mode: z.enum(['keep', 'replace']) });

export function rpcKpiLoadPreset(payload: unknown) {
  assertAccess(active());
  const { preset, mode } = payloadOf(presetPayload, payload);
  return loadPreset(methodistDeps(), preset, mode);
}

export function rpcKpiRecompute(payload: unknown) {
  assertAccess(active());
  return recomputeKpi(kpiDeps(), requestOf(kpiRequestSchema, payload ?? {}), cacheProgress(), dashboardAfterRecompute(active()));
}

/** Where the caller's recompute is (polled by the sidebar while it runs). */
export function rpcKpiProgress() {
  return readProgress();
}

const uncoveredPayload = z.object({
  request: kpiRequestSchema,
  code: z.string().min(1).max(50),
  org: z.string().max(100).optional(),
});

export function rpcKpiUncovered(payload: unknown) {
  assertAccess(active());
  const { request, code, org } = requestOf(uncoveredPayload, payload);
  return uncoveredList(methodistDeps(), request, code, org || undefined);
}

export function rpcKpiExportUncovered(payload: unknown) {
  assertAccess(active());
  const { request, code, org } = requestOf(uncoveredPayload, payload);
  const list = uncoveredList(methodistDeps(), request, code, org || undefined);
  return { sheet: exportUncovered(active(), list, org ?? ''), rows: list.rows.length };
}
