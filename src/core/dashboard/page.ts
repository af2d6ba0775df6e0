// The HTML dashboard is one self-contained page (src/ui/Dashboard.html) with its data embedded: the same page is the
// workbook's dialog, the regional web app and the local runner's dashboard.html. The data goes in as JSON inside a
// <script type="application/json"> element, escaped for that context (a «</script>» in an ОО name stays text), and
// only after the strict schema has passed it: nothing but aggregates can be embedded.
import * as z from 'zod';
import { dashboardDataSchema, type DashboardData } from './data';

/** Where the page template takes its payload (a JSON string, so the bare template still parses). */
export const PAYLOAD_PLACEHOLDER = '"@@DASHBOARD_PAYLOAD@@"';

/**
 * What a page shows: a dashboard, or a refusal (with no data in it). The dialog's dashboard carries the web app's
 * link to copy (null: no web app deployed yet); the web app's own page carries none.
 */
export type DashboardPayload = { readonly data: DashboardData; readonly link?: string | null } | { readonly refusal: string };

const linkSchema = z.string().startsWith('https://').max(2000).nullable();

/** JSON that is safe inside a <script> element: «<», «>», «&» and the JS line separators as \u escapes. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function dashboardPage(template: string, payload: DashboardPayload): string {
  if (!template.includes(PAYLOAD_PLACEHOLDER)) throw new Error('Шаблон дашборда повреждён: в нём нет места для данных.');
  const safe =
    'data' in payload
      ? { data: dashboardDataSchema.parse(payload.data), ...(payload.link === undefined ? {} : { link: linkSchema.parse(payload.link) }) }
      : { refusal: String(payload.refusal) };
  // A function replacement: «$&» or «$'» in a name must not be read as a replacement pattern.
  return template.replace(PAYLOAD_PLACEHOLDER, () => scriptJson(safe));
}
