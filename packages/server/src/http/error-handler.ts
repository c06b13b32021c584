import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CANNOT_CLEAR, NoRuleInForceError } from '@gongyi/domain';
import { isDatabaseUnavailable, isLockConflict } from '../db/availability.js';
import { AppError, languageOf, type Language, type Text } from './errors.js';
import { fieldPath, issueMessage, type IssueLike } from './validation-messages.js';

interface Problem {
  status: number;
  code: string;
  text: Text | string;
  field?: string | undefined;
}

const FASTIFY_PROBLEMS: Record<string, Omit<Problem, 'field'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', text: { zh: '请求内容过大，请减少一次提交的数据量。', en: 'The request body is too large; send less at once.' } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', text: { zh: '请求内容类型不受支持，请以 JSON（application/json）提交。', en: 'Unsupported content type; send JSON.' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', text: { zh: '请求内容为空，请填写后再提交。', en: 'The request body is empty.' } },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request', text: { zh: '请求内容不是有效的 JSON，请检查后重试。', en: 'The request body is not valid JSON.' } },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', text: { zh: '请求长度与内容不符，请重试。', en: 'Content-Length does not match the body.' } },
};

export const DATABASE_UNAVAILABLE: Omit<Problem, 'field'> = {
  status: 503,
  code: 'unavailable',
  text: { zh: '数据库暂时不可用，请稍后重试。', en: 'The database is temporarily unavailable; try again shortly.' },
};

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The request field that carried the date a rule lookup was made for (a date, its month or its year). */
function fieldSending(req: FastifyRequest, on: string): string | undefined {
  const sent = { ...(req.params as object), ...(req.query as object), ...(req.body !== null && typeof req.body === 'object' ? (req.body as object) : {}) };
  return Object.entries(sent).find(([, v]) => (typeof v === 'string' && v.length >= 4 && on.startsWith(v)) || (typeof v === 'number' && String(v) === on.slice(0, 4)))?.[0];
}

/** #13 item 14: a date before the first version of a rule is the caller's to change, not a fault. */
function noRuleInForce(err: NoRuleInForceError, req: FastifyRequest): Problem {
  return {
    status: 422,
    code: 'rule_violation',
    text: {
      zh: `${err.on} 尚无生效的规则（系统规则自 ${err.firstValidFrom} 起施行），请选择 ${err.firstValidFrom} 或之后的日期。`,
      en: `No rule was in force on ${err.on} (the rules start on ${err.firstValidFrom}); choose that day or later.`,
    },
    field: fieldSending(req, err.on),
  };
}

function classify(err: FastifyError, req: FastifyRequest, lang: Language): Problem {
  if (err instanceof AppError) return { status: err.status, code: err.code, text: err.text, field: err.field };
  if (err instanceof NoRuleInForceError) return noRuleInForce(err, req);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]!;
    const issue: IssueLike = {
      ...(first.params as object),
      code: first.keyword,
      path: first.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      message: first.message ?? '',
    };
    // A PATCH clearing a field that cannot be empty is refused by a rule, not for its form (#13 item 1).
    const cleared = issue.message === CANNOT_CLEAR;
    return { status: cleared ? 422 : 400, code: cleared ? 'rule_violation' : 'validation_failed', text: issueMessage(issue, lang), field: fieldPath(issue.path) || undefined };
  }
  const known = err.code ? FASTIFY_PROBLEMS[err.code] : undefined;
  if (known) return known;
  if (err.statusCode === 400 && err.message.includes('JSON')) return FASTIFY_PROBLEMS.FST_ERR_CTP_INVALID_JSON_BODY!;
  // #13 item 3: a lost or refused database connection: nothing was written, the user retries.
  if (isDatabaseUnavailable(err)) return DATABASE_UNAVAILABLE;
  // #13 item 2: two transactions met on one row and the database chose this one to give way.
  if (isLockConflict(err)) {
    return { status: 409, code: 'conflict', text: { zh: '数据正被他人同时修改，本次操作未保存。请刷新后重试。', en: 'Someone else was changing the same record; nothing was saved. Refresh and retry.' } };
  }
  if (isUniqueViolation(err)) {
    return { status: 409, code: 'conflict', text: { zh: '数据已被他人同时修改或已存在，请刷新后重试。', en: 'The record changed or already exists; refresh and retry.' } };
  }
  if (err.statusCode === 429) return { status: 429, code: 'rate_limited', text: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' } };
  return { status: 500, code: 'internal', text: { zh: '服务器内部错误，请稍后重试。', en: 'Internal server error; try again later.' } };
}

/** The one error shape: {"error":{"code","message","field"?,"requestId"}}; never a stack trace. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = languageOf(req.headers['accept-language']);
  const problem = classify(err, req, lang);
  if (problem.status === 503) req.log.warn({ code: (err as { code?: unknown }).code, message: err.message }, 'database unavailable');
  else if (problem.status >= 500) { req.log.error({ err }, 'unhandled error'); if (process.env.GONGYI_DEBUG) console.error(err); }
  const base = typeof problem.text === 'string' ? problem.text : problem.text[lang];
  const message =
    problem.status >= 500 ? `${base}${lang === 'zh' ? `如仍出现，请把编号 ${req.id} 告诉管理员。` : ` If it persists, quote ${req.id}.`}` : base;
  return reply.code(problem.status).send({
    error: { code: problem.code, message, ...(problem.field ? { field: problem.field } : {}), requestId: String(req.id) },
  });
}
