// The digests step of `marshrut run`: the letters the monthly trigger would send for the month after the
// recomputed period (period to 31.12.2024 → the letters of 1 January 2025, about December 2024), composed by the
// bundle's own rpcDigestPreview and written as DIR/mail/<recipient>.html and .txt. Nothing is sent. The workbook's
// owner (who ran «Настроить книгу») is the methodist: with no «Адреса методистов» yet, she is saved as one, as she
// would in «Маршрут → Настройки…», so the municipality's own letter is there too.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KpiReport } from '../core/indicators/report';
import { longDay, monthKey, monthName, sendDay, type DigestMonth } from '../core/digest/month';
import type { LocalWorkbook } from './localWorkbook';

interface DigestView {
  readonly owner: string;
  readonly sections: {
    readonly digest: {
      readonly methodists: string[];
      readonly ministry: string[];
      readonly coordinators: { email: string; on: boolean }[];
    };
  };
}

interface Letter {
  readonly to: string;
  readonly html: string;
  readonly text: string;
}

/** The month `period.to` (yyyy-mm-dd) falls in: the one the next 1st's letters report. */
const monthOf = (iso: string): DigestMonth => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) });

/** A file name for an address: letters, digits and @._- kept, anything else «_». */
const mailFileName = (email: string): string => email.toLowerCase().replace(/[^a-z0-9@._-]/g, '_');

/** The addresses a run was given (flags or settings.csv); what is not given stays as «Настройки» has it. */
export interface RunRecipients {
  readonly methodists?: readonly string[];
  readonly ministry?: readonly string[];
}

/** Writes DIR/mail (replacing an earlier run's letters); returns the lines to print. */
export function writeDigests(workbook: LocalWorkbook, out: string, report: KpiReport, given: RunRecipients = {}): string[] {
  const view = workbook.rpc<DigestView>('rpcSettingsLoad');
  const { coordinators } = view.sections.digest;
  const ministry = [...(given.ministry ?? view.sections.digest.ministry)];
  const named = [...(given.methodists ?? view.sections.digest.methodists)];
  const methodists = named.length || !view.owner ? named : [view.owner];
  const lines: string[] = [];
  if (given.methodists || given.ministry || methodists !== named) {
    const coordinatorsOff = coordinators.filter((c) => !c.on).map((c) => c.email);
    workbook.rpc('rpcSettingsSaveDigest', { methodists, ministry, coordinatorsOff });
  }
  if (methodists !== named)
    lines.push(
      `«Адреса методистов» не указаны: сводку методиста получает владелец книги ${view.owner} ` +
        `(адреса методистов: --methodists или строка «Адреса методистов» в settings.csv).`,
    );
  lines.push(
    `Письма от имени ${view.owner}; методисты: ${methodists.join(', ') || '—'}; министерство: ${ministry.join(', ') || '— (не указано)'}.`,
  );
  lines.push(writeLetters(workbook, out, monthOf(report.period.to)));
  return lines;
}

/** The letters of `month` as the workbook's monthly run would send them, into DIR/mail (replacing earlier ones). */
export function writeLetters(workbook: LocalWorkbook, out: string, month: DigestMonth): string {
  const letters = workbook.rpc<Letter[]>('rpcDigestPreview', { month: monthKey(month) });
  const dir = join(out, 'mail');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const letter of letters) {
    writeFileSync(join(dir, `${mailFileName(letter.to)}.html`), letter.html);
    writeFileSync(join(dir, `${mailFileName(letter.to)}.txt`), letter.text);
  }
  return `Сводки за ${monthName(month)} (рассылка ${longDay(sendDay(month))}): писем — ${letters.length}, записано в ${dir}`;
}

/** The month after which a period ending `iso` (yyyy-mm-dd) is reported: the one its last day falls in. */
export const reportedMonthOf = (iso: string): DigestMonth => monthOf(iso);
