import { ApiError } from '../../api/client';

// The server names a legacy amount in fen (post.legacyBaseFen); the forms hold it in yuan.
const RENAMED: Record<string, string> = { legacyBaseFen: 'legacyBaseYuan', legacyBonusFen: 'legacyBonusYuan' };

/** The form field for a field path the server named in an error. */
export function formFieldOf(serverField: string): string {
  return serverField
    .split('.')
    .map((part) => RENAMED[part] ?? part)
    .join('.');
}

/** The same error, naming the form's field, so FormModal puts the message under it. */
export function withFormField(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.field) return error;
  const field = formFieldOf(error.field);
  return field === error.field ? error : new ApiError(error.status, error.code, error.message, field);
}
