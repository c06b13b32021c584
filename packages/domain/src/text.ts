// One rule for every piece of text a person or a program sends (#13 item 16): names, receipt
// numbers, memos, search words, path ids. NUL and other control characters break PostgreSQL
// (a NUL in a text parameter is an error there, stored as-is by SQLite) and mean nothing in a
// clerk's text; bidi overrides and isolates make "R-001" display as something else. Both are
// refused. Zero-width characters come in by copy and paste (a BOM from Excel, a ZWSP from a chat)
// and would make two equal-looking receipt numbers differ, so they are removed.

/** C0 controls except tab, line feed and carriage return; DEL; bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/** Zero-width space, non-joiner, joiner, and the byte-order mark. */
const INVISIBLE = /[\u200B-\u200D\uFEFF]/g;

/** True when the text holds a character that is refused. */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** The text without zero-width characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
