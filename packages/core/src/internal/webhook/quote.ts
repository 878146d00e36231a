/**
 * A delivery's values as messages and logs show them: control characters escaped, so a forged field
 * cannot start a log line of its own.
 */

/** A delivery's text with every control character (CR, LF, ESC, ...) escaped: it stays on one log line. */
export const escapeControls = (text: string): string => {
  let out = ""
  for (const char of text) {
    const code = char.codePointAt(0)!
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
    out += !control
      ? char
      : char === "\n"
        ? "\\n"
        : char === "\r"
          ? "\\r"
          : char === "\t"
            ? "\\t"
            : `\\u${code.toString(16).padStart(4, "0")}`
  }
  return out
}

/** A delivery's value in a message, quoted as logfmt quotes: backslashes, quotes and controls escaped. */
export const quote = (value: string): string => `"${escapeControls(value.replace(/[\\"]/g, "\\$&"))}"`
