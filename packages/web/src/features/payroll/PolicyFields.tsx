import { ruleValue } from '@gongyi/domain';
import { Col, Divider, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useI18n, type Translate } from '../../i18n';
import { POLICY_SECTIONS, ruleSource, type PolicyField, type PolicySection } from './policyForm';

// The pay policy's boxes (#7 part 1), under the form's "policy" key: the new-version dialog and the
// what-if page both use them. Amounts are typed in yuan, percents in %.

const MONTHS = Array.from({ length: 12 }, (_v, i) => i + 1);

/** "允许 2%–25%（R19）": a category's annual bonus range on `on`. */
export function bonusRangeText(field: PolicyField, on: string, t: Translate): string | undefined {
  if (!field.category) return undefined;
  const r = ruleValue('pay.annualBonusRangeBp', on)[field.category];
  return t('payroll.policy.range', { min: r.min / 100, max: r.max / 100 });
}

/** Where a section's defaults come from: the notice's words for each rule value. */
export function SectionSources({ section, on }: { section: PolicySection; on: string }) {
  const { t } = useI18n();
  const sources = [...new Set(section.sources.map((r) => ruleSource(r, on)).filter((s): s is string => Boolean(s)))];
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }} data-testid={`policy-source-${section.key}`}>
      {t(section.help)}
      {sources.map((s) => (
        <span key={s} style={{ display: 'block' }}>
          {t('payroll.policy.source', { source: s })}
        </span>
      ))}
    </Typography.Paragraph>
  );
}

/** The box for one field; Form.Item hands it value, onChange and id, passed on to the control. */
function FieldInput({ field, ...control }: { field: PolicyField; id?: string; value?: unknown; onChange?: (value: unknown) => void }) {
  const { t } = useI18n();
  const months = MONTHS.map((m) => ({ value: m, label: t('payroll.policy.monthN', { month: m }) }));
  if (field.kind === 'months') return <Select<number[]> mode="multiple" allowClear options={months} {...(control as object)} />;
  if (field.kind === 'month') return <Select<number> options={months} {...(control as object)} />;
  const bp = field.kind === 'bp';
  return <InputNumber<number> min={0} precision={2} step={bp ? 0.5 : 10} prefix={bp ? undefined : '¥'} suffix={bp ? '%' : undefined} style={{ width: '100%' }} {...(control as object)} />;
}

function PolicyItem({ field, on }: { field: PolicyField; on: string }) {
  const { t, lang } = useI18n();
  const label = field.label(t, lang);
  const required = field.kind !== 'months';
  return (
    <Form.Item
      name={['policy', ...field.path]}
      label={label}
      extra={bonusRangeText(field, on, t)}
      rules={required ? [{ required: true, message: t('common.required', { label }) }] : []}
    >
      <FieldInput field={field} />
    </Form.Item>
  );
}

/** Base wage and bonus at 100 points, one row per team (R13); a team's bonus scales with its monthly score. */
function TeamFields({ rows }: { rows: { id: string; name: string | null }[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="policy-teams">
      <Row gutter={12} style={{ fontWeight: 500, marginBottom: 4 }}>
        <Col span={8}>{t('payroll.policy.team')}</Col>
        <Col span={8}>{t('payroll.policy.base')}</Col>
        <Col span={8}>{t('payroll.policy.bonus')}</Col>
      </Row>
      {rows.map((row) => (
        <Row gutter={12} key={row.id} align="middle">
          <Col span={8} style={{ paddingBottom: 16 }}>
            {row.name ?? <Typography.Text type="secondary">{t('payroll.policy.teamGone')}</Typography.Text>}
          </Col>
          {(['baseFen', 'bonusFen'] as const).map((k) => {
            const label = t(k === 'baseFen' ? 'payroll.policy.base' : 'payroll.policy.bonus');
            return (
              <Col span={8} key={k}>
                <Form.Item name={['policy', 'teams', row.id, k]} rules={[{ required: true, message: t('common.required', { label }) }]} style={{ marginBottom: 12 }}>
                  <InputNumber<number> min={0} precision={2} step={10} prefix="¥" style={{ width: '100%' }} aria-label={`${row.name ?? row.id} ${label}`} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
      ))}
    </div>
  );
}

/** Every section of the policy as form fields; `on` is the first day the values apply (for the notice's limits). */
export function PolicyFields({ on, teams, columns = 3 }: { on: string; teams: { id: string; name: string | null }[]; columns?: 2 | 3 }) {
  const { t } = useI18n();
  return POLICY_SECTIONS.map((section) => (
    <section key={section.key} data-testid={`policy-section-${section.key}`}>
      <Divider titlePlacement="start" style={{ marginTop: 8 }}>
        {t(section.title)}
      </Divider>
      <SectionSources section={section} on={on} />
      <Row gutter={16}>
        {section.fields.map((field) => (
          <Col span={field.kind === 'months' ? 24 : 24 / columns} key={field.path.join('.')}>
            <PolicyItem field={field} on={on} />
          </Col>
        ))}
      </Row>
      {section.teams && <TeamFields rows={teams} />}
    </section>
  ));
}
