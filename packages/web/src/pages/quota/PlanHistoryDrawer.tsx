import type { QuotaBoard, QuotaPlan } from '@gongyi/domain';
import { Drawer, Empty, Table, Typography } from 'antd';
import { EndDate } from '../../components/EffectiveDates';
import { LoadError } from '../../components/LoadError';
import type { ApiState } from '../../hooks/useApi';
import { categoryName } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';

interface Props {
  open: boolean;
  plans: ApiState<QuotaPlan[]>;
  /** For the names of categories and teams. */
  board: QuotaBoard | undefined;
  onClose: () => void;
}

/** 方案历史: every dated version of the quota plan, newest first (R5, R9). */
export function PlanHistoryDrawer({ open, plans, board, onClose }: Props) {
  const { t, lang } = useI18n();
  const nameOf = (id: string) => {
    const category = board?.categories.find((c) => c.id === id);
    return category ? categoryName(category, lang) : (board?.teams.find((x) => x.id === id)?.name ?? id);
  };
  return (
    <Drawer open={open} onClose={onClose} size={720} title={t('quota.history')} data-testid="quota-history-drawer">
      <LoadError error={plans.error} onRetry={plans.reload} />
      <Table<QuotaPlan>
        rowKey="id"
        size="small"
        pagination={false}
        loading={plans.loading}
        dataSource={plans.data ?? []}
        locale={{ emptyText: <Empty description={t('quota.historyEmpty')} /> }}
        expandable={{
          expandedRowRender: (p) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              {[...p.categories.map((c) => ({ id: c.categoryId, quota: c.quota })), ...p.teams.map((x) => ({ id: x.teamId, quota: x.quota }))]
                .map((l) => `${nameOf(l.id)} ${l.quota}`)
                .join('；')}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { key: 'from', title: t('common.validFrom'), dataIndex: 'validFrom', width: 110 },
          { key: 'to', title: t('common.validTo'), dataIndex: 'validTo', width: 130, render: (v: string | null) => <EndDate validTo={v} /> },
          { key: 'total', title: t('quota.field.total'), dataIndex: 'total', width: 90, align: 'right' },
          { key: 'basis', title: t('quota.field.basis'), dataIndex: 'basis', ellipsis: true },
          {
            key: 'approved',
            title: t('quota.approvedBy'),
            width: 150,
            render: (_v, p) => (
              <span>
                {p.approvedBy}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {timestampText(p.approvedAt)}
                </Typography.Text>
              </span>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
