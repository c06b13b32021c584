import { COMMUNITY_KINDS, COMMUNITY_KIND_LABELS, type Community, type CommunityKind, type CreateCommunity } from '@gongyi/domain';
import { App, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { createCommunity, updateCommunity } from '../../api/organisation';
import { EffectiveFields } from '../../components/EffectiveFields';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { dayText, fromDay, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Values {
  name: string;
  kind: CommunityKind;
  note?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

interface Props {
  target: Community | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}

export function CommunityModal({ target, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const editing = target === 'new' ? undefined : (target ?? undefined);

  const submit = async (v: Values) => {
    const body: CreateCommunity = {
      name: v.name,
      kind: v.kind,
      note: v.note ?? '',
      validFrom: dayText(v.validFrom),
      validTo: fromDay(v.validTo),
    };
    if (editing) await updateCommunity(town.id, editing.id, body);
    else await createCommunity(town.id, body);
    void message.success(t(editing ? 'common.saved' : 'common.created'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={target !== null}
      title={t(editing ? 'communities.edit' : 'communities.create')}
      onCancel={onClose}
      onSubmit={submit}
      testId="community-form"
      initialValues={
        editing
          ? { ...editing, validFrom: toDay(editing.validFrom), validTo: toDay(editing.validTo) }
          : { kind: 'village' }
      }
    >
      <Form.Item
        name="name"
        label={t('common.name')}
        extra={t('communities.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('common.name') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('common.kind')} extra={t('communities.kindHelp')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={COMMUNITY_KINDS.map((k) => ({ value: k, label: COMMUNITY_KIND_LABELS[k][lang] }))}
        />
      </Form.Item>
      <EffectiveFields />
      <Form.Item name="note" label={t('common.note')} extra={t('common.noteHelp')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
