import { ADMIN_ROLES, ROLES, ROLE_LABELS, ROLE_SCOPES, SCOPE_LABELS, type Role, type ScopeKind } from '@gongyi/domain';
import { Form, Input, Select } from 'antd';
import { useI18n } from '../../../i18n';
import type { ScopeLookups } from './scopeLookups';

// One grant being edited: a role, then (for roles granted in a coop, department, community or
// team) which one. The scope kind follows from the role (ROLE_SCOPES), so it is never asked.

export type NamePath = (string | number)[];

export interface GrantValues {
  role?: Role;
  scopeId?: string;
}

export const scopeKindOf = (role: Role): ScopeKind => ROLE_SCOPES[role][0] ?? 'town';
export const needsScopeId = (kind: ScopeKind) => kind !== 'town' && kind !== 'self';

/** The request body of a grant from the form's values (both fields already validated). */
export function grantInput(v: GrantValues) {
  const role = v.role!;
  const scopeKind = scopeKindOf(role);
  return { role, scopeKind, scopeId: needsScopeId(scopeKind) ? (v.scopeId ?? null) : null };
}

/** The admin roles among `roles` (三权分立 allows one per account). */
export const adminRolesIn = (roles: readonly (Role | undefined)[]) =>
  [...new Set(roles.filter((r): r is Role => r !== undefined && ADMIN_ROLES.includes(r)))];

interface Props {
  /** The fields' names relative to the enclosing Form.List item (or the form). */
  name: NamePath;
  /** The same fields' absolute path in the form, to watch the chosen role. */
  path: NamePath;
  lookups: ScopeLookups | undefined;
  loading: boolean;
  /** Roles that may not be chosen here (another admin role the account holds). */
  disabledRoles?: readonly Role[];
  /** Labels above the fields (the single add-grant form) or placeholders only (rows of a list). */
  labels?: boolean;
}

export function GrantFields({ name, path, lookups, loading, disabledRoles = [], labels = false }: Props) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>([...path, 'role'], form);
  const kind = role ? scopeKindOf(role) : undefined;
  const scopeLabel = kind ? SCOPE_LABELS[kind][lang] : t('users.scope');

  return (
    <>
      <Form.Item
        name={[...name, 'role']}
        label={labels ? t('users.role') : undefined}
        style={{ width: 210, flex: 'none', marginBottom: labels ? undefined : 8 }}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('users.role') }) }]}
      >
        <Select<Role>
          placeholder={t('users.role')}
          aria-label={t('users.role')}
          options={ROLES.map((r) => ({
            value: r,
            label: ROLE_LABELS[r][lang],
            disabled: disabledRoles.includes(r),
            title: disabledRoles.includes(r) ? t('users.separationShort') : ROLE_LABELS[r][lang],
          }))}
          onChange={() => form.setFieldValue([...path, 'scopeId'], undefined)}
        />
      </Form.Item>
      {kind && needsScopeId(kind) ? (
        <Form.Item
          name={[...name, 'scopeId']}
          label={labels ? scopeLabel : undefined}
          style={{ flex: 1, minWidth: 180, marginBottom: labels ? undefined : 8 }}
          rules={[{ required: true, message: t('common.requiredSelect', { label: scopeLabel }) }]}
        >
          <Select<string>
            showSearch={{ optionFilterProp: ['label', 'title'] }}
            loading={loading}
            options={lookups?.[kind] ?? []}
            placeholder={t('users.scopePick', { kind: scopeLabel })}
            aria-label={scopeLabel}
          />
        </Form.Item>
      ) : (
        <Form.Item
          label={labels ? t('users.scope') : undefined}
          style={{ flex: 1, minWidth: 180, marginBottom: labels ? undefined : 8 }}
        >
          <Input disabled value={kind ? scopeLabel : ''} placeholder={t('users.scopeAfterRole')} aria-label={t('users.scope')} />
        </Form.Item>
      )}
    </>
  );
}
