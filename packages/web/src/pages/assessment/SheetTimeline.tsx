import type { Sheet } from '@gongyi/domain';
import { Steps } from 'antd';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';

/** The sheet's way: 填报 → (村居评分) → 报送 → 审核 → 锁定, with who and when where the sheet records it. */
export function SheetTimeline({ sheet }: { sheet: Sheet }) {
  const { t } = useI18n();
  const share = sheet.communitySharePercent !== null;
  const steps = [
    { key: 'draft', title: t('assessment.step.draft'), content: t('assessment.step.openedBy', { who: sheet.createdBy, at: timestampText(sheet.createdAt) }) },
    ...(share
      ? [{ key: 'community_entered', title: t('assessment.step.community'), content: sheet.communityEnteredAt ? t('assessment.step.doneAt', { at: timestampText(sheet.communityEnteredAt) }) : t('assessment.step.communityHint') }]
      : []),
    { key: 'submitted', title: t('assessment.step.submitted'), content: sheet.submittedBy ? `${sheet.submittedBy} ${timestampText(sheet.submittedAt)}` : t('assessment.step.submittedHint') },
    { key: 'reviewed', title: t('assessment.step.reviewed'), content: sheet.reviewedBy ? `${sheet.reviewedBy} ${timestampText(sheet.reviewedAt)}` : t('assessment.step.reviewedHint') },
    { key: 'locked', title: t('assessment.step.locked'), content: sheet.lockedBy ? `${sheet.lockedBy} ${timestampText(sheet.lockedAt)}` : t('assessment.step.lockedHint') },
  ];
  const current = steps.findIndex((s) => s.key === sheet.state);
  return (
    <Steps
      size="small"
      current={current}
      status={sheet.state === 'locked' ? 'finish' : 'process'}
      items={steps.map(({ key, title, content }) => ({ key, title, content }))}
      style={{ marginBottom: 12 }}
      data-testid="sheet-timeline"
    />
  );
}
