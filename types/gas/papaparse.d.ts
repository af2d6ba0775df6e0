// The part of papaparse the Apps Script bundle uses: parsing a string. @types/papaparse references Node's types (for its
// stream API, aliased to a stub in the bundle), which would bring every Node global into src/core; tsconfig.gas.json
// maps the module here instead. The signatures are those of @types/papaparse for a string input.
declare namespace Papa {
  interface ParseConfig {
    delimiter?: string;
    newline?: '\r' | '\n' | '\r\n';
    quoteChar?: string;
    escapeChar?: string;
    header?: false;
    dynamicTyping?: false;
    skipEmptyLines?: boolean | 'greedy';
  }
  interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
    message: string;
    row?: number;
  }
  interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
  }
  function parse<T>(input: string, config?: ParseConfig): ParseResult<T>;
}
export default Papa;
