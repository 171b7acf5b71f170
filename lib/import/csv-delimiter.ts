/** The separators a contacts CSV is found with: a comma, or a semicolon or tab from a spreadsheet in another locale. */
const DELIMITERS = [',', ';', '\t'] as const;
type CsvDelimiter = (typeof DELIMITERS)[number];

/** How many logical lines are looked at for the header, as many as the layout search in csv.ts looks at records. */
const LINES_LOOKED_AT = 6;

/**
 * The separator of a CSV, read from its header: the one of `,` `;` and tab that splits the header into the most
 * fields outside quotes, a comma when none splits it or two split it as much. Excel saves CSV with the list
 * separator of the machine's locale, a semicolon wherever the comma is the decimal mark, so a file from a
 * German or French spreadsheet read with commas would arrive as one column. The header is the first line that
 * some separator splits at all: LinkedIn's "Notes:" line and the quoted paragraph after it split under none, so
 * they are passed over as csv.ts passes over them when it looks for the header.
 */
export function detectDelimiter(input: string): CsvDelimiter {
  for (const line of logicalLines(input.replace(/^\uFEFF/, ''), LINES_LOOKED_AT)) {
    const counts = DELIMITERS.map((d) => fieldsOutsideQuotes(line, d));
    const most = Math.max(...counts);
    // indexOf finds the first of equals, so a tie goes to the comma, the separator the format is named after.
    if (most > 1) return DELIMITERS[counts.indexOf(most)]!;
  }
  return ',';
}

/**
 * The first non-blank lines of the text, a line break inside quotes kept in its line (a quoted note may run over
 * several). Every quote toggles the state: an escaped quote ("") toggles it twice, so it needs no case of its own.
 */
function logicalLines(text: string, limit: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= text.length && lines.length < limit; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (i === text.length || (!quoted && (ch === '\n' || ch === '\r'))) {
      const line = text.slice(start, i);
      if (line.trim()) lines.push(line);
      start = i + 1;
    }
  }
  return lines;
}

function fieldsOutsideQuotes(line: string, delimiter: CsvDelimiter): number {
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) fields++;
  }
  return fields;
}
