// Google's limits the core must respect (SPEC §8; developers.google.com/apps-script/guides/services/quotas and
// support.google.com/docs/answer/37603): a cell holds at most 50,000 characters.
export const CELL_CHAR_LIMIT = 50_000;
