import { RUN_STATES, SIGNOFF_STEP_LABELS, SIGNOFF_STEPS, type RunDetail } from '@gongyi/domain';
import { Steps, Tooltip, Typography } from 'antd';
import type { Signoff } from '../../api/payroll';
import { useI18n, vocab } from '../../i18n';
import { timestampText } from '../../lib/dates';

function SignoffLine({ s }: { s: Signoff }) {
  const { t } = useI18n();
  const who = `${s.departmentName ? `${s.departmentName} · ` : ''}${s.userName} ${timestampText(s.signedAt)}`;
  if (!s.voidedAt) return <div>{who}</div>;
  return (
    <Tooltip title={t('payroll.sign.voided', { at: timestampText(s.voidedAt), reason: s.voidReason })}>
      <div>
        <Typography.Text delete type="secondary">
          {who}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

/** R21's way: unit confirms → department reviews → leader approves → coop releases; who signed when, and who still must. */
export function RunSignoffs({ run }: { run: RunDetail }) {
  const { t, lang } = useI18n();
  const done = RUN_STATES.indexOf(run.state);
  return (
    <Steps
      size="small"
      current={Math.min(done, SIGNOFF_STEPS.length - 1)}
      status={run.state === 'released' ? 'finish' : 'process'}
      style={{ marginBottom: 16 }}
      data-testid="run-signoffs"
      items={SIGNOFF_STEPS.map((step, i) => {
        const signed = run.signoffs.filter((s) => s.step === step);
        const pending = i === done ? run.pending.filter((p) => p.step === step) : [];
        return {
          key: step,
          title: vocab(SIGNOFF_STEP_LABELS, step, lang),
          content: (
            <div style={{ fontSize: 12 }} data-testid={`run-step-${step}`}>
              {signed.map((s) => (
                <SignoffLine key={`${s.departmentId ?? ''}-${s.signedAt}`} s={s} />
              ))}
              {pending.length > 0 && (
                <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="run-pending">
                  {t('payroll.sign.pending', { who: pending.map((p) => p.departmentName ?? vocab(SIGNOFF_STEP_LABELS, p.step, lang)).join('、') })}
                </Typography.Text>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
