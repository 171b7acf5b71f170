/**
 * Shared date formatters. Building an Intl.DateTimeFormat costs about as much as rendering a row, and a page
 * formats hundreds of dates (a picker of events, a list of follow-ups) with a handful of locales, zones and
 * styles: each is built once per process and reused. They hold no data of anyone's, only formatting rules.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

/** A cached Intl.DateTimeFormat; a locale the runtime does not know falls back to British English. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch (err) {
      if (!(err instanceof RangeError) || locale === 'en-GB') throw err;
      format = new Intl.DateTimeFormat('en-GB', options);
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}
