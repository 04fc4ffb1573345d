// JSON for a <script type="application/ld+json"> element: serialized so nothing in it can close the script. Pure.

/**
 * JSON.stringify, then `<`, `>`, `&` and the JavaScript line separators written as \u escapes: still the same JSON
 * value, but `</script>` or `<!--` in a headline can no longer end or change the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
