// Where to go after signing in: the page the user wanted, kept in the login page's ?next=.
// Only paths of this console are followed (no "//evil.example" or "https://…").

export const LOGIN_PATH = '/login';

export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  const path = raw.split(/[?#]/)[0] ?? '';
  if (path === LOGIN_PATH || path.startsWith('/api/')) return '/';
  return raw;
}

/** The login page's address that brings the user back to `wanted` afterwards. */
export function loginUrl(wanted?: string): string {
  const next = safeNext(wanted);
  return next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}
