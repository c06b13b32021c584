import { Tag, Typography } from 'antd';
import { isInForce } from '@gongyi/domain';
import { useI18n } from '../i18n';
import { todayIso } from '../lib/dates';

interface Props {
  validFrom: string;
  validTo: string | null;
}

/** "2012-11-01 至 今", with a tag when the record is not in force today. */
export function EffectiveDates({ validFrom, validTo }: Props) {
  const { t } = useI18n();
  const today = todayIso();
  const range = t('common.dateRange', { from: validFrom, to: validTo ?? t('common.present') });
  if (isInForce({ validFrom, validTo }, today)) return <span>{range}</span>;
  return (
    <span>
      <Typography.Text type="secondary">{range}</Typography.Text>{' '}
      <Tag>{validFrom > today ? t('common.notStarted') : t('common.ended')}</Tag>
    </span>
  );
}

/** A single date cell: the date, greyed with a tag when the record has ended. */
export function EndDate({ validTo }: { validTo: string | null }) {
  const { t } = useI18n();
  if (!validTo) return <Typography.Text type="secondary">—</Typography.Text>;
  return validTo < todayIso() ? (
    <span>
      {validTo} <Tag>{t('common.ended')}</Tag>
    </span>
  ) : (
    <span>{validTo}</span>
  );
}
