import type { PolicyVersion } from '@gongyi/domain';
import { Alert, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createPolicy } from '../../api/payroll';
import { FormModal } from '../../components/FormModal';
import { PolicyFields } from '../../features/payroll/PolicyFields';
import { formToPolicy, policyToForm, teamRows, withTeams, type PolicyFormValues } from '../../features/payroll/policyForm';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Values {
  validFrom: Dayjs;
  note?: string;
  policy: PolicyFormValues;
}

/** 新增版本: a whole policy from a date, prefilled from `base`; the server checks it against the notice (R14, R17, R19). */
export function PolicyVersionModal({ base, teams, onClose, onCreated }: { base: PolicyVersion; teams: { id: string; name: string }[]; onClose: () => void; onCreated: (v: PolicyVersion) => void }) {
  const { t } = useI18n();
  const town = useTown();
  const firstOfNextMonth = dayjs().add(1, 'month').startOf('month');

  const submit = async (v: Values) => {
    const created = await createPolicy(town.id, { validFrom: dayText(v.validFrom), note: v.note?.trim() ?? '', policy: formToPolicy(v.policy) });
    onCreated(created);
    onClose();
  };

  return (
    <FormModal<Values>
      open
      width={980}
      title={t('payroll.policy.add')}
      okText={t('payroll.policy.addOk')}
      onCancel={onClose}
      onSubmit={submit}
      testId="policy-form"
      initialValues={{ validFrom: firstOfNextMonth, note: '', policy: policyToForm(withTeams(base.policy, teams.map((x) => x.id))) }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={base.id ? t('payroll.policy.prefilled', { from: base.validFrom }) : t('payroll.policy.prefilledDefaults')}
        description={t('payroll.policy.addIntro')}
      />
      <VersionFields rows={teamRows(base.policy, teams)} />
    </FormModal>
  );
}

/** The date and note, then the policy; the notice's limits shown are those in force on the chosen date. */
function VersionFields({ rows }: { rows: { id: string; name: string | null }[] }) {
  const { t } = useI18n();
  const validFrom = Form.useWatch<Dayjs | undefined>('validFrom', Form.useFormInstance());
  const on = validFrom ? validFrom.format(DATE_FORMAT) : dayjs().format(DATE_FORMAT);
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="validFrom" label={t('common.validFrom')} extra={t('payroll.policy.validFromHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('common.validFrom') }) }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="note" label={t('common.note')} extra={t('payroll.policy.noteHelp')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <PolicyFields on={on} teams={rows} />
    </>
  );
}
