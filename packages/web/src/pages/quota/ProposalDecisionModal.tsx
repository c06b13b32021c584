import type { QuotaProposal } from '@gongyi/domain';
import { App, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { decideProposal } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { decisionNeedsReason } from '../../features/staffing/staffingLogic';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText, todayIso } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Values {
  decision: 'approve' | 'reject';
  quota?: number;
  validFrom?: Dayjs;
  reason?: string;
}

/** The reason box: required on a rejection or when the approved number differs from the request. */
function ReasonField({ requested }: { requested: number }) {
  const { t } = useI18n();
  const decision = Form.useWatch<Values['decision'] | undefined>('decision');
  const quota = Form.useWatch<number | undefined>('quota');
  const needed = decisionNeedsReason(decision, requested, quota);
  return (
    <Form.Item
      name="reason"
      label={t('proposals.decision.reason')}
      extra={t(needed ? 'proposals.decision.reasonNeeded' : 'proposals.decision.reasonHelp')}
      dependencies={['decision', 'quota']}
      rules={[{ required: needed, whitespace: true, message: t('common.required', { label: t('proposals.decision.reason') }) }]}
    >
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );
}

/** Town HR approves a proposal (possibly adjusting the number) or rejects it, with a reason (R9). */
export function ProposalDecisionModal({ proposal, onClose, onSaved }: { proposal: QuotaProposal; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();

  const submit = async (v: Values) => {
    await decideProposal(town.id, proposal.id, {
      decision: v.decision,
      quota: v.decision === 'approve' ? v.quota : undefined,
      reason: v.reason?.trim() ?? '',
      // The date matters only for an approval; a rejection sends today's.
      validFrom: v.validFrom ? dayText(v.validFrom) : todayIso(),
    });
    void message.success(t(v.decision === 'approve' ? 'proposals.decision.approved' : 'proposals.decision.rejected'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={t('proposals.decision.title', { team: proposal.teamName })}
      width={640}
      onCancel={onClose}
      onSubmit={submit}
      testId="proposal-decision-form"
      initialValues={{ decision: 'approve', quota: proposal.requested, validFrom: dayjs().startOf('day') }}
    >
      <Descriptions
        size="small"
        bordered
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'dept', label: t('proposals.field.department'), children: proposal.departmentName },
          { key: 'current', label: t('proposals.col.current'), children: proposal.currentQuota ?? '—' },
          { key: 'requested', label: t('proposals.field.requested'), children: proposal.requested },
          { key: 'people', label: t('proposals.field.people'), children: proposal.peopleServed },
          { key: 'reason', label: t('proposals.field.reason'), span: 2, children: proposal.reason },
        ]}
      />
      <Form.Item name="decision" label={t('proposals.decision.label')}>
        <Radio.Group
          options={[
            { value: 'approve', label: t('proposals.decision.approve') },
            { value: 'reject', label: t('proposals.decision.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'approve' && (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item
                  name="quota"
                  label={t('proposals.col.approved')}
                  extra={t('proposals.decision.quotaHelp')}
                  rules={[{ required: true, message: t('common.required', { label: t('proposals.col.approved') }) }]}
                >
                  <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="validFrom"
                  label={t('common.validFrom')}
                  extra={t('proposals.decision.validFromHelp')}
                  rules={[{ required: true, message: t('common.requiredSelect', { label: t('common.validFrom') }) }]}
                >
                  <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )
        }
      </Form.Item>
      <ReasonField requested={proposal.requested} />
    </FormModal>
  );
}
