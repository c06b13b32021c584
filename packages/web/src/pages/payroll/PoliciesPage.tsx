import { PlusOutlined } from '@ant-design/icons';
import type { PolicyVersion } from '@gongyi/domain';
import { Alert, App, Button, Card, Col, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { getCurrentPolicy, listPolicies } from '../../api/payroll';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PolicyView } from '../../features/payroll/PolicyView';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useApi } from '../../hooks/useApi';
import { useI18n, type Translate } from '../../i18n';
import { timestampText, todayIso } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { PolicyVersionModal } from './PolicyVersionModal';

/** In force today, coming, or past. */
function standing(v: PolicyVersion, currentId: string, today: string): 'current' | 'future' | 'past' {
  return v.id === currentId ? 'current' : v.validFrom > today ? 'future' : 'past';
}

const STANDING_COLOR = { current: 'green', future: 'blue', past: 'gray' } as const;

function VersionTitle({ version, state, t }: { version: PolicyVersion; state: 'current' | 'future' | 'past'; t: Translate }) {
  return (
    <>
      {t('common.dateRange', { from: version.validFrom, to: version.validTo ?? t('common.present') })}
      <Tag color={STANDING_COLOR[state]} style={{ marginInlineStart: 8 }}>
        {t(`payroll.policy.${state}`)}
      </Tag>
    </>
  );
}

/** 薪酬发放 › 薪酬政策: the town's dated policy versions (#7 part 1); old versions stay. */
export function PoliciesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const can = useCan();
  const today = todayIso();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [versions, current] = await Promise.all([listPolicies(town.id, signal), getCurrentPolicy(town.id, today, signal)]);
      return { versions, current };
    },
    [town.id, today],
  );
  const { data, error, reload } = useApi(load);
  const teams = useWorkerLookups().data?.teams ?? [];
  const [selectedId, setSelectedId] = useState<string>();
  const [adding, setAdding] = useState(false);

  const versions = data?.versions ?? [];
  const current = data?.current;
  const selected = versions.find((v) => v.id === selectedId) ?? versions.find((v) => v.id === current?.id) ?? versions[0] ?? current;

  return (
    <>
      <PageHeader
        title={t('nav.payPolicies')}
        subTitle={t('payroll.policy.subtitle')}
        extra={
          can('payroll.policy') && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!data} onClick={() => setAdding(true)} data-testid="policy-add">
              {t('payroll.policy.add')}
            </Button>
          )
        }
      />
      <LoadError error={error} onRetry={reload} />
      {data && versions.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('payroll.policy.none')} data-testid="policy-none" />}
      <Row gutter={16}>
        <Col span={7}>
          <Card title={t('payroll.policy.versions')} size="small" data-testid="policy-versions">
            {!data && !error && <Skeleton active />}
            {data && versions.length === 0 && <Typography.Text type="secondary">{t('payroll.policy.noVersions')}</Typography.Text>}
            <Timeline
              items={versions.map((v) => {
                const state = standing(v, current?.id ?? '', today);
                return {
                  key: v.id,
                  color: STANDING_COLOR[state],
                  content: (
                    <a
                      onClick={() => setSelectedId(v.id)}
                      style={{ display: 'block', color: 'inherit', fontWeight: v.id === selected?.id ? 600 : undefined }}
                      data-testid={`policy-version-${v.validFrom}`}
                    >
                      <VersionTitle version={v} state={state} t={t} />
                      {v.note && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{v.note}</Typography.Paragraph>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('payroll.policy.createdBy', { name: v.createdBy, at: timestampText(v.createdAt) })}
                      </Typography.Text>
                    </a>
                  ),
                };
              })}
            />
          </Card>
        </Col>
        <Col span={17}>
          {selected && (
            <Card
              size="small"
              title={selected.id ? <VersionTitle version={selected} state={standing(selected, current?.id ?? '', today)} t={t} /> : t('payroll.policy.defaultsTitle')}
              data-testid="policy-view"
            >
              <PolicyView policy={selected.policy} teams={teams} on={selected.id ? selected.validFrom : today} />
            </Card>
          )}
        </Col>
      </Row>
      {adding && current && (
        <PolicyVersionModal
          base={versions[0] ?? current}
          teams={teams}
          onClose={() => setAdding(false)}
          onCreated={(v) => {
            void message.success(t('payroll.policy.added', { from: v.validFrom }));
            setSelectedId(v.id);
            reload();
          }}
        />
      )}
    </>
  );
}
