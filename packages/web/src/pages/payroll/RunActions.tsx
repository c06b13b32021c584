import { ReloadOutlined } from '@ant-design/icons';
import type { RunDetail } from '@gongyi/domain';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { recalculateRun, signRun } from '../../api/payroll';
import { mySignoffs, signedFor, type MySignoff } from '../../features/payroll/signoffs';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useCan, useSession } from '../../session/SessionContext';

/**
 * The sign-offs this user may give now (one button per unit or department they sign for) and 重新计算
 * before approval. Each sends the run version on screen: a run changed meanwhile is refused (409)
 * and shown afresh.
 */
export function RunActions({ run, onRun, onStale }: { run: RunDetail; onRun: (run: RunDetail) => void; onStale: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const can = useCan();
  const [busy, setBusy] = useState<string>();

  const act = async (id: string, call: () => Promise<RunDetail>, done: string) => {
    setBusy(id);
    try {
      onRun(await call());
      void message.success(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(t('payroll.sign.stale'));
        onStale();
      } else void message.error(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const signButton = (s: MySignoff) => {
    const id = `${s.verb}-${s.departmentId ?? ''}`;
    const label = t(`payroll.sign.${s.verb}`);
    const unit = signedFor(s);
    const text = unit ? `${label}（${unit}）` : label;
    return (
      <Popconfirm
        key={id}
        title={t(`payroll.sign.${s.verb}Confirm`)}
        okText={label}
        cancelText={t('common.cancel')}
        onConfirm={() => act(id, () => signRun(session.town.id, run.id, s.verb, run.version, s.departmentId), t('payroll.sign.done', { what: text }))}
      >
        <Button type="primary" loading={busy === id} data-testid={`run-sign-${s.verb}`}>
          {text}
        </Button>
      </Popconfirm>
    );
  };

  const beforeApproval = run.state === 'draft' || run.state === 'unit_confirmed' || run.state === 'department_reviewed';
  return (
    <>
      {mySignoffs(run, session.grants).map(signButton)}
      {beforeApproval && can('payroll.run') && (
        <Popconfirm
          title={t('payroll.run.recalculateConfirm')}
          okText={t('payroll.run.recalculate')}
          cancelText={t('common.cancel')}
          onConfirm={() => act('recalc', () => recalculateRun(session.town.id, run.id, run.version), t('payroll.run.recalculated'))}
        >
          <Button icon={<ReloadOutlined />} loading={busy === 'recalc'} data-testid="run-recalculate">
            {t('payroll.run.recalculate')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
