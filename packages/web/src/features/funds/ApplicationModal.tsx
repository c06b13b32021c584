import { APPLICATION_KINDS, roleAllows } from '@gongyi/domain';
import { Alert, App, Form, Input, InputNumber, Select } from 'antd';
import { applyForFunds, type ApplicationKind } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { yuanToFen } from '../../lib/money';
import { useSession } from '../../session/SessionContext';
import { coopOptions, SEARCHABLE } from '../org/useOrgLookups';
import { useWorkerLookups } from '../workers/useWorkerLookups';
import { YuanField } from './fields';

interface Values {
  year: number;
  kind: ApplicationKind;
  coopId: string;
  teamId?: string;
  /** In yuan (the box); sent as fen. */
  amountFen: number;
  description: string;
}

/** 申请经费 (R18): a department applies for uniforms and gear, a coop plans training, for next year's budget. */
export function ApplicationModal({ year, onClose, onCreated }: { year: number; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const lookups = useWorkerLookups().data;
  // A coop's clerk applies for their own coop; a department for any coop whose team it supervises.
  const ownCoops = new Set(session.grants.filter((g) => roleAllows(g.role, 'budget.apply') && g.scopeKind === 'coop').map((g) => g.scopeId));
  const coops = (lookups?.coops ?? []).filter((c) => ownCoops.size === 0 || ownCoops.has(c.id));
  const submit = async (v: Values) => {
    await applyForFunds(session.town.id, { year: v.year, kind: v.kind, coopId: v.coopId, teamId: v.teamId ?? null, amountFen: yuanToFen(v.amountFen) ?? 0, description: v.description.trim() });
    void message.success(t('funds.app.created'));
    onCreated();
    onClose();
  };
  const label = (key: 'year' | 'kind' | 'coop' | 'team' | 'description') => t(`funds.app.${key}`);
  if (!lookups) return null;
  return (
    <FormModal<Values>
      open
      title={t('funds.app.create')}
      okText={t('funds.app.ok')}
      onCancel={onClose}
      onSubmit={submit}
      initialValues={{ year, coopId: coops.length === 1 ? coops[0]!.id : undefined }}
      onValuesChange={(changed, form) => 'coopId' in changed && form.setFieldValue('teamId', undefined)}
      testId="application-form"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funds.app.intro')} />
      <Form.Item name="year" label={label('year')} extra={t('funds.app.yearHelp')} rules={[{ required: true, message: t('common.required', { label: label('year') }) }]}>
        <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="kind" label={label('kind')} rules={[{ required: true, message: t('common.requiredSelect', { label: label('kind') }) }]}>
        <Select options={APPLICATION_KINDS.map((k) => ({ value: k, label: t(`funds.appKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="coopId" label={label('coop')} extra={t('funds.app.coopHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: label('coop') }) }]}>
        <Select showSearch={SEARCHABLE} options={coopOptions(coops)} />
      </Form.Item>
      <Form.Item noStyle dependencies={['coopId']}>
        {({ getFieldValue }) => (
          <Form.Item name="teamId" label={label('team')} extra={t('funds.app.teamHelp')}>
            <Select allowClear options={lookups.teams.filter((x) => x.coopId === getFieldValue('coopId')).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        )}
      </Form.Item>
      <YuanField label={t('funds.col.amountYuan')} help={t('funds.app.amountHelp')} />
      <Form.Item name="description" label={label('description')} extra={t('funds.app.descriptionHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: label('description') }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
