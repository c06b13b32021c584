import { type PayPolicy } from '@gongyi/domain';
import { Descriptions, Divider, Table, Tag, type TableColumnsType } from 'antd';
import { useI18n, type Translate } from '../../i18n';
import { Yuan } from './display';
import { bonusRangeText, SectionSources } from './PolicyFields';
import { monthsText, POLICY_SECTIONS, teamRows, valueAt, type PolicyField } from './policyForm';

// A policy version read-only: the same sections as the form, each with the notice behind its defaults.

function fieldValue(field: PolicyField, policy: PayPolicy, on: string, t: Translate) {
  const value = valueAt(policy, field.path);
  switch (field.kind) {
    case 'fen':
      return <Yuan fen={value as number} />;
    case 'bp':
      return (
        <>
          {(value as number) / 100}%<span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6, fontSize: 12 }}>{bonusRangeText(field, on, t)}</span>
        </>
      );
    case 'months':
      return monthsText(value as number[], t);
    case 'month':
      return t('payroll.policy.monthN', { month: value as number });
  }
}

interface TeamRow {
  id: string;
  name: string | null;
  baseFen: number;
  bonusFen: number;
}

function TeamTable({ policy, teams }: { policy: PayPolicy; teams: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const rows: TeamRow[] = teamRows(policy, teams).map((r) => ({ ...r, ...(policy.teams[r.id] ?? { baseFen: 0, bonusFen: 0 }) }));
  const columns: TableColumnsType<TeamRow> = [
    { key: 'name', title: t('payroll.policy.team'), render: (_v, r) => r.name ?? t('payroll.policy.teamGone') },
    { key: 'base', title: t('payroll.policy.base'), align: 'right', render: (_v, r) => <Yuan fen={r.baseFen} /> },
    { key: 'bonus', title: t('payroll.policy.bonus'), align: 'right', render: (_v, r) => <Yuan fen={r.bonusFen} /> },
    {
      key: 'total',
      title: t('payroll.policy.total'),
      align: 'right',
      render: (_v, r) => (
        <>
          <Yuan fen={r.baseFen + r.bonusFen} />
          {r.baseFen + r.bonusFen < policy.floorFen && (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('payroll.policy.belowFloor')}
            </Tag>
          )}
        </>
      ),
    },
  ];
  return <Table<TeamRow> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="policy-team-table" />;
}

export function PolicyView({ policy, teams, on }: { policy: PayPolicy; teams: { id: string; name: string }[]; on: string }) {
  const { t, lang } = useI18n();
  return POLICY_SECTIONS.map((section) => (
    <section key={section.key} data-testid={`policy-view-${section.key}`}>
      <Divider titlePlacement="start" style={{ marginTop: 8 }}>
        {t(section.title)}
      </Divider>
      <SectionSources section={section} on={on} />
      <Descriptions
        size="small"
        bordered
        column={section.key === 'annual' ? 3 : 2}
        style={{ marginBottom: 12 }}
        items={section.fields.map((f) => ({ key: f.path.join('.'), label: f.label(t, lang), children: fieldValue(f, policy, on, t) }))}
      />
      {section.teams && <TeamTable policy={policy} teams={teams} />}
    </section>
  ));
}
