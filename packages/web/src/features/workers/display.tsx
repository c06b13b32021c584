import {
  PAY_SCHEME_LABELS,
  POST_STATUS_LABELS,
  WORKER_FLAG_LABELS,
  formatYuan,
  type PostStatus,
  type PostVersion,
  type WorkerFlag,
} from '@gongyi/domain';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useI18n, vocab, type MessageKey } from '../../i18n';
import { todayIso } from '../../lib/dates';

// Small pieces of a worker shown in the roster, on the worker page and in the timeline.

const STATUS_COLORS: Record<PostStatus, string> = { active: 'green', suspended: 'orange', exited: 'default' };

/** With `from` (the version's first day) ahead of today, the tag says when: an exit recorded ahead is still in post until then (R10). */
export function StatusTag({ status, from }: { status: PostStatus; from?: string }) {
  const { t, lang } = useI18n();
  const ahead = from !== undefined && from > todayIso();
  const tag = (
    <Tag color={ahead ? 'gold' : STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={ahead ? 'status-ahead' : undefined}>
      {vocab(POST_STATUS_LABELS, status, lang)}
      {ahead && ` ${t('workers.status.from', { date: from })}`}
    </Tag>
  );
  return ahead ? <Tooltip title={t('workers.status.aheadHint', { date: from })}>{tag}</Tooltip> : tag;
}

const FLAG_COLORS: Record<WorkerFlag, string> = {
  special_post: 'blue',
  field_or_hazardous: 'orange',
  insurance_gap: 'red',
  off_roster: 'purple',
  legacy_pay: 'gold',
  shared_contact: 'volcano',
};

/** Short labels for the table; the full label shows on hover. */
export const FLAG_SHORT: Record<WorkerFlag, MessageKey> = {
  special_post: 'workers.flagShort.special_post',
  field_or_hazardous: 'workers.flagShort.field_or_hazardous',
  insurance_gap: 'workers.flagShort.insurance_gap',
  off_roster: 'workers.flagShort.off_roster',
  legacy_pay: 'workers.flagShort.legacy_pay',
  shared_contact: 'workers.flagShort.shared_contact',
};

export const FLAG_HELP: Record<WorkerFlag, MessageKey> = {
  special_post: 'workers.flagHelp.special_post',
  field_or_hazardous: 'workers.flagHelp.field_or_hazardous',
  insurance_gap: 'workers.flagHelp.insurance_gap',
  off_roster: 'workers.flagHelp.off_roster',
  legacy_pay: 'workers.flagHelp.legacy_pay',
  shared_contact: 'workers.flagHelp.shared_contact',
};

/** The roster's 提示 column: one small tag per flag. */
export function FlagTags({ flags }: { flags: readonly WorkerFlag[] }) {
  const { t, lang } = useI18n();
  if (flags.length === 0) return null;
  return (
    <Flex wrap gap={4}>
      {flags.map((f) => (
        <Tooltip key={f} title={vocab(WORKER_FLAG_LABELS, f, lang)}>
          <Tag color={FLAG_COLORS[f]} style={{ marginInlineEnd: 0, fontSize: 12, lineHeight: '18px', paddingInline: 5 }}>
            {t(FLAG_SHORT[f])}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

/** The worker page: each flag with what it means and what to do. */
export function FlagList({ flags }: { flags: readonly WorkerFlag[] }) {
  const { t, lang } = useI18n();
  return (
    <Flex vertical gap={8} data-testid="worker-flags">
      {flags.map((f) => (
        <div key={f}>
          <Tag color={FLAG_COLORS[f]}>{vocab(WORKER_FLAG_LABELS, f, lang)}</Tag>
          <Typography.Text type="secondary">{t(FLAG_HELP[f])}</Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

/** 新办法（标准）, or 老办法 with the worker's own amounts (R12). */
export function PayScheme({ post }: { post: PostVersion }) {
  const { t, lang } = useI18n();
  const label = vocab(PAY_SCHEME_LABELS, post.payScheme, lang);
  if (post.payScheme !== 'legacy') return <span>{label}</span>;
  return (
    <span>
      {label}
      {post.legacyBaseFen !== null && (
        <Typography.Text type="secondary">
          {' · '}
          {post.legacyBonusFen === null
            ? t('workers.legacyBaseOnly', { base: formatYuan(post.legacyBaseFen) })
            : t('workers.legacyAmounts', { base: formatYuan(post.legacyBaseFen), bonus: formatYuan(post.legacyBonusFen) })}
        </Typography.Text>
      )}
    </span>
  );
}

/** A possibly empty text: a dash when there is nothing. */
export function OrDash({ value }: { value: string | null | undefined }) {
  return value ? <span>{value}</span> : <Typography.Text type="secondary">—</Typography.Text>;
}
