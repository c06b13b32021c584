import {
  DEPARTMENT_KINDS,
  DEPARTMENT_KIND_LABELS,
  type CreateDepartment,
  type Department,
  type DepartmentKind,
} from '@gongyi/domain';
import { App, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { createDepartment, updateDepartment } from '../../api/organisation';
import { EffectiveFields } from '../../components/EffectiveFields';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { dayText, fromDay, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Values {
  name: string;
  shortName?: string;
  kind: DepartmentKind;
  note?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

interface Props {
  /** 'new' to create, a department to edit, null when closed. */
  target: Department | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}

export function DepartmentModal({ target, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const editing = target === 'new' ? undefined : (target ?? undefined);

  const submit = async (v: Values) => {
    const body: CreateDepartment = {
      name: v.name,
      shortName: v.shortName?.trim() || undefined,
      kind: v.kind,
      note: v.note ?? '',
      validFrom: dayText(v.validFrom),
      validTo: fromDay(v.validTo),
    };
    if (editing) await updateDepartment(town.id, editing.id, body);
    else await createDepartment(town.id, body);
    void message.success(t(editing ? 'common.saved' : 'common.created'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={target !== null}
      title={t(editing ? 'departments.edit' : 'departments.create')}
      onCancel={onClose}
      onSubmit={submit}
      testId="department-form"
      initialValues={
        editing
          ? { ...editing, validFrom: toDay(editing.validFrom), validTo: toDay(editing.validTo) }
          : { kind: 'town_office' }
      }
    >
      <Form.Item
        name="name"
        label={t('common.name')}
        extra={t('departments.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('common.name') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('common.shortName')} extra={t('departments.shortNameHelp')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('common.kind')} extra={t('departments.kindHelp')} rules={[{ required: true }]}>
        <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k][lang] }))} />
      </Form.Item>
      <EffectiveFields />
      <Form.Item name="note" label={t('common.note')} extra={t('common.noteHelp')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
