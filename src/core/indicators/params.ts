// The «Параметры» mini-syntax of a passport row (SPEC §6): `ключ=значение; ключ=а|б`, validated with zod against
// the measure's keys and choice lists. Keys and values are matched like names (case, «ё», spaces), and stored in
// the choice list's own spelling; the message for a mistake is Russian and says what is allowed.
import * as z from 'zod';
import { normalizeName } from '../text';
import type { MeasureSpec, ParamSpec, Params } from './measures';

export type ParamsResult = { readonly ok: true; readonly params: Params } | { readonly ok: false; readonly message: string };

const q = (s: string) => `«${s}»`;
const keyOf = (text: string) => normalizeName(text).replace(/\s+/g, '_');

/** `ключ=а|б; ключ2=в` → key → values, or an issue for a piece that is not `ключ=значение`. */
const pairs = z.string().transform((text, ctx) => {
  const out: Record<string, string[] | undefined> = {};
  for (const piece of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = piece.indexOf('=');
    const key = eq > 0 ? keyOf(piece.slice(0, eq)) : '';
    const values =
      eq > 0
        ? piece
            .slice(eq + 1)
            .split('|')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const problem = !key
      ? `${q(piece)} — ожидается запись вида ключ=значение`
      : !values.length
        ? `у параметра ${q(key)} не указано значение`
        : key in out
          ? `параметр ${q(key)} указан дважды`
          : '';
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    out[key] = values;
  }
  return out;
});

function valuesSchema(spec: ParamSpec) {
  return z.array(z.string()).transform((values, ctx) => {
    if (!spec.multiple && values.length > 1) {
      ctx.addIssue({ code: 'custom', message: `у параметра ${q(spec.key)} может быть только одно значение` });
      return z.NEVER;
    }
    const canonical: string[] = [];
    for (const value of values) {
      const found = spec.values ? spec.values.find((v) => normalizeName(v) === normalizeName(value)) : value;
      if (found === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `значения ${q(value)} нет у параметра ${q(spec.key)} (допустимо: ${spec.values!.join(' | ')})`,
        });
        return z.NEVER;
      }
      if (!canonical.includes(found)) canonical.push(found);
    }
    return canonical;
  });
}

const schemas = new WeakMap<MeasureSpec, z.ZodType<Params, string>>();

function schemaOf(measure: MeasureSpec): z.ZodType<Params, string> {
  let schema = schemas.get(measure);
  if (schema) return schema;
  const allowed = measure.params.map((s) => s.key);
  const shape = Object.fromEntries(measure.params.map((s) => [s.key, valuesSchema(s).optional()]));
  const unknownKey = (keys: readonly string[]) =>
    `параметр ${keys.map(q).join(', ')} не подходит для расчёта ${measure.id} (` +
    (allowed.length ? `допустимы: ${allowed.join(', ')})` : 'у него нет параметров)');
  schema = pairs
    .pipe(z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKey(issue.keys) : undefined) }))
    .transform((parsed) => {
      const params: Record<string, unknown> = {};
      for (const spec of measure.params) {
        const values = parsed[spec.key];
        if (!values) continue;
        if (spec.field === 'mentoringOnly') params[spec.field] = values[0] === 'да';
        else if (spec.field === 'bothSides') params[spec.field] = values[0] === 'обе';
        else if (spec.field === 'basedOnDiagnostic') params[spec.field] = values[0] === 'да';
        else params[spec.field] = spec.multiple ? values : values[0];
      }
      return params as Params;
    });
  schemas.set(measure, schema);
  return schema;
}

export function parseParams(measure: MeasureSpec, text: string): ParamsResult {
  const parsed = schemaOf(measure).safeParse(text);
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, message: parsed.error.issues[0]!.message };
}
