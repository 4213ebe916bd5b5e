/**
 * Escaping for XML (JUnit) and HTML. Everything that comes from a trace or a result (message
 * bodies, log lines, check messages, scenario names) passes through here before it is written
 * into markup, so a body like `<script>` stays text.
 */

/**
 * Characters XML 1.0 forbids even as character references: C0 controls other than tab, newline
 * and carriage return, lone surrogates, U+FFFE and U+FFFF. They are replaced with U+FFFD so the
 * document stays well-formed and the reader still sees that something was there.
 */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes what XML cannot carry at all (see INVALID_XML). */
export function toXmlChars(s: string): string {
  return s.replace(INVALID_XML, "\uFFFD");
}

/** Text content of an XML element. `>` is escaped too, so `]]>` can never appear. */
export function escapeXmlText(s: string): string {
  return toXmlChars(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An XML attribute value in double quotes. Tabs and line breaks become character references,
 * because a parser normalises literal ones in attributes to spaces and the message would lose
 * its lines.
 */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** HTML text or a double- or single-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * JSON placed inside an inline `<script type="application/json">`. JSON.stringify leaves `<` as
 * it is, so `</script>` in a body would end the element; escaping `<`, `>` and `&` as unicode
 * escapes keeps the JSON identical once parsed. U+2028 and U+2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
