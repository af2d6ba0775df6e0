// What the monthly digests cost, through the built bundle, on the indicators bench's generated municipalities
// (every ОО with a coordinator, plus a methodist and a ministry address): composing every letter (the preview the
// local runner writes), and the monthly trigger's first run — as many letters as the consumer quota of 100 allows,
// each with its «Рассылки» row. Wall time, letter sizes, and Apps Script service calls (per letter for the run).
import { SHEETS } from '../../core/schema/sheets';
import { openLocalWorkbook } from '../localWorkbook';
import { generate } from './indicators';
import { goal, reportGoals } from './goals';

/** Issue 17: the ~53k-staff municipality's 1,800 letters composed in ≤ 2 s (1,798 ОО, the methodist, the ministry). */
const GOAL = { staff: 53000, orgs: 1798, ms: 2000 };

/** `sizes`: staff, or staff:ОО (default ОО: the indicators bench's 1 per 90 staff). */
export function benchDigests(sizes: readonly string[]): string {
  const rows: string[] = [];
  const goals = [];
  for (const size of sizes) {
    const [staff, orgCount] = size.split(':').map(Number) as [number, number | undefined];
    // The digests are turned on the day before; the scheduler's tick after 8:00 on the 1st sends December's letters.
    let now = new Date(2024, 11, 31, 12, 0);
    const workbook = openLocalWorkbook({ now: () => now });
    workbook.menu('menuSetupWorkbook');
    const { orgs } = generate(workbook, staff, orgCount);
    const sheet = workbook.spreadsheet.getSheetByName(SHEETS.organizations.name)!;
    const column = SHEETS.organizations.columns.findIndex((c) => c.key === 'coordinatorEmail') + 1;
    sheet.getRange(2, column, orgs, 1).setValues(Array.from({ length: orgs }, (_, i) => [`oo${i + 1}@bench.example`]));
    workbook.rpc('rpcKpiLoadPreset', { preset: 'klin', mode: 'keep' });
    workbook.rpc('rpcKpiRecompute', { year: 2024 });
    workbook.rpc('rpcSettingsSaveDigest', {
      methodists: ['metodist@bench.example'],
      ministry: ['minobr@bench.example'],
      coordinatorsOff: [],
    });
    const calls = workbook.runtime.calls;

    calls.reset();
    let started = process.hrtime.bigint();
    const letters = workbook.rpc<{ html: string; text: string }[]>('rpcDigestPreview', { month: '2024-12' });
    const composeMs = Number(process.hrtime.bigint() - started) / 1e6;
    const composeCalls = calls.total();
    const largest = Math.max(...letters.map((l) => Buffer.byteLength(l.html)));
    if (staff === GOAL.staff && orgs === GOAL.orgs)
      goals.push(
        goal(
          `сбор ${letters.length} сводок при ${staff} педагогах`,
          composeMs,
          `≤ ${GOAL.ms / 1000} с`,
          composeMs <= GOAL.ms,
          (x) => `${(x / 1000).toFixed(2)} с`,
        ),
      );

    workbook.rpc('rpcSettingsDigestSchedule', { on: true });
    calls.reset();
    started = process.hrtime.bigint();
    now = new Date(2025, 0, 1, 8, 5);
    workbook.runtime.triggers.fireTimeTriggers(now);
    const runMs = Number(process.hrtime.bigint() - started) / 1e6;
    const sent = workbook.runtime.mail.outbox.length;
    const sheets = calls.total('SpreadsheetApp');
    rows.push(
      [
        String(staff).padStart(7),
        String(letters.length).padStart(5),
        composeMs.toFixed(0).padStart(7),
        String(composeCalls).padStart(7),
        (largest / 1024).toFixed(0).padStart(7),
        String(sent).padStart(10),
        runMs.toFixed(0).padStart(6),
        (sheets / Math.max(sent, 1)).toFixed(2).padStart(12),
        String(calls.total()).padStart(6),
      ].join(' | '),
    );
  }
  return [
    'Ежемесячные сводки через сборку: все письма (rpcDigestPreview) и первый запуск ежемесячного триггера (квота 100)',
    'педагогов | писем | сбор мс | вызовов | макс КБ | отправлено |  запуск мс | Sheets/письмо | всего',
    ...rows,
    'сбор — все письма месяца (письма ОО и методиста, министерства); макс КБ — самое большое HTML-письмо (предел Google 200 КБ);',
    'запуск — onSchedulerTrigger (задание «digest»): квота, «Рассылки», реестры, письма до квоты; Sheets/письмо — вызовы SpreadsheetApp на письмо',
    ...reportGoals(goals),
  ].join('\n');
}
