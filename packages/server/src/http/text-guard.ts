import type { FastifyRequest } from 'fastify';
import { hasForbiddenCharacters, stripInvisible } from '@gongyi/domain';
import { AppError } from './errors.js';
import { fieldPath, issueMessage } from './validation-messages.js';

// The shared text rule (packages/domain/src/text.ts) applied at the door, before any schema or
// query sees the request (#13 item 16): every string in the path, the query string and a JSON
// body — values and keys — loses its zero-width characters, and one holding NUL, another control
// character or a bidi override is refused with the field named. So nothing reaches PostgreSQL
// with a NUL, whatever a route's schema forgets, and SQLite stores nothing PostgreSQL would refuse.

type Path = (string | number)[];

function refused(path: Path): AppError {
  const issue = { code: 'custom', path, message: 'invalid_characters' };
  return new AppError('validation_failed', { zh: issueMessage(issue, 'zh'), en: issueMessage(issue, 'en') }, fieldPath(path) || undefined);
}

/** The value with every string cleaned; throws at the first refused one. Depth-bounded like the body itself. */
function cleaned(value: unknown, path: Path): unknown {
  if (typeof value === 'string') {
    if (hasForbiddenCharacters(value)) throw refused(path);
    return stripInvisible(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => cleaned(v, [...path, i]));
  // Plain objects: JSON bodies, and the prototype-less objects the router and query parser make.
  if (Object.prototype.toString.call(value) === '[object Object]' && typeof (value as { pipe?: unknown }).pipe !== 'function') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as object)) {
      if (hasForbiddenCharacters(key)) throw refused([...path, key]);
      out[stripInvisible(key)] = cleaned(v, [...path, key]);
    }
    return out;
  }
  return value; // numbers, booleans, null, multipart parts and buffers
}

/** preValidation hook: runs after the body is parsed and before the route's schema. */
export async function textGuard(req: FastifyRequest): Promise<void> {
  req.params = cleaned(req.params, []) as typeof req.params;
  req.query = cleaned(req.query, []) as typeof req.query;
  if (req.body !== undefined) req.body = cleaned(req.body, []);
}
