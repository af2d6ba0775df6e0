// One rule for what an e-mail address is, everywhere an address is read: register cells («Email», «Email
// координатора»), the access list and the digest recipients. Internationalized domains (`школа.рф`) are addresses
// Gmail delivers to (RFC 6531 mailboxes, IDNA domains), so letters of any script pass; what never belongs in one
// address — spaces, a second @, list separators, angle brackets — fails.
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const EMAIL = new RegExp(`^[^\\s@,;<>"()\\[\\]]+@(?:${LABEL}\\.)+(?:\\p{L}{2,}|xn--[a-z0-9-]+)$`, 'iu');

export const isEmail = (text: string): boolean => EMAIL.test(text);

/** A list as people type one (commas, semicolons, spaces, new lines): trimmed, lower-cased. */
export const splitAddresses = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[,;\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
