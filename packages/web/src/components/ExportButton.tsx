import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useReportError } from '../hooks/useReportError';
import { useI18n } from '../i18n';

/** Downloads what the list shows (same filters) as an xlsx file, or another file under its own label. */
export function ExportButton({ onExport, testId, label }: { onExport: () => Promise<string>; testId?: string; label?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const file = await onExport();
      void message.success(t('common.exportDone', { file }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {label ?? t('common.export')}
    </Button>
  );
}
