// What every sidebar RPC shares: payload validation with words a methodist can act on, and values shown as text.
import type { z } from 'zod';
import { formatDateTime, isDate } from '../../core/text';

/** A sidebar's request, validated; a malformed one (an outdated panel) gets words a methodist can act on. */
export function payloadOf<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error('Панель прислала неполный запрос. Закройте её и откройте снова из меню «Маршрут».');
  return parsed.data;
}

/** A cell as the sidebar shows it: dates cross google.script.run as `дд.мм.гггг чч:мм:сс` strings. */
export const shown = (v: unknown): string => (isDate(v) ? formatDateTime(v) : String(v ?? ''));
