import type { Team } from '@gongyi/domain';
import { Typography, type TableColumnsType } from 'antd';
import type { Lang, Translate } from '../../i18n';
import { CategoryTag, CommunityShare, ManagingUnits, NoAssignment, type Namer } from './display';

/** The teams table: who each team belongs to and who managed it on the query date (R4, R5). */
export function teamColumns(
  t: Translate,
  lang: Lang,
  onOpen: (team: Team) => void,
  shortName: Namer,
): TableColumnsType<Team> {
  return [
    {
      title: t('teams.col.name'),
      key: 'name',
      width: 170,
      fixed: 'start',
      render: (_, team) => (
        <span>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {team.sortOrder}
          </Typography.Text>
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              onOpen(team);
            }}
          >
            {team.name}
          </Typography.Link>
        </span>
      ),
    },
    {
      title: t('teams.col.category'),
      key: 'category',
      width: lang === 'zh' ? 110 : 160,
      render: (_, team) => <CategoryTag code={team.categoryCode} />,
    },
    {
      title: t('teams.col.coop'),
      key: 'coop',
      width: 150,
      render: (_, team) => <span title={team.coopName}>{shortName(team.coopId, team.coopName)}</span>,
    },
    {
      title: t('teams.col.supervising'),
      key: 'supervising',
      width: 120,
      render: (_, team) => {
        const a = team.assignment;
        if (!a) return <NoAssignment />;
        return (
          <span title={a.supervisingDepartmentName}>
            {shortName(a.supervisingDepartmentId, a.supervisingDepartmentName)}
          </span>
        );
      },
    },
    {
      title: t('teams.col.managing'),
      key: 'managing',
      render: (_, team) =>
        team.assignment ? <ManagingUnits units={team.assignment.managingUnits} nameOf={shortName} /> : '—',
    },
    {
      title: t('teams.col.share'),
      key: 'share',
      width: 120,
      render: (_, team) => (team.assignment ? <CommunityShare assignment={team.assignment} /> : '—'),
    },
    {
      title: t('teams.col.validFrom'),
      key: 'validFrom',
      width: 130,
      render: (_, team) => (
        <div>
          <div>{team.validFrom}</div>
          {team.assignment && team.assignment.validFrom !== team.validFrom && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('teams.assignmentSince', { date: team.assignment.validFrom })}
            </Typography.Text>
          )}
        </div>
      ),
    },
  ];
}
