import { Alert, App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { requestTransfer } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { PostFields } from '../workers/PostFields';
import { withFormField } from '../workers/serverFields';
import { useWorkerLookups } from '../workers/useWorkerLookups';
import { postInputBody, postValuesOf, type PostValues } from '../workers/workerLogic';
import { PickWorkerField, type WorkerOnPost } from './WorkerPicker';

interface Values {
  personId: string;
  post: PostValues & { startDate: Dayjs };
  reason: string;
}

interface Props {
  open: boolean;
  /** The worker to transfer; without one the form asks for a worker first. */
  worker?: WorkerOnPost;
  onClose: () => void;
  onSaved: () => void;
}

/** 调队申请: a transfer between teams is an exit and a hire, requested like a hire and approved by town HR (R10). */
export function TransferModal({ open, worker, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const lookups = useWorkerLookups().data;
  const [picked, setPicked] = useState<WorkerOnPost | undefined>(worker);
  const current = worker ?? picked;

  const submit = async (v: Values) => {
    try {
      await requestTransfer(town.id, {
        personId: current?.personId ?? v.personId,
        post: postInputBody(v.post, dayText(v.post.startDate)),
        reason: v.reason.trim(),
      });
    } catch (error) {
      throw withFormField(error);
    }
    void message.success(t('hiring.transferSaved'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={current ? t('hiring.transferTitle', { name: current.name }) : t('hiring.transfer')}
      okText={t('hiring.transferSubmit')}
      width={760}
      onCancel={onClose}
      onSubmit={submit}
      testId="transfer-form"
      initialValues={{
        personId: worker?.personId,
        post: { ...(worker ? { ...postValuesOf(worker.post), teamId: undefined, managingDepartmentId: undefined } : {}), startDate: dayjs().startOf('day') },
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={current ? t('hiring.transferFrom', { team: current.post.teamName, unit: current.post.managingDepartmentName }) : t('hiring.transferIntro')}
      />
      {!worker && (
        <PickWorkerField
          onPick={(w, form) => {
            setPicked(w);
            // Start from the worker's post: the user changes the team and what goes with it.
            form.setFieldsValue({ post: { ...postValuesOf(w.post), teamId: undefined, managingDepartmentId: undefined } });
          }}
        />
      )}
      <Form.Item
        name={['post', 'startDate']}
        label={t('hiring.field.transferDate')}
        extra={t('hiring.field.transferDateHelp')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('hiring.field.transferDate') }) }]}
      >
        <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
      </Form.Item>
      <PostFields prefix={['post']} lookups={lookups} dayField={['post', 'startDate']} />
      <Form.Item
        name="reason"
        label={t('hiring.field.reason')}
        extra={t('hiring.field.transferReasonHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('hiring.field.reason') }) }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
