// One error type for everything a user can get wrong. Each carries a stable code, an HTTP status
// from one map, and a sentence in Chinese and English saying what was wrong and what to do.

export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  invalid_reference: 422,
  rule_violation: 422,
  unauthenticated: 401,
  session_expired: 401,
  totp_required: 401,
  locked: 423,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  duplicate: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Text {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly field?: string,
  ) {
    super(text.en);
    this.status = ERROR_STATUS[code];
  }
}

export function notFound(what: Text, field?: string): AppError {
  return new AppError(
    'not_found',
    { zh: `${what.zh}不存在或不属于本镇。请刷新列表后重新选择。`, en: `${what.en} was not found in this town. Refresh the list and choose again.` },
    field,
  );
}

/** A request names a related record (department, coop…) that does not exist in this town. */
export function invalidReference(what: Text, field: string): AppError {
  return new AppError(
    'invalid_reference',
    { zh: `所选${what.zh}不存在或不属于本镇。请重新选择${what.zh}。`, en: `The selected ${what.en} does not exist in this town. Choose another ${what.en}.` },
    field,
  );
}

export function duplicate(what: Text, value: string, field: string): AppError {
  return new AppError(
    'duplicate',
    { zh: `${what.zh}“${value}”已存在。请换一个名称，或编辑已有的记录。`, en: `${what.en} "${value}" already exists. Use another name or edit the existing record.` },
    field,
  );
}

/** A rule of the notice (R-number) or of the data refuses the change. */
export function ruleViolation(text: Text, field?: string): AppError {
  return new AppError('rule_violation', text, field);
}

export type Language = 'zh' | 'en';

/** Chinese unless the client asks for English first. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
