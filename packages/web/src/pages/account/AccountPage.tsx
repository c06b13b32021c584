import type { Restriction, Session } from '@gongyi/domain';
import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { FORCED_PATHS, type ForcedState } from '../../session/SessionGate';
import { safeNext } from '../../session/next';

/** The frame of the signed-in user's own pages: narrow, centred when it is the only page allowed. */
export function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical align="center">
      <div style={{ width: '100%', maxWidth: 640 }}>
        <PageHeader title={title} />
        <Card>{children}</Card>
      </div>
    </Flex>
  );
}

/**
 * After a forced step is done: the next forced step, or the page the user was going to.
 * Returns a function taking the server's new session.
 */
export function useAfterForcedStep(): (session: Session) => void {
  const navigate = useNavigate();
  const { state } = useLocation() as { state: ForcedState | null };
  return (session: Session) => {
    const next = safeNext(state?.next);
    const restriction: Restriction = session.restriction;
    if (restriction === 'none') void navigate(next, { replace: true });
    else void navigate(FORCED_PATHS[restriction], { replace: true, state: { next } satisfies ForcedState });
  };
}

/** A 6-digit code: digits only, spaces tolerated (some apps show "123 456"). */
export const CODE_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;
export const codeOf = (text: string) => text.replace(/\s/g, '');
