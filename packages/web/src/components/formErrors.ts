import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { errorMessage } from '../hooks/useReportError';
import { findField } from './FormModal';

/**
 * Puts a failed request's message under the form field the server named; returns false when no
 * field on the form matches (the caller shows the message elsewhere).
 */
export function showOnField(form: FormInstance, error: unknown): boolean {
  const name = error instanceof ApiError && error.field ? findField(form, error.field) : undefined;
  if (!name) return false;
  form.setFields([{ name, errors: [errorMessage(error)] }]);
  return true;
}
