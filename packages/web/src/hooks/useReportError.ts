import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, isAbort } from '../api/client';
import { tNow } from '../i18n';

/** The message a user sees for any failure: the server's own sentence, never a stack trace. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : tNow('errors.unexpected');
}

export function useReportError(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (isAbort(error)) return;
      void message.error(errorMessage(error));
    },
    [message],
  );
}
