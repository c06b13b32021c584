import { ROLE_LABELS, type Grant, type User } from '@gongyi/domain';
import { Flex, Tag, Tooltip } from 'antd';
import { useI18n } from '../../../i18n';
import { timestampText } from '../../../lib/dates';

const ADMIN_COLORS: Partial<Record<Grant['role'], string>> = {
  system_admin: 'magenta',
  security_admin: 'volcano',
  audit_admin: 'purple',
};

/** A grant as "角色（范围）": the role and, for a coop/department/community/team, which one. */
export function GrantTag({ grant, closable, onClose }: { grant: Grant; closable?: boolean; onClose?: () => void }) {
  const { lang } = useI18n();
  const role = ROLE_LABELS[grant.role][lang];
  return (
    <Tag
      color={ADMIN_COLORS[grant.role] ?? 'blue'}
      closable={closable}
      onClose={onClose}
      // Long coop names wrap inside the tag instead of running into the next column.
      style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' }}
    >
      {role}
      {grant.scopeName && <span style={{ opacity: 0.75 }}>（{grant.scopeName}）</span>}
    </Tag>
  );
}

export function GrantTags({ grants }: { grants: Grant[] }) {
  const { t } = useI18n();
  if (grants.length === 0) return <Tag>{t('users.noGrants')}</Tag>;
  return (
    <Flex gap={4} wrap>
      {grants.map((g) => (
        <GrantTag key={g.id} grant={g} />
      ))}
    </Flex>
  );
}

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

/** 正常 / 停用 / 锁定至…: what stops the user from signing in, if anything. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const locked = isLocked(user);
  if (!user.disabled && !locked) return <Tag color="green">{t('users.statusActive')}</Tag>;
  return (
    <Flex gap={4} wrap>
      {user.disabled && <Tag>{t('users.statusDisabled')}</Tag>}
      {locked && (
        <Tooltip title={t('users.lockedHint')}>
          <Tag color="red">{t('users.statusLocked', { until: timestampText(user.lockedUntil).slice(5) })}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
