import { addDays, type PostVersion, type WorkerDetail } from '@gongyi/domain';
import { Alert, App, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { changePost } from '../../api/workers';
import { FormModal } from '../../components/FormModal';
import { PostFields } from '../../features/workers/PostFields';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { changesSomething, postChangeBody, postValuesOf, type PostValues } from '../../features/workers/workerLogic';
import { useI18n, type MessageKey } from '../../i18n';
import { DATE_FORMAT, dayText, todayIso, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { withFormField } from '../../features/workers/serverFields';

/** The first day a change may start: after the version in force began, and not before today. */
function firstDay(current: PostVersion): string {
  const today = todayIso();
  return current.validFrom >= today ? addDays(current.validFrom, 1) : today;
}

/** 生效日期, explaining that the version in force ends the day before (history is never rewritten). */
function ValidFromField({ current, label, help }: { current: PostVersion; label: MessageKey; help: MessageKey }) {
  const { t } = useI18n();
  const picked = Form.useWatch<Dayjs | undefined>('validFrom');
  const start = picked ? dayText(picked) : undefined;
  const extra =
    start && start > current.validFrom ? t('workers.change.ends', { from: current.validFrom, end: addDays(start, -1) }) : t(help);
  return (
    <Form.Item
      name="validFrom"
      label={t(label)}
      extra={extra}
      rules={[
        { required: true, message: t('common.requiredSelect', { label: t(label) }) },
        {
          validator: async (_rule, value: Dayjs | undefined) => {
            if (value && dayText(value) <= current.validFrom) throw new Error(t('workers.change.after', { from: current.validFrom }));
          },
        },
      ]}
    >
      <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
    </Form.Item>
  );
}

type ChangeValues = PostValues & { validFrom: Dayjs; status: 'active' | 'suspended' };

interface Props {
  worker: WorkerDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (worker: WorkerDetail) => void;
}

/**
 * 岗位变更: a dated change of a post field within the team, or a suspension or resumption (#4 part 2).
 * A change of team is 调队 and an exit is 办理离岗 (R10: both go through the quota).
 */
export function PostChangeModal({ worker, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const lookups = useWorkerLookups().data;
  const current = worker.post;
  if (!current) return null;

  const submit = async (v: ChangeValues) => {
    const body = postChangeBody(current, v, dayText(v.validFrom));
    if (v.status !== current.status) body.status = v.status;
    if (!changesSomething(body)) throw new ApiError(0, 'nothing_changed', t('workers.change.nothing'));
    try {
      const saved = await changePost(town.id, worker.person.id, body);
      void message.success(t('workers.change.saved'));
      onSaved(saved);
      onClose();
    } catch (error) {
      throw withFormField(error);
    }
  };

  return (
    <FormModal<ChangeValues>
      open={open}
      title={t('workers.change.title', { name: worker.person.name })}
      width={760}
      onCancel={onClose}
      onSubmit={submit}
      testId="post-change-form"
      initialValues={{
        ...postValuesOf(current),
        status: current.status === 'suspended' ? 'suspended' : 'active',
        validFrom: toDay(firstDay(current)),
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workers.change.intro')} />
      <ValidFromField current={current} label="workers.change.validFrom" help="workers.change.validFromHelp" />
      <Form.Item name="status" label={t('workers.field.status')} extra={t('workers.change.statusHelp')}>
        <Radio.Group
          options={[
            { value: 'active', label: t(current.status === 'suspended' ? 'workers.change.resume' : 'workers.change.keepActive') },
            { value: 'suspended', label: t('workers.change.suspend') },
          ]}
        />
      </Form.Item>
      <PostFields
        prefix={[]}
        lookups={lookups}
        dayField={['validFrom']}
        currentUnit={{ id: current.managingDepartmentId, name: current.managingDepartmentName }}
        teamLocked
      />
      <Form.Item name="note" label={t('workers.change.reason')} extra={t('workers.change.reasonHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
