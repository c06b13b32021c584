import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { latestActivity, subscribeActivity } from './activity';
import { idlePhase, idlePlan, type IdlePhase } from './idle';
import { useSession, useSessionControls } from './SessionContext';

/**
 * Warns a minute before the idle deadline (继续使用 asks the server, which keeps the session
 * alive) and signs out when it passes, so the next request does not meet an expired session with
 * a half-filled form on screen.
 */
export function IdleWatcher() {
  const { t } = useI18n();
  const { idleTimeoutSeconds } = useSession();
  const { signOut, refresh } = useSessionControls();
  const mountedAt = useRef(Date.now());
  const [phase, setPhase] = useState<IdlePhase>('active');
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const check = () => {
      clearTimeout(timer);
      if (ended) return;
      const plan = idlePlan(Math.max(latestActivity(), mountedAt.current), idleTimeoutSeconds);
      const now = Date.now();
      const next = idlePhase(plan, now);
      setPhase(next);
      setSecondsLeft(Math.max(0, Math.ceil((plan.expireAt - now) / 1000)));
      if (next === 'expired') {
        ended = true;
        void signOut('idle');
        return;
      }
      // Once a second during the warning (the countdown), else wake up when the warning is due.
      timer = setTimeout(check, next === 'warning' ? Math.min(1000, plan.expireAt - now) : plan.warnAt - now);
    };
    check();
    const unsubscribe = subscribeActivity(check);
    // Background tabs run timers late: look again as soon as the tab is shown.
    document.addEventListener('visibilitychange', check);
    return () => {
      ended = true;
      clearTimeout(timer);
      unsubscribe();
      document.removeEventListener('visibilitychange', check);
    };
  }, [idleTimeoutSeconds, signOut]);

  const keepAlive = async () => {
    setBusy(true);
    try {
      await refresh(); // a success counts as activity, which closes this dialog
    } catch {
      // A 401 has already sent the user to the login page; anything else: the countdown goes on.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={phase === 'warning'}
      title={
        <Flex gap={8} align="center">
          <ClockCircleOutlined style={{ color: '#faad14' }} />
          {t('idle.title')}
        </Flex>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={440}
      footer={[
        <Button key="out" onClick={() => void signOut('loggedOut')}>
          {t('idle.signOut')}
        </Button>,
        <Button key="stay" type="primary" loading={busy} onClick={() => void keepAlive()}>
          {t('idle.stay')}
        </Button>,
      ]}
    >
      <div data-testid="idle-warning">
        <Typography.Paragraph>{t('idle.warning')}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('idle.countdown', { seconds: secondsLeft })}</Typography.Text>
      </div>
    </Modal>
  );
}
