import type { Action, CreateWorker } from '@gongyi/domain';
import { App, Button, DatePicker, Flex, Form, Input, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { showOnField } from '../../components/formErrors';
import { LoadError } from '../../components/LoadError';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { withFormField } from './serverFields';
import { PersonFields } from './PersonFields';
import { PostFields } from './PostFields';
import { useWorkerLookups } from './useWorkerLookups';
import { NEW_POST, createWorkerBody, type PersonValues, type PostValues } from './workerLogic';

export interface PersonPostValues {
  person: PersonValues;
  post: PostValues & { startDate?: Dayjs };
  /** Fields a caller adds to the second step (a hire's reason). */
  [extra: string]: unknown;
}

const STEPS = ['person', 'post'] as const;

interface Props {
  /** Sends the person and the post; throw an ApiError to show it on the form. */
  onSubmit: (body: CreateWorker, values: PersonPostValues) => Promise<void>;
  submitText: string;
  /** Where 取消 goes. */
  cancelTo: string;
  /** More fields for the post step, after the post's own. */
  postExtra?: ReactNode;
  /** The post step's note field (登记人员 keeps one; a hire has its reason instead). */
  withNote?: boolean;
  testId: string;
  submitTestId: string;
  /** What the submit does, so the team list offers only the teams the user's grants reach for it. */
  teamAction: Action;
}

/** A person and a post in two steps (个人信息, 岗位): 登记人员 and 新建招录申请 (#4 part 1, #5 part 3). */
export function PersonPostForm({ onSubmit, submitText, cancelTo, postExtra, withNote = true, testId, submitTestId, teamAction }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const lookups = useWorkerLookups();
  const [form] = Form.useForm<PersonPostValues>();
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
    let values: PersonPostValues;
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
      await onSubmit(createWorkerBody(values.person, post, dayText(start!)), values);
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
      <Steps
        current={step}
        onChange={(s) => (s === 0 ? setStep(0) : void next())}
        items={STEPS.map((s) => ({ title: t(`workers.step.${s}`), content: t(`workers.step.${s}Help`) }))}
        style={{ maxWidth: 720, marginBottom: 32 }}
      />
      <LoadError error={lookups.error} onRetry={lookups.reload} />
      <Form<PersonPostValues>
        form={form}
        layout="vertical"
        initialValues={{ post: { ...NEW_POST, startDate: dayjs().startOf('day') } }}
        scrollToFirstError
        style={{ maxWidth: 880 }}
        data-testid={testId}
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
          <PostFields prefix={['post']} lookups={lookups.data} dayField={['post', 'startDate']} teamAction={teamAction} />
          {withNote && (
            <Form.Item name={['post', 'note']} label={t('common.note')} extra={t('workers.field.noteHelp')}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {postExtra}
        </div>
        <Flex gap={8}>
          {step === 0 ? (
            <>
              <Button type="primary" onClick={() => void next()}>
                {t('workers.nextStep')}
              </Button>
              <Button onClick={() => void navigate(cancelTo)}>{t('common.cancel')}</Button>
            </>
          ) : (
            <>
              <Button onClick={() => setStep(0)}>{t('workers.prevStep')}</Button>
              <Button type="primary" loading={saving} onClick={() => void submit()} data-testid={submitTestId}>
                {submitText}
              </Button>
            </>
          )}
        </Flex>
      </Form>
    </>
  );
}
