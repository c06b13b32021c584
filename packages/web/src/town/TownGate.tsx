import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../hooks/useReportError';
import { useI18n } from '../i18n';
import { useTownState } from './TownContext';

/** Renders the page once a town is known; otherwise says why not and what to do. */
export function TownGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { town, loading, error, reload } = useTownState();
  if (town) return children;
  if (loading) {
    return (
      <Spin size="large" description={t('app.loading')}>
        <div style={{ height: 240 }} />
      </Spin>
    );
  }
  if (error) {
    return (
      <Result
        status="warning"
        title={t('town.loadFailed')}
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={reload}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <Result status="info" title={t('town.none')} subTitle={t('town.noneHint')} />;
}
