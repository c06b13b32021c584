import type { Coop, CreateCoop, Department } from '@gongyi/domain';
import { App, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { createCoop, updateCoop } from '../../api/organisation';
import { EffectiveFields } from '../../components/EffectiveFields';
import { FormModal } from '../../components/FormModal';
import { SEARCHABLE, departmentOptions } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { dayText, fromDay, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Values {
  name: string;
  shortName?: string;
  seatDepartmentId?: string | null;
  note?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

interface Props {
  target: Coop | 'new' | null;
  departments: Department[];
  onClose: () => void;
  onSaved: () => void;
}

export function CoopModal({ target, departments, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const editing = target === 'new' ? undefined : (target ?? undefined);

  const submit = async (v: Values) => {
    const body: CreateCoop = {
      name: v.name,
      shortName: v.shortName?.trim() || undefined,
      seatDepartmentId: v.seatDepartmentId ?? null,
      note: v.note ?? '',
      validFrom: dayText(v.validFrom),
      validTo: fromDay(v.validTo),
    };
    if (editing) await updateCoop(town.id, editing.id, body);
    else await createCoop(town.id, body);
    void message.success(t(editing ? 'common.saved' : 'common.created'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={target !== null}
      title={t(editing ? 'coops.edit' : 'coops.create')}
      onCancel={onClose}
      onSubmit={submit}
      testId="coop-form"
      initialValues={
        editing ? { ...editing, validFrom: toDay(editing.validFrom), validTo: toDay(editing.validTo) } : {}
      }
    >
      <Form.Item
        name="name"
        label={t('common.name')}
        extra={t('coops.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('common.name') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('common.shortName')} extra={t('coops.shortNameHelp')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="seatDepartmentId" label={t('coops.seat')} extra={t('coops.seatHelp')}>
        <Select allowClear showSearch={SEARCHABLE} options={departmentOptions(departments)} />
      </Form.Item>
      <EffectiveFields />
      <Form.Item name="note" label={t('common.note')} extra={t('common.noteHelp')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
