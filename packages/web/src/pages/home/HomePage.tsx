import { ApartmentOutlined, HomeOutlined, ShopOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { OrgOverview } from '@gongyi/domain';
import { Card, Empty, Flex, Statistic, Typography } from 'antd';
import { useCallback, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { getOverview } from '../../api/organisation';
import { assessmentTodos } from '../../features/assessment/assessmentTodos';
import { auditTodos } from '../../features/audit/auditTodos';
import { fundsTodos } from '../../features/funds/fundsTodos';
import { payrollTodos } from '../../features/payroll/payrollTodos';
import { staffingTodos, type Todo } from '../../features/staffing/staffingTodos';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useI18n, type MessageKey } from '../../i18n';
import { useCan, useSession } from '../../session/SessionContext';

interface Figure {
  key: keyof Omit<OrgOverview, 'town'>;
  label: MessageKey;
  icon: ReactNode;
  to: string;
}

const FIGURES: Figure[] = [
  { key: 'teams', label: 'home.teams', icon: <TeamOutlined />, to: '/org/teams' },
  { key: 'departments', label: 'home.departments', icon: <ApartmentOutlined />, to: '/org/departments' },
  { key: 'communities', label: 'home.communities', icon: <HomeOutlined />, to: '/org/communities' },
  { key: 'coops', label: 'home.coops', icon: <ShopOutlined />, to: '/org/coops' },
  { key: 'teamsWithoutAssignment', label: 'home.teamsWithoutAssignment', icon: <WarningOutlined />, to: '/org/teams' },
];


function todos(overview: OrgOverview, t: ReturnType<typeof useI18n>['t']): Todo[] {
  if (overview.teams === 0) return [{ text: t('home.todoNoTeams'), to: '/org/teams' }];
  if (overview.teamsWithoutAssignment > 0) {
    return [{ text: t('home.todoUnassigned', { count: overview.teamsWithoutAssignment }), to: '/org/teams' }];
  }
  return [];
}

/** 工作台: the town's key figures and to-dos, for users who may read the organisation. */
export function HomePage() {
  const can = useCan();
  return can('org.read') ? <OrgHome manage={can('org.manage')} /> : <NothingYetHome />;
}

/** A user whose grants open no page yet (a worker: self-service comes in a later release). */
function NothingYetHome() {
  const { t } = useI18n();
  const { user, town } = useSession();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('home.title')} subTitle={town.name} />
      <Card data-testid="home-empty">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {t('home.welcome', { name: user.displayName })}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('home.nothingYet')}
              </Typography.Paragraph>
              {can('payroll.self') && (
                <Link to="/payroll/payslips" data-testid="home-payslips">
                  {t('home.myPayslips')}
                </Link>
              )}
            </>
          }
        />
      </Card>
    </>
  );
}

function OrgHome({ manage }: { manage: boolean }) {
  const { t, lang } = useI18n();
  const { town, grants } = useSession();
  const can = useCan();
  const load = useCallback((signal: AbortSignal) => getOverview(town.id, signal), [town.id]);
  const { data, error, loading, reload } = useApi(load);
  const loadStaffing = useCallback(
    async (signal: AbortSignal) =>
      (
        await Promise.all([
          staffingTodos(town.id, can, t, signal),
          assessmentTodos(town.id, can, t, signal),
          payrollTodos(town.id, can, grants, t, lang, signal),
          fundsTodos(town.id, can, t, lang, signal),
          auditTodos(town.id, can, t, signal),
        ])
      ).flat(),
    [town.id, can, grants, t, lang],
  );
  const staffing = useApi(loadStaffing);
  // The to-dos ask for changes: only for those who may make them.
  const items = [...(data && manage ? todos(data, t) : []), ...(staffing.data ?? [])];

  return (
    <>
      <PageHeader title={t('home.title')} subTitle={data ? `${data.town.district} ${data.town.name}` : town.name} />
      <LoadError error={error ?? staffing.error} onRetry={error ? reload : staffing.reload} />
      <Typography.Title level={5}>{t('home.figures')}</Typography.Title>
      <Flex gap={16} wrap data-testid="home-figures">
        {FIGURES.map((f) => {
          const value = data?.[f.key];
          const warn = f.key === 'teamsWithoutAssignment' && (value ?? 0) > 0;
          return (
            <Link key={f.key} to={f.to} style={{ flex: '1 1 180px' }}>
              <Card hoverable loading={loading && !data} style={{ height: '100%' }}>
                <Statistic
                  title={t(f.label)}
                  value={value ?? '—'}
                  prefix={f.icon}
                  styles={{ content: warn ? { color: '#d4380d' } : undefined }}
                />
              </Card>
            </Link>
          );
        })}
      </Flex>
      <Card title={t('home.todo')} style={{ marginTop: 16 }} data-testid="home-todos">
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todoEmpty')} />
        ) : (
          // Plain rows: antd 6.6 deprecates List.
          <Flex vertical>
            {items.map((item) => (
              <Flex key={item.text} justify="space-between" align="center" gap={16} style={{ padding: '12px 0' }}>
                <Typography.Text>
                  <WarningOutlined style={{ color: '#faad14', marginRight: 8 }} />
                  {item.text}
                </Typography.Text>
                <Link to={item.to} style={{ flex: 'none' }}>
                  {t('home.go')}
                </Link>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </>
  );
}
