import { roleAllows, type RunDetail, type RunKind } from '@gongyi/domain';
import { Alert, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { createRun } from '../../api/payroll';
import { FormModal } from '../../components/FormModal';
import { MonthPicker } from '../../features/assessment/display';
import { coopOptions, SEARCHABLE, useOrgLookups } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';

interface Values {
  coopId: string;
  month: string;
}

/** 新建发放: a coop and a month; the server computes every worker's slip from the locked assessment. */
export function RunCreateModal({ kind, onClose, onCreated }: { kind: RunKind; onClose: () => void; onCreated: (run: RunDetail) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const coops = useOrgLookups().data?.coops;
  // A coop's own clerk runs its own pay; the finance office runs any coop's.
  const granted = session.grants.filter((g) => roleAllows(g.role, 'payroll.run'));
  const townWide = granted.some((g) => g.scopeKind === 'town');
  const mine = new Set(granted.filter((g) => g.scopeKind === 'coop').map((g) => g.scopeId));
  const choices = (coops ?? []).filter((c) => townWide || mine.has(c.id));
  const annual = kind === 'annual_bonus';
  // The refusal that names units still to lock stays in sight while the user reads it.
  const [problem, setProblem] = useState<string>();

  const submit = async (v: Values) => {
    setProblem(undefined);
    try {
      const run = await createRun(session.town.id, { kind, coopId: v.coopId, month: v.month });
      onClose();
      onCreated(run);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && !error.field) setProblem(error.message);
      else throw error;
    }
  };

  // Opened once the coops are known, so a coop's own clerk finds their coop chosen.
  if (!coops) return null;
  return (
    <FormModal<Values>
      open
      title={t(annual ? 'payroll.runs.createAnnual' : 'payroll.runs.create')}
      okText={t('payroll.runs.createOk')}
      onCancel={onClose}
      onSubmit={submit}
      testId="run-create-form"
      initialValues={{
        coopId: choices.length === 1 ? choices[0]!.id : undefined,
        // Last month's pay (its sheets are locked by now); the latest December that has begun for the bonus.
        month: annual ? `${dayjs().month() === 11 ? dayjs().year() : dayjs().year() - 1}-12` : dayjs().subtract(1, 'month').format('YYYY-MM'),
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(annual ? 'payroll.runs.createAnnualIntro' : 'payroll.runs.createIntro')} />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('payroll.runs.cannotRun')} description={problem} data-testid="run-create-problem" />}
      <Form.Item name="coopId" label={t('payroll.col.coop')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('payroll.col.coop') }) }]}>
        <Select showSearch={SEARCHABLE} options={coopOptions(choices)} />
      </Form.Item>
      <Form.Item
        name="month"
        label={t(annual ? 'payroll.runs.bonusMonth' : 'payroll.col.month')}
        extra={t(annual ? 'payroll.runs.bonusMonthHelp' : 'payroll.runs.monthHelp')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('payroll.col.month') }) }]}
      >
        <MonthPicker allowClear={false} future={annual} />
      </Form.Item>
    </FormModal>
  );
}
