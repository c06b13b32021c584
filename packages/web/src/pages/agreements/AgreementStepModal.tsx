import { AGREEMENT_EVENT_LABELS, type Agreement, type AgreementAction } from '@gongyi/domain';
import { Alert, App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { actOnAgreement, batchAgreements, batchWitness, witnessAgreement } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { witnessDepartmentOf } from '../../features/staffing/staffingLogic';
import { useI18n, vocab } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';

/** The steps taken with a date (and a number or a reason): renewal has its own dialog. */
export type StepEvent = 'sign' | 'witness' | 'file' | 'terminate';

interface Values {
  date: Dayjs;
  filingNumber?: string;
  reason?: string;
  departmentId?: string;
}

interface Props {
  event: StepEvent;
  agreements: Agreement[];
  onClose: () => void;
  onDone: () => void;
}

/** 签订 / 鉴证 / 备案 / 终止 for one agreement or a selection (R6): the same step, the same date. */
export function AgreementStepModal({ event, agreements, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const town = session.town;
  const label = vocab(AGREEMENT_EVENT_LABELS, event, lang);
  const one = agreements.length === 1 ? agreements[0] : undefined;
  // The departments that can witness: the user's own, and those the agreements name.
  const departments = new Map<string, string>();
  for (const a of agreements) departments.set(a.supervisingDepartmentId, a.supervisingDepartmentName);
  for (const g of session.grants) if (g.role === 'supervising_dept' && g.scopeId) departments.set(g.scopeId, g.scopeName ?? g.scopeId);

  const submit = async (v: Values) => {
    const date = dayText(v.date);
    const ids = agreements.map((a) => a.id);
    let done: number;
    if (event === 'witness') {
      const witness = { date, departmentId: v.departmentId ?? '' };
      done = one ? (await witnessAgreement(town.id, one.id, witness), 1) : (await batchWitness(town.id, { agreementIds: ids, witness })).done;
    } else {
      const action: AgreementAction =
        event === 'file'
          ? { event, date, filingNumber: v.filingNumber?.trim() ?? '' }
          : event === 'terminate'
            ? { event, date, reason: v.reason?.trim() ?? '' }
            : { event, date };
      done = one ? (await actOnAgreement(town.id, one.id, action), 1) : (await batchAgreements(town.id, { agreementIds: ids, action })).done;
    }
    void message.success(t('agreements.stepDone', { step: label, count: done }));
    onDone();
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={one ? t('agreements.stepTitleOne', { step: label, name: one.name }) : t('agreements.stepTitleMany', { step: label, count: agreements.length })}
      okText={label}
      width={600}
      onCancel={onClose}
      onSubmit={submit}
      testId="agreement-step-form"
      initialValues={{ date: dayjs().startOf('day'), departmentId: witnessDepartmentOf(session.grants, agreements) }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`agreements.stepIntro.${event}`)} />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="date"
            label={t(`agreements.stepDate.${event}`)}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t(`agreements.stepDate.${event}`) }) }]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {event === 'file' && (
          <Col span={12}>
            <Form.Item
              name="filingNumber"
              label={t('agreements.field.filingNumber')}
              extra={t(one ? 'agreements.field.filingNumberHelp' : 'agreements.field.filingNumberBatchHelp')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('agreements.field.filingNumber') }) }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        )}
        {event === 'witness' && (
          <Col span={12}>
            <Form.Item
              name="departmentId"
              label={t('agreements.field.witnessDepartment')}
              extra={t('agreements.field.witnessDepartmentHelp')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('agreements.field.witnessDepartment') }) }]}
            >
              <Select options={[...departments].map(([value, name]) => ({ value, label: name }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {event === 'terminate' && (
        <Form.Item
          name="reason"
          label={t('agreements.field.terminationReason')}
          extra={t('agreements.field.terminationReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('agreements.field.terminationReason') }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </FormModal>
  );
}
