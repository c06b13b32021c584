import { Alert, App, Card, Form, Input } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { getQuotaBoard, requestHire } from '../../api/staffing';
import { PageHeader } from '../../components/PageHeader';
import { PersonPostForm } from '../../features/workers/PersonPostForm';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';

/** The picked team's vacancies today, so the requester sees R10 before sending. */
function VacancyHint() {
  const { t } = useI18n();
  const town = useTown();
  const readQuota = useCan()('quota.read');
  const teamId = Form.useWatch<string | undefined>(['post', 'teamId']);
  const load = useCallback((signal: AbortSignal) => (readQuota ? getQuotaBoard(town.id, undefined, signal) : Promise.resolve(undefined)), [town.id, readQuota]);
  const board = useApi(load).data;
  const line = board?.teams.find((x) => x.id === teamId);
  if (!line || line.vacancies === null) return null;
  return line.vacancies > 0 ? (
    <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('hiring.vacancies', { team: line.name, count: line.vacancies })} data-testid="vacancy-hint" />
  ) : (
    <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('hiring.noVacancy', { team: line.name })} data-testid="vacancy-hint" />
  );
}

/** 新建招录申请: the candidate and the post, like 登记人员, plus why; town HR approves it against a vacancy (R10). */
export function HiringCreatePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const town = useTown();

  return (
    <>
      <PageHeader title={t('hiring.create')} subTitle={town.name} />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 24, maxWidth: 880 }} title={t('hiring.createIntro')} />
        <PersonPostForm
          submitText={t('hiring.submit')}
          cancelTo="/hiring"
          testId="hiring-create-form"
          submitTestId="hiring-create-submit"
          teamAction="hiring.request"
          withNote={false}
          postExtra={
            <>
              <VacancyHint />
              <Form.Item name="reason" label={t('hiring.field.reason')} extra={t('hiring.field.reasonHelp')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          }
          onSubmit={async (body, values) => {
            const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
            const created = await requestHire(town.id, { ...body, reason });
            void message.success(t('hiring.requested', { name: created.name }));
            void navigate('/hiring');
          }}
        />
      </Card>
    </>
  );
}
