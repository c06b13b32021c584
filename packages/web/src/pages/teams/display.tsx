import {
  CATEGORY_LABELS,
  DEFAULT_COMMUNITY_SHARE_PERCENT,
  type Assignment,
  type CategoryCode,
  type ManagingUnit,
} from '@gongyi/domain';
import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';

// Small pieces of a team shown both in the table and in the drawer.

export function CategoryTag({ code }: { code: CategoryCode }) {
  const { lang } = useI18n();
  return <Tag color={code === 'social_coordination' ? 'volcano' : 'green'}>{CATEGORY_LABELS[code][lang]}</Tag>;
}

/** A department's or coop's name to show, from its id and the name the API gave. */
export type Namer = (id: string, name: string) => string;
const asGiven: Namer = (_id, name) => name;

/** Each daily-managing unit with the duties it manages. */
export function ManagingUnits({ units, nameOf = asGiven }: { units: ManagingUnit[]; nameOf?: Namer }) {
  const { t } = useI18n();
  return (
    <div>
      {units.map((u) => (
        <div key={u.departmentId}>
          <Typography.Text strong title={u.departmentName}>
            {nameOf(u.departmentId, u.departmentName)}
          </Typography.Text>
          {u.duties && (
            <Typography.Text type="secondary">
              {t('common.colon')}
              {u.duties}
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  );
}

/** "是（30%）" or "否": whether communities hold part of the monthly score. */
export function CommunityShare({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  if (!assignment.communityScoreShare) return <Typography.Text type="secondary">{t('common.no')}</Typography.Text>;
  return (
    <span>
      {t('common.yes')} <Tag color="blue">{assignment.communitySharePercent ?? DEFAULT_COMMUNITY_SHARE_PERCENT}%</Tag>
    </span>
  );
}

export function NoAssignment() {
  const { t } = useI18n();
  return <Tag color="warning">{t('teams.noAssignment')}</Tag>;
}
