import { ApartmentOutlined, HomeOutlined, ShopOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { OrgOverview } from '@gongyi/domain';
import { Card, Empty, Flex, List, Statistic, Typography } from 'antd';
import { useCallback, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { getOverview } from '../../api/organisation';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useI18n, type MessageKey } from '../../i18n';
import { useTown } from '../../town/TownContext';

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

interface Todo {
  text: string;
  to: string;
}

function todos(overview: OrgOverview, t: ReturnType<typeof useI18n>['t']): Todo[] {
  if (overview.teams === 0) return [{ text: t('home.todoNoTeams'), to: '/org/teams' }];
  if (overview.teamsWithoutAssignment > 0) {
    return [{ text: t('home.todoUnassigned', { count: overview.teamsWithoutAssignment }), to: '/org/teams' }];
  }
  return [];
}

export function HomePage() {
  const { t } = useI18n();
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => getOverview(town.id, signal), [town.id]);
  const { data, error, loading, reload } = useApi(load);
  const items = data ? todos(data, t) : [];

  return (
    <>
      <PageHeader title={t('home.title')} subTitle={`${town.district} ${town.name}`} />
      <LoadError error={error} onRetry={reload} />
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
          <List
            dataSource={items}
            renderItem={(item) => (
              <List.Item actions={[<Link key="go" to={item.to}>{t('home.go')}</Link>]}>
                <Typography.Text>
                  <WarningOutlined style={{ color: '#faad14', marginRight: 8 }} />
                  {item.text}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
