import {
  EMPLOYMENT_BASIS_LABELS,
  EXIT_REASON_LABELS,
  INSURANCE_LABELS,
  SPECIAL_POST_LABELS,
  isInForce,
  type PostVersion,
} from '@gongyi/domain';
import { Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { OrDash, PayScheme, StatusTag } from '../../features/workers/display';
import { postChanges, type PostChangeKind } from '../../features/workers/workerLogic';
import { useI18n, vocab, type MessageKey } from '../../i18n';
import { timestampText, todayIso } from '../../lib/dates';

const CHANGE_LABELS: Record<PostChangeKind, MessageKey> = {
  registered: 'workers.change.registered',
  team: 'workers.change.team',
  managingDepartment: 'workers.change.managingDepartment',
  duty: 'workers.change.duty',
  community: 'workers.change.community',
  specialPost: 'workers.change.specialPost',
  fieldOrHazardous: 'workers.change.fieldOrHazardous',
  offRoster: 'workers.change.offRoster',
  payScheme: 'workers.change.payScheme',
  legacyAmounts: 'workers.change.legacyAmounts',
  employmentBasis: 'workers.change.employmentBasis',
  insurance: 'workers.change.insurance',
  suspended: 'workers.change.suspended',
  resumed: 'workers.change.resumed',
  exited: 'workers.change.exited',
};

const CHANGE_COLORS: Partial<Record<PostChangeKind, string>> = { registered: 'green', exited: 'default', suspended: 'orange', resumed: 'green' };

/** Every dated version of the worker's post (#4 part 2), newest first, each saying what changed. */
export function PostTimeline({ history }: { history: PostVersion[] }) {
  const { t, lang } = useI18n();
  const today = todayIso();
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workers.historyEmpty')} />;

  return (
    <Timeline
      data-testid="post-timeline"
      items={history.map((p, i) => {
        const exited = p.status === 'exited';
        // An exit is a date, not a period in force: "2026-03-01 起离岗".
        const current = !exited && isInForce(p, today);
        const future = p.validFrom > today;
        const changes = postChanges(p, history[i + 1]);
        const flags = [
          p.specialPost && vocab(SPECIAL_POST_LABELS, p.specialPost, lang),
          p.fieldOrHazardous && t('workers.flagShort.field_or_hazardous'),
          p.offRoster && t('workers.flagShort.off_roster'),
        ].filter(Boolean);
        return {
          key: p.id,
          color: current ? 'green' : future ? 'blue' : exited ? 'red' : 'gray',
          content: (
            <div>
              <Flex wrap gap={6} align="center">
                <Typography.Text strong>
                  {exited ? t('workers.exitedFrom', { date: p.validFrom }) : t('common.dateRange', { from: p.validFrom, to: p.validTo ?? t('common.present') })}
                </Typography.Text>
                {current && <Tag color="green">{t('teams.current')}</Tag>}
                {future && <Tag color="blue">{t('common.notStarted')}</Tag>}
                {changes.map((c) => (
                  <Tag key={c} color={CHANGE_COLORS[c] ?? 'blue'} variant="outlined">
                    {t(CHANGE_LABELS[c])}
                  </Tag>
                ))}
              </Flex>
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 8 }}
                styles={{ label: { width: lang === 'zh' ? 96 : 116, whiteSpace: 'nowrap' } }}
                items={[
                  {
                    key: 'team',
                    label: t('workers.field.team'),
                    children: (
                      <span>
                        {p.teamName}
                        <Typography.Text type="secondary"> · {p.categoryName}</Typography.Text>
                      </span>
                    ),
                  },
                  { key: 'unit', label: t('workers.field.unit'), children: p.managingDepartmentName },
                  { key: 'duty', label: t('workers.field.duty'), children: <OrDash value={p.duty} /> },
                  { key: 'community', label: t('workers.field.community'), children: <OrDash value={p.communityName} /> },
                  ...(flags.length ? [{ key: 'post', label: t('workers.field.postType'), children: flags.join('、') }] : []),
                  { key: 'pay', label: t('workers.field.payScheme'), children: <PayScheme post={p} /> },
                  {
                    key: 'insurance',
                    label: t('workers.field.insurance'),
                    children: `${vocab(INSURANCE_LABELS, p.insurance, lang)} · ${vocab(EMPLOYMENT_BASIS_LABELS, p.employmentBasis, lang)}`,
                  },
                  {
                    key: 'status',
                    label: t('workers.field.status'),
                    children: (
                      <span>
                        <StatusTag status={p.status} />
                        {p.exitReason && <Typography.Text style={{ marginLeft: 8 }}>{vocab(EXIT_REASON_LABELS, p.exitReason, lang)}</Typography.Text>}
                      </span>
                    ),
                  },
                  ...(p.note ? [{ key: 'note', label: t('common.note'), children: p.note }] : []),
                ]}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workers.recordedBy', { who: p.createdBy, at: timestampText(p.createdAt) })}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
