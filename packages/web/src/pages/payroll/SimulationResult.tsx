import { formatYuan, type Simulation } from '@gongyi/domain';
import { Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { monthText } from '../../features/assessment/display';
import { Yuan } from '../../features/payroll/display';
import { useI18n, type MessageKey } from '../../i18n';

interface Compared {
  key: string;
  label: string;
  currentFen: number;
  draftFen: number;
}

/** More cost in red with a plus, less in green. */
function Difference({ fen }: { fen: number }) {
  const color = fen > 0 ? '#cf1322' : fen < 0 ? '#389e0d' : undefined;
  return <span style={{ color, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{`${fen > 0 ? '+' : ''}${formatYuan(fen)}`}</span>;
}

function comparedColumns(t: (k: MessageKey) => string, first: string): TableColumnsType<Compared> {
  return [
    { key: 'label', title: first, dataIndex: 'label' },
    { key: 'current', title: t('payroll.simulate.current'), align: 'right', render: (_v, r) => <Yuan fen={r.currentFen} /> },
    { key: 'draft', title: t('payroll.simulate.draftCol'), align: 'right', render: (_v, r) => <Yuan fen={r.draftFen} /> },
    { key: 'diff', title: t('payroll.simulate.diff'), align: 'right', render: (_v, r) => <Difference fen={r.draftFen - r.currentFen} /> },
  ];
}

/** The month's cost under the policy in force and under the draft, for the town and per team. */
export function SimulationResult({ result }: { result: Simulation | undefined }) {
  const { t, lang } = useI18n();
  if (!result) {
    return (
      <Card size="small" title={t('payroll.simulate.result')} data-testid="simulation-result">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payroll.simulate.none')} />
      </Card>
    );
  }
  const totals: Compared[] = (['grossFen', 'netFen', 'floorTopUpFen'] as const).map((k) => ({
    key: k,
    label: t(`payroll.simulate.${k}`),
    currentFen: result.current[k],
    draftFen: result.draft[k],
  }));
  const teams: Compared[] = result.teams.map((x) => ({ key: x.teamId, label: `${x.teamName}（${x.workerCount}）`, currentFen: x.currentFen, draftFen: x.draftFen }));
  return (
    <Card size="small" title={t('payroll.simulate.resultOf', { month: monthText(result.month, lang), count: result.workerCount })} data-testid="simulation-result">
      <Table<Compared> rowKey="key" size="small" columns={comparedColumns(t, t('payroll.simulate.town'))} dataSource={totals} pagination={false} style={{ marginBottom: 16 }} data-testid="simulation-totals" />
      <Table<Compared>
        rowKey="key"
        size="small"
        columns={comparedColumns(t, t('payroll.col.team'))}
        dataSource={teams}
        pagination={false}
        scroll={{ y: 360 }}
        data-testid="simulation-teams"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {t('payroll.simulate.teamsNote')}
        {result.unassessed > 0 && <span style={{ display: 'block', color: '#d46b08' }}>{t('payroll.simulate.unassessed', { count: result.unassessed })}</span>}
      </Typography.Text>
    </Card>
  );
}
