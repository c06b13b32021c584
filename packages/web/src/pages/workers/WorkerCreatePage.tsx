import { App, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { createWorker } from '../../api/workers';
import { PageHeader } from '../../components/PageHeader';
import { PersonPostForm } from '../../features/workers/PersonPostForm';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

/** 登记人员: a person and their first post, in two steps (个人信息, 岗位). */
export function WorkerCreatePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const town = useTown();

  return (
    <>
      <PageHeader title={t('workers.create')} subTitle={town.name} />
      <Card>
        <PersonPostForm
          submitText={t('workers.register')}
          cancelTo="/workers"
          testId="worker-create-form"
          submitTestId="worker-create-submit"
          teamAction="worker.manage"
          onSubmit={async (body) => {
            const detail = await createWorker(town.id, body);
            void message.success(t('workers.created', { name: detail.person.name }));
            void navigate(`/workers/${encodeURIComponent(detail.person.id)}`);
          }}
        />
      </Card>
    </>
  );
}
