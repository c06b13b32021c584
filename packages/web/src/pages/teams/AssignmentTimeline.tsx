import { isInForce, type Assignment } from '@gongyi/domain';
import { Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { CommunityShare, ManagingUnits } from './display';

interface Props {
  /** All versions, newest first. */
  history: Assignment[];
  /** The day whose version is highlighted (the list's query date, else today). */
  on: string;
}

/** R5: every management assignment of a team, so any day's manager can be read off. */
export function AssignmentTimeline({ history, on }: Props) {
  const { t } = useI18n();
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.historyEmpty')} />;

  return (
    <Timeline
      data-testid="assignment-timeline"
      items={history.map((a) => {
        const current = isInForce(a, on);
        return {
          key: a.id,
          color: current ? 'green' : a.validFrom > on ? 'blue' : 'gray',
          content: (
            <div>
              <Typography.Text strong>
                {t('assignment.inForce', { from: a.validFrom, to: a.validTo ?? t('common.present') })}
              </Typography.Text>
              {current && (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  {t('teams.current')}
                </Tag>
              )}
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 8 }}
                items={[
                  { key: 'sup', label: t('assignment.supervising'), children: a.supervisingDepartmentName },
                  { key: 'units', label: t('assignment.units'), children: <ManagingUnits units={a.managingUnits} /> },
                  { key: 'share', label: t('teams.col.share'), children: <CommunityShare assignment={a} /> },
                  ...(a.note ? [{ key: 'note', label: t('common.note'), children: a.note }] : []),
                ]}
              />
            </div>
          ),
        };
      })}
    />
  );
}
