// Numbers in a catalogue's language. One Intl.NumberFormat per locale for the isolate: `toLocaleString` builds a new
// formatter on every call, which cost about 5 % of a search page's CPU.

const formats = new Map<string, Intl.NumberFormat>();

/** `n` as `locale` writes it: exactly `n.toLocaleString(locale)` ("12,345" in en-GB). */
export function formatNumber(n: number, locale: string): string {
  let format = formats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale);
    formats.set(locale, format);
  }
  return format.format(n);
}
