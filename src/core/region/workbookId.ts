// A municipal workbook as a methodist gives it: the address she copied from the browser
// (https://docs.google.com/spreadsheets/d/<ID>/edit#gid=0, an older …/ccc?key=<ID> or …/open?id=<ID>) or the bare
// ID. The regional workbook keeps only the ID: `openById` reads it, whatever the link looked like.

/** The characters of a Drive file ID (developers.google.com/drive/api/guides/about-files: URL-safe base64). */
const ID = '[A-Za-z0-9_-]{10,}';
const IN_PATH = new RegExp(`/d/(${ID})`);
const IN_QUERY = new RegExp(`[?&#](?:id|key)=(${ID})`);
const BARE = new RegExp(`^${ID}$`);

/** The spreadsheet ID in a link or an ID; null when the text is neither. */
export function workbookIdOf(text: string): string | null {
  const t = text.trim().replace(/^[<"'«]+|[>"'»]+$/g, '');
  if (!t) return null;
  if (BARE.test(t)) return t;
  if (!/^(?:https?:\/\/)?[a-z0-9.-]*google\.com\//i.test(t)) return null;
  return IN_PATH.exec(t)?.[1] ?? IN_QUERY.exec(t)?.[1] ?? null;
}

/** The address a person opens for an ID. */
export const workbookUrl = (id: string): string => `https://docs.google.com/spreadsheets/d/${id}/edit`;
