// Where the ОО-1 headcount and the roster («Педагоги») disagree, the indicator says so (SPEC §6): a share's
// numerator that counted more of an ОО's people than its ОО-1 headcount is clipped to it, and staff_per_methodist
// names an ОО whose two figures differ by more than 10 %. The text names the ОО and both numbers and says what to
// correct; «Показатели» keeps it in «Предупреждения» (one per line), and the report read back from the sheet parses
// it again, so the sidebar, the dashboard and a digest show it without a recompute.
import { compareCodes } from '../text';

export const WARNING_CODES = ['headcount_exceeded', 'headcount_roster_mismatch'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface KpiWarning {
  readonly code: WarningCode;
  /** The ОО's code as «Организации» spells it. */
  readonly organization: string;
  /** headcount_exceeded: the people of the ОО the numerator counted; headcount_roster_mismatch: its roster rows. */
  readonly counted: number;
  /** «Численность работников (ОО-1)» of the ОО. */
  readonly headcount: number;
  readonly text: string;
}

/** What the engine found, by normalized ОО code (the names are the dataset's). */
export interface HeadcountGap {
  readonly code: WarningCode;
  readonly org: string;
  readonly counted: number;
  readonly headcount: number;
}

/** staff_per_methodist: the roster and ОО-1 «disagree» beyond this share of the ОО-1 headcount. */
export const MISMATCH_TOLERANCE = 0.1;

export const mismatched = (roster: number, headcount: number): boolean => Math.abs(roster - headcount) > MISMATCH_TOLERANCE * headcount;

const HEADCOUNT = '«Численность работников (ОО-1)» на листе «Организации»';

function textOf(code: WarningCode, organization: string, name: string, counted: number, headcount: number): string {
  const who = `ОО ${organization}${name ? ` — ${name}` : ''}`;
  if (code === 'headcount_exceeded')
    return (
      `${who}: в числителе ${counted} чел. с листа «Педагоги», а по ОО-1 работников ${headcount} — засчитано ${headcount}. ` +
      `Проверьте ${HEADCOUNT} или уберите лишние и повторные строки этой ОО на листе «Педагоги».`
    );
  const fix = counted > headcount ? 'уберите лишние и повторные строки' : 'добавьте недостающих работников';
  return (
    `${who}: на листе «Педагоги» ${counted} чел., а по ОО-1 работников ${headcount} — расходятся больше чем на 10 %; ` +
    `в расчёте взята численность по ОО-1. Проверьте ${HEADCOUNT} или ${fix} этой ОО на листе «Педагоги».`
  );
}

/** The warnings of one row, by ОО code. */
export function warningsOf(
  gaps: readonly HeadcountGap[],
  orgCode: (org: string) => string,
  orgName: (org: string) => string,
): KpiWarning[] {
  return gaps
    .map(({ code, org, counted, headcount }) => {
      const organization = orgCode(org);
      return { code, organization, counted, headcount, text: textOf(code, organization, orgName(org), counted, headcount) };
    })
    .sort((a, b) => compareCodes(a.organization, b.organization));
}

/** The «Предупреждения» cell: one warning a line. */
export const warningsCell = (warnings: readonly KpiWarning[]): string => warnings.map((w) => w.text).join('\n');

// The numbers follow fixed words of textOf; the ОО code is what precedes « — name» (or the colon).
const PATTERNS: readonly [WarningCode, RegExp][] = [
  ['headcount_exceeded', /^ОО (.+?)(?: — .*)?: в числителе (\d+) чел\. с листа «Педагоги», а по ОО-1 работников (\d+) — засчитано/],
  ['headcount_roster_mismatch', /^ОО (.+?)(?: — .*)?: на листе «Педагоги» (\d+) чел\., а по ОО-1 работников (\d+) — расходятся/],
];

/** The warnings a «Предупреждения» cell holds; a line not written by the add-on is left out. */
export function parseWarnings(cell: string): KpiWarning[] {
  return cell.split('\n').flatMap((line) => {
    const text = line.trim();
    for (const [code, pattern] of PATTERNS) {
      const m = pattern.exec(text);
      if (m) return [{ code, organization: m[1]!, counted: Number(m[2]), headcount: Number(m[3]), text }];
    }
    return [];
  });
}
