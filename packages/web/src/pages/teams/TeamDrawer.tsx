import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import type { TeamDetail } from '@gongyi/domain';
import { Button, Descriptions, Drawer, Flex, Skeleton, Typography } from 'antd';
import { useCallback } from 'react';
import { getTeam } from '../../api/organisation';
import type { ApiState } from '../../hooks/useApi';
import { EffectiveDates } from '../../components/EffectiveDates';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { AssignmentTimeline } from './AssignmentTimeline';
import { CategoryTag } from './display';

/** The open team's details; the page owns it so it can reload after a change. */
export function useTeamDetail(teamId: string | undefined, on: string | undefined): ApiState<TeamDetail | undefined> {
  const town = useTown();
  const load = useCallback(
    (signal: AbortSignal) => (teamId ? getTeam(town.id, teamId, on, signal) : Promise.resolve(undefined)),
    [town.id, teamId, on],
  );
  return useApi(load);
}

interface Props {
  teamId: string | undefined;
  /** The list's query date: the drawer highlights the assignment in force that day. */
  on: string | undefined;
  detail: ApiState<TeamDetail | undefined>;
  onClose: () => void;
  onEdit: (team: TeamDetail) => void;
  onChangeAssignment: (team: TeamDetail) => void;
}

export function TeamDrawer({ teamId, on, detail, onClose, onEdit, onChangeAssignment }: Props) {
  const { t } = useI18n();
  const manage = useCan()('org.manage');
  const { data: team, error, loading, reload } = detail;
  const shown = team && team.id === teamId ? team : undefined;

  return (
    <Drawer
      open={teamId !== undefined}
      onClose={onClose}
      size={640}
      title={shown ? shown.name : t('teams.detail')}
      data-testid="team-drawer"
      extra={
        shown &&
        manage && (
          <Flex gap={8}>
            <Button icon={<EditOutlined />} onClick={() => onEdit(shown)}>
              {t('common.edit')}
            </Button>
            <Button type="primary" icon={<SwapOutlined />} onClick={() => onChangeAssignment(shown)}>
              {t('teams.changeAssignment')}
            </Button>
          </Flex>
        )
      }
    >
      <LoadError error={error} onRetry={reload} />
      {!shown && loading && <Skeleton active />}
      {shown && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'category', label: t('teams.category'), children: <CategoryTag code={shown.categoryCode} /> },
              { key: 'sort', label: t('teams.sortOrder'), children: shown.sortOrder },
              { key: 'coop', label: t('teams.coop'), children: shown.coopName, span: 2 },
              {
                key: 'dates',
                label: t('common.period'),
                children: <EffectiveDates validFrom={shown.validFrom} validTo={shown.validTo} />,
                span: 2,
              },
              {
                key: 'duties',
                label: t('teams.duties'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{shown.duties || '—'}</span>,
                span: 2,
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: '24px 0 16px' }}>
            {t('teams.history')}
          </Typography.Title>
          <AssignmentTimeline history={shown.history} on={on ?? todayIso()} />
        </>
      )}
    </Drawer>
  );
}
