import { COMPLEXITY_LABELS, COMPLEXITY_LEVELS, type QuotaProposalInput } from '@gongyi/domain';
import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { createProposal } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { departmentOptions, SEARCHABLE } from '../../features/org/useOrgLookups';
import { ownDepartmentOf } from '../../features/staffing/staffingLogic';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useI18n, vocab } from '../../i18n';
import { useSession } from '../../session/SessionContext';

type Values = Partial<QuotaProposalInput>;

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** 申报职数: a department asks for a team's quota with the notice's three parameters (R9). */
export function ProposalModal({ open, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const lookups = useWorkerLookups().data;
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

  const submit = async (v: Values) => {
    await createProposal(session.town.id, {
      departmentId: v.departmentId ?? '',
      teamId: v.teamId ?? '',
      areaKm2: v.areaKm2 ?? 0,
      peopleServed: v.peopleServed ?? 0,
      complexity: v.complexity ?? 'medium',
      requested: v.requested ?? 0,
      reason: v.reason?.trim() ?? '',
    });
    void message.success(t('proposals.saved'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('proposals.create')}
      width={720}
      onCancel={onClose}
      onSubmit={submit}
      testId="proposal-form"
      initialValues={{ departmentId: ownDepartmentOf(session.grants), complexity: 'medium' }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="departmentId"
            label={t('proposals.field.department')}
            extra={t('proposals.field.departmentHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('proposals.field.department') }) }]}
          >
            <Select showSearch={SEARCHABLE} options={departmentOptions(lookups?.departments)} loading={!lookups} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="teamId"
            label={t('proposals.col.team')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('proposals.col.team') }) }]}
          >
            <Select showSearch={SEARCHABLE} options={(lookups?.teams ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name }))} loading={!lookups} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="areaKm2" label={t('proposals.field.area')} extra={t('proposals.field.areaHelp')} rules={required(t('proposals.field.area'))}>
            <InputNumber<number> min={0} max={100_000} precision={2} style={{ width: '100%' }} suffix="km²" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="peopleServed" label={t('proposals.field.people')} extra={t('proposals.field.peopleHelp')} rules={required(t('proposals.field.people'))}>
            <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="requested" label={t('proposals.field.requested')} extra={t('proposals.field.requestedHelp')} rules={required(t('proposals.field.requested'))}>
            <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="complexity" label={t('proposals.field.complexity')} extra={t('proposals.field.complexityHelp')}>
        <Radio.Group options={COMPLEXITY_LEVELS.map((c) => ({ value: c, label: vocab(COMPLEXITY_LABELS, c, lang) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('proposals.field.reason')} extra={t('proposals.field.reasonHelp')} rules={[{ ...required(t('proposals.field.reason'))[0], whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
