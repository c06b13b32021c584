import { App, Button, Card, DatePicker, Flex, Form, Input, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { createWorker } from '../../api/workers';
import { showOnField } from '../../components/formErrors';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PersonFields } from '../../features/workers/PersonFields';
import { PostFields } from '../../features/workers/PostFields';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { NEW_POST, createWorkerBody, type PersonValues, type PostValues } from '../../features/workers/workerLogic';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { withFormField } from './serverFields';

interface Values {
  person: PersonValues;
  post: PostValues & { startDate?: Dayjs };
}

const STEPS = ['person', 'post'] as const;

/** 登记人员: a person and their first post, in two steps (个人信息, 岗位). */
export function WorkerCreatePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const town = useTown();
  const lookups = useWorkerLookups();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);

  const next = async () => {
    try {
      // Only the person's fields need to be right before moving on.
      await form.validateFields([['person']], { recursive: true });
      setStep(1);
    } catch {
      // The form shows what is wrong.
    }
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch (e) {
      const errors = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      if (errors.some((f) => f.name[0] === 'person')) setStep(0);
      return;
    }
    setSaving(true);
    try {
      const { startDate: start, ...post } = values.post;
      const detail = await createWorker(town.id, createWorkerBody(values.person, post, dayText(start!)));
      void message.success(t('workers.created', { name: detail.person.name }));
      void navigate(`/workers/${encodeURIComponent(detail.person.id)}`);
    } catch (error) {
      const renamed = withFormField(error);
      const shown = showOnField(form, renamed);
      if (shown && renamed instanceof ApiError && renamed.field?.startsWith('person.')) setStep(0);
      if (!shown) void message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('workers.create')} subTitle={town.name} />
      <Card>
        <Steps
          current={step}
          onChange={(s) => (s === 0 ? setStep(0) : void next())}
          items={STEPS.map((s) => ({ title: t(`workers.step.${s}`), content: t(`workers.step.${s}Help`) }))}
          style={{ maxWidth: 720, marginBottom: 32 }}
        />
        <LoadError error={lookups.error} onRetry={lookups.reload} />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ post: { ...NEW_POST, startDate: dayjs().startOf('day') } }}
          scrollToFirstError
          style={{ maxWidth: 880 }}
          data-testid="worker-create-form"
        >
          <div style={{ display: step === 0 ? 'block' : 'none' }}>
            <PersonFields prefix={['person']} withIdNumber />
          </div>
          <div style={{ display: step === 1 ? 'block' : 'none' }}>
            <Form.Item
              name={['post', 'startDate']}
              label={t('workers.field.startDate')}
              extra={t('workers.field.startDateHelp')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('workers.field.startDate') }) }]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
            </Form.Item>
            <PostFields prefix={['post']} lookups={lookups.data} dayField={['post', 'startDate']} />
            <Form.Item name={['post', 'note']} label={t('common.note')} extra={t('workers.field.noteHelp')}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
          <Flex gap={8}>
            {step === 0 ? (
              <>
                <Button type="primary" onClick={() => void next()}>
                  {t('workers.nextStep')}
                </Button>
                <Button onClick={() => void navigate('/workers')}>{t('common.cancel')}</Button>
              </>
            ) : (
              <>
                <Button onClick={() => setStep(0)}>{t('workers.prevStep')}</Button>
                <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="worker-create-submit">
                  {t('workers.register')}
                </Button>
              </>
            )}
          </Flex>
        </Form>
      </Card>
    </>
  );
}
