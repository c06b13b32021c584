import { CalculatorOutlined } from '@ant-design/icons';
import type { PolicyVersion, Simulation } from '@gongyi/domain';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { getCurrentPolicy, simulate } from '../../api/payroll';
import { showOnField } from '../../components/formErrors';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { MonthPicker } from '../../features/assessment/display';
import { PolicyFields } from '../../features/payroll/PolicyFields';
import { formToPolicy, policyToForm, teamRows, withTeams, type PolicyFormValues } from '../../features/payroll/policyForm';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useApi } from '../../hooks/useApi';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';
import { SimulationResult } from './SimulationResult';

/** The draft policy's boxes, starting from the version in force in the month. */
function DraftForm({ month, base, teams, onResult }: { month: string; base: PolicyVersion; teams: { id: string; name: string }[]; onResult: (r: Simulation) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const [form] = Form.useForm<{ policy: PolicyFormValues }>();
  const [running, setRunning] = useState(false);
  const run = async (values: { policy: PolicyFormValues }) => {
    setRunning(true);
    try {
      onResult(await simulate(town.id, month, formToPolicy(values.policy)));
    } catch (error) {
      if (!showOnField(form, error)) void message.error(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ policy: policyToForm(withTeams(base.policy, teams.map((x) => x.id))) }} onFinish={(v) => void run(v)} scrollToFirstError data-testid="simulation-form">
      <Flex justify="space-between" align="center" gap={12} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{base.id ? t('payroll.simulate.startsFrom', { from: base.validFrom }) : t('payroll.policy.prefilledDefaults')}</Typography.Text>
        <Flex gap={8}>
          <Button onClick={() => form.resetFields()}>{t('payroll.simulate.reset')}</Button>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={running} data-testid="simulation-run">
            {t('payroll.simulate.run')}
          </Button>
        </Flex>
      </Flex>
      <PolicyFields on={`${month}-01`} teams={teamRows(base.policy, teams)} columns={2} />
    </Form>
  );
}

/** 薪酬发放 › 政策测算: a draft policy over the whole town for one month, cost before and after (#7 part 6). */
export function SimulationPage() {
  const { t } = useI18n();
  const town = useTown();
  const [month, setMonth] = useState(() => dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [result, setResult] = useState<Simulation>();
  const load = useCallback((signal: AbortSignal) => getCurrentPolicy(town.id, `${month}-01`, signal), [town.id, month]);
  const current = useApi(load);
  const teams = useWorkerLookups().data?.teams;
  const base = current.data;

  return (
    <>
      <PageHeader title={t('nav.paySimulate')} subTitle={t('payroll.simulate.subtitle')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('payroll.simulate.intro')} />
      <LoadError error={current.error} onRetry={current.reload} />
      <Row gutter={16}>
        <Col span={14}>
          <Card
            size="small"
            title={
              <Flex align="center" gap={12}>
                {t('payroll.simulate.draft')}
                <MonthPicker
                  value={month}
                  allowClear={false}
                  onChange={(m) => {
                    if (m) setMonth(m);
                    setResult(undefined);
                  }}
                  testId="simulation-month"
                />
              </Flex>
            }
          >
            {base && teams && !current.loading ? <DraftForm key={`${month}-${base.id}`} month={month} base={base} teams={teams} onResult={setResult} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col span={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <SimulationResult result={result} />
          </div>
        </Col>
      </Row>
    </>
  );
}
