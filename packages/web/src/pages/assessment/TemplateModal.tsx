import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { checkTemplate, INDICATOR_PART_LABELS, INDICATOR_PARTS, roleAllows, SCORER_LABELS, SCORERS, type IndicatorPart, type Scorer, type Team } from '@gongyi/domain';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { createTemplate, listTemplates } from '../../api/assessment';
import { FormModal } from '../../components/FormModal';
import { MonthPicker } from '../../features/assessment/display';
import { SEARCHABLE } from '../../features/org/useOrgLookups';
import { useI18n, vocab } from '../../i18n';
import { useSession } from '../../session/SessionContext';

interface IndicatorValues {
  id?: string;
  name?: string;
  part?: IndicatorPart;
  scorer?: Scorer;
  points?: number | null;
}
interface Values {
  teamId?: string;
  validFromMonth?: string;
  absencePoints?: number | null;
  indicators?: IndicatorValues[];
}

const tenths = (points: number | null | undefined) => Math.round((points ?? 0) * 10);

/** 制定考核指标: a team's indicators from a month on, worth 100 points in all (shown as typed); the leadership group approves them (R25). */
export function TemplateModal({ teams, onClose, onSaved }: { teams: Team[]; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const granted = session.grants.filter((g) => roleAllows(g.role, 'assessment.template.manage'));
  const townWide = granted.some((g) => g.scopeKind === 'town');
  const mine = new Set(granted.map((g) => g.scopeId));
  const options = teams.filter((x) => townWide || mine.has(x.assignment?.supervisingDepartmentId ?? ''));

  const submit = async (v: Values) => {
    await createTemplate(session.town.id, {
      teamId: v.teamId ?? '',
      validFromMonth: v.validFromMonth ?? '',
      indicators: (v.indicators ?? []).map((i, n) => ({ id: i.id || `k${n + 1}`, name: i.name?.trim() ?? '', part: i.part ?? 'business', scorer: i.scorer ?? 'unit', pointsTenths: tenths(i.points) })),
      ...(typeof v.absencePoints === 'number' ? { absencePointsPerDayTenths: tenths(v.absencePoints) } : {}),
    });
    void message.success(t('assessment.templates.saved'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open
      width={760}
      title={t('assessment.templates.create')}
      onCancel={onClose}
      onSubmit={submit}
      testId="template-form"
      initialValues={{ validFromMonth: dayjs().add(1, 'month').format('YYYY-MM'), indicators: [{ part: 'business', scorer: 'unit' }] }}
      onValuesChange={(changed, form) => {
        // A new version starts from the team's latest indicators.
        if (changed.teamId) {
          void listTemplates(session.town.id, changed.teamId).then((list) => {
            const latest = list[0];
            if (latest) form.setFieldsValue({ indicators: latest.indicators.map((i) => ({ ...i, points: i.pointsTenths / 10 })), absencePoints: latest.absencePointsPerDayTenths / 10 });
          });
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assessment.templates.intro')} />
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="teamId" label={t('assessment.col.team')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.col.team') }) }]}>
            <Select showSearch={SEARCHABLE} options={options.map((x) => ({ value: x.id, label: x.name, title: x.name }))} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="validFromMonth" label={t('assessment.templates.from')} extra={t('assessment.templates.fromHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.templates.from') }) }]}>
            <MonthPicker allowClear={false} future />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="absencePoints" label={t('assessment.templates.absence')} extra={t('assessment.templates.absenceHelp')}>
            <InputNumber<number> min={0} max={100} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, n) => (
              <Row gutter={8} key={field.key} align="top">
                <Col span={8}>
                  <Form.Item name={[field.name, 'name']} label={n === 0 ? t('assessment.templates.name') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('assessment.templates.name') }) }]}>
                    <Input maxLength={60} aria-label={t('assessment.templates.name')} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'part']} label={n === 0 ? t('assessment.templates.part') : undefined}>
                    <Select options={INDICATOR_PARTS.map((p) => ({ value: p, label: vocab(INDICATOR_PART_LABELS, p, lang) }))} aria-label={t('assessment.templates.part')} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'scorer']} label={n === 0 ? t('assessment.templates.scorer') : undefined}>
                    <Select options={SCORERS.map((s) => ({ value: s, label: vocab(SCORER_LABELS, s, lang) }))} aria-label={t('assessment.templates.scorer')} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'points']} label={n === 0 ? t('assessment.templates.points') : undefined} rules={[{ required: true, message: t('common.required', { label: t('assessment.templates.points') }) }]}>
                    <InputNumber<number> min={0.1} max={100} step={1} style={{ width: '100%' }} aria-label={t('assessment.templates.points')} />
                  </Form.Item>
                </Col>
                <Col span={1} style={{ paddingTop: n === 0 ? 30 : 0 }}>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length === 1} aria-label={t('assessment.templates.remove')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ part: 'conduct', scorer: 'unit' })} block style={{ marginBottom: 12 }}>
              {t('assessment.templates.add')}
            </Button>
          </>
        )}
      </Form.List>
      <PointsSum />
    </FormModal>
  );
}

/** R25: the indicators add up to 100 points; the sum as typed. */
function PointsSum() {
  const { t } = useI18n();
  const indicators = Form.useWatch<IndicatorValues[] | undefined>('indicators', Form.useFormInstance()) ?? [];
  const sum = indicators.reduce((s, i) => s + tenths(i?.points), 0);
  const ok = checkTemplate({ indicators: indicators.map((i, n) => ({ id: i?.id || `k${n}`, name: '', part: 'business', scorer: 'unit', pointsTenths: tenths(i?.points) || 1 })), absencePointsPerDayTenths: 0 }).length === 0 && sum === 1000;
  return (
    <Typography.Text type={ok ? 'success' : 'danger'} strong data-testid="template-sum">
      {t(ok ? 'assessment.templates.sumOk' : 'assessment.templates.sumBad', { sum: sum / 10 })}
    </Typography.Text>
  );
}
