import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ChainCheck } from '@gongyi/domain';
import { Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { exportCheckpoints, verifyAuditChain } from '../../api/identity';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';

interface Outcome {
  check: ChainCheck;
  /** When the check ran, on this computer's clock. */
  at: string;
}

/** 监察审计 › 链校验: walks the town's audit chain on the server and names the first broken record. */
export function ChainCheckPage() {
  const { t } = useI18n();
  const town = useTown();
  const can = useCan();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const check = await verifyAuditChain(town.id);
      setOutcome({ check, at: dayjs().format('YYYY-MM-DD HH:mm:ss') });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const check = outcome?.check;
  const broken = check?.firstBroken;

  return (
    <>
      <PageHeader title={t('chain.title')} />
      <Card>
        <Typography.Paragraph>{t('chain.intro')}</Typography.Paragraph>
        <Space wrap>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            onClick={() => void run()}
            data-testid="chain-verify"
          >
            {t('chain.run')}
          </Button>
          {can('audit.export') && (
            <ExportButton onExport={() => exportCheckpoints(town.id)} label={t('chain.exportCheckpoints')} testId="chain-checkpoints-export" />
          )}
        </Space>
        <div style={{ marginTop: 24 }}>
          <LoadError error={error} onRetry={() => void run()} />
          {check && check.ok && (
            <Flex gap={12} align="center" data-testid="chain-result">
              <CheckCircleFilled style={{ color: '#52c41a', fontSize: 32 }} />
              <div>
                <Typography.Title level={4} style={{ margin: 0, color: '#389e0d' }}>
                  {t('chain.ok', { count: check.checked })}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {t('chain.okHint', { count: check.checked, at: outcome.at })}
                </Typography.Text>
              </div>
            </Flex>
          )}
          {check && broken && (
            <div data-testid="chain-result">
              <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
                <CloseCircleFilled style={{ color: '#cf1322', fontSize: 32 }} />
                <div>
                  <Typography.Title level={4} style={{ margin: 0, color: '#cf1322' }}>
                    {t('chain.broken', { seq: broken.seq })}
                  </Typography.Title>
                  <Typography.Text type="secondary">
                    {t('chain.brokenHint', { count: check.checked, at: outcome.at })}
                  </Typography.Text>
                </div>
              </Flex>
              <Descriptions
                bordered
                size="small"
                column={1}
                styles={{ label: { width: 120 }, content: { color: '#cf1322' } }}
                items={[
                  { key: 'seq', label: t('audit.seq'), children: broken.seq },
                  {
                    key: 'id',
                    label: t('chain.recordId'),
                    children: (
                      <Typography.Text copyable style={{ color: '#cf1322', fontFamily: 'monospace' }}>
                        {broken.id}
                      </Typography.Text>
                    ),
                  },
                  { key: 'reason', label: t('chain.reason'), children: broken.reason },
                ]}
              />
            </div>
          )}
        </div>
      </Card>
    </>
  );
}
