import type { Action, Restriction } from '@gongyi/domain';
import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { errorMessage } from '../hooks/useReportError';
import { useI18n } from '../i18n';
import { loginUrl } from './next';
import { useCan, useSessionControls } from './SessionContext';

/** The one page a restricted session may see, by restriction. */
export const FORCED_PATHS: Record<Exclude<Restriction, 'none'>, string> = {
  change_password: '/account/password',
  enrol_totp: '/account/totp',
};

/** Where a forced page sends the user once done: the page they were going to. */
export interface ForcedState {
  next?: string;
}

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('app.loading')}>
        <div style={{ width: 240, height: 120 }} />
      </Spin>
    </Flex>
  );
}

/**
 * Every page of the console sits behind this: no session → the login page (keeping the wanted
 * address); a session that must first change its password or enrol TOTP → that page and no other.
 */
export function SessionGate() {
  const { t } = useI18n();
  const { state, retry } = useSessionControls();
  const { pathname, search } = useLocation();

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') {
    return (
      <Result
        status="warning"
        title={t('session.loadFailed')}
        subTitle={errorMessage(state.error)}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (state.status === 'signedOut') {
    // After 退出登录 the next person starts from the home page, not from the last one's page.
    return <Navigate to={loginUrl(state.reason === 'loggedOut' ? undefined : pathname + search)} replace />;
  }
  const { restriction } = state.session;
  if (restriction !== 'none' && pathname !== FORCED_PATHS[restriction]) {
    const forcedState: ForcedState = { next: pathname + search };
    return <Navigate to={FORCED_PATHS[restriction]} replace state={forcedState} />;
  }
  return <Outlet />;
}

/** A page for users whose grants allow `action` (any of several); others (who typed the address) are told why not. */
export function RequireAction({ action, children }: { action: Action | readonly Action[]; children: ReactNode }) {
  const { t } = useI18n();
  const can = useCan();
  if ((typeof action === 'string' ? [action] : action).some(can)) return children;
  return (
    <Result
      status="403"
      title={t('session.noAccess')}
      subTitle={t('session.noAccessHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
