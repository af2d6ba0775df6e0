// A respondent's edit link, found on demand. The queue reads answers from the response sheet, which holds no link;
// the form knows it: among the responses sent in the row's second (by the same respondent when several were), the
// one response gives its link. Looked for among at most MAX_SCANNED responses (a click in a sidebar, not a batch).
import type { FormId } from '../core/schema/forms';
import type { FormRegistry } from './forms';

const MAX_SCANNED = 2_000;

export function findEditLink(registry: FormRegistry, form: FormId, sentAt: Date, respondent: string): string {
  const entry = registry.get(form);
  if (!entry) return '';
  const second = Math.floor(sentAt.getTime() / 1000);
  const sameSecond = FormApp.openById(entry.formId)
    .getResponses(new Date(second * 1000))
    .slice(0, MAX_SCANNED)
    .filter((r) => Math.floor(r.getTimestamp().getTime() / 1000) === second);
  const theirs =
    sameSecond.length > 1 ? sameSecond.filter((r) => r.getRespondentEmail().toLowerCase() === respondent.toLowerCase()) : sameSecond;
  return theirs.length === 1 ? theirs[0]!.getEditResponseUrl() : '';
}
