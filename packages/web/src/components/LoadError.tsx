import { Alert, Button } from 'antd';
import { errorMessage } from '../hooks/useReportError';
import { useI18n } from '../i18n';

/** A failed load shown where the data would be, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('common.loadFailed')}
      description={errorMessage(error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
