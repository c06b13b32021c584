import type { QuotaBoard, QuotaPlan, QuotaProblem } from '@gongyi/domain';
import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { createQuotaPlan } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { planInputOf, planProblems, planValuesOf, type PlanValues } from '../../features/staffing/staffingLogic';
import { categoryName } from '../../features/org/useOrgLookups';
import { useI18n, type Lang, type Translate } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

type Values = PlanValues & { validFrom: Dayjs };

function problemText(t: Translate, lang: Lang, board: QuotaBoard, p: QuotaProblem): string {
  const category = (id: string) => {
    const found = board.categories.find((c) => c.id === id);
    return found ? categoryName(found, lang) : id;
  };
  switch (p.kind) {
    case 'categories_exceed_total':
      return t('quota.problem.categories', { sum: p.sum, quota: p.quota });
    case 'teams_exceed_category':
      return t('quota.problem.teams', { category: category(p.categoryId), sum: p.sum, quota: p.quota });
    case 'team_without_category_quota':
      return t('quota.problem.noCategory', { team: board.teams.find((x) => x.id === p.teamId)?.name ?? p.teamId, category: category(p.categoryId) });
  }
}

/** R9's sums as the user types: the plan is refused while a level overshoots the one above it. */
function PlanChecks({ board }: { board: QuotaBoard }) {
  const { t, lang } = useI18n();
  const values = Form.useWatch<PlanValues | undefined>([]);
  if (!values) return null;
  const problems = planProblems(values, board);
  if (problems.length === 0) return <Alert type="success" showIcon title={t('quota.problem.none')} style={{ marginBottom: 16 }} />;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('quota.problem.title')}
      description={problems.map((p) => (
        <div key={`${p.kind}-${'categoryId' in p ? p.categoryId : ''}-${'teamId' in p ? p.teamId : ''}`}>{problemText(t, lang, board, p)}</div>
      ))}
      data-testid="quota-plan-problems"
    />
  );
}

const count = { min: 0, max: 1_000_000, precision: 0, style: { width: '100%' } };

interface Props {
  open: boolean;
  board: QuotaBoard;
  plans: QuotaPlan[];
  onClose: () => void;
  onSaved: () => void;
}

/** 调整职数方案: town HR saves the plan as a new dated version; the one in force ends the day before (R5, R9). */
export function QuotaPlanModal({ open, board, plans, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();

  const submit = async (v: Values) => {
    const problems = planProblems(v, board);
    if (problems.length > 0) throw new ApiError(0, 'quota_plan_invalid', problemText(t, lang, board, problems[0]!));
    await createQuotaPlan(town.id, planInputOf(v, dayText(v.validFrom)));
    void message.success(t('quota.planSaved'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('quota.adjust')}
      width={900}
      onCancel={onClose}
      onSubmit={submit}
      testId="quota-plan-form"
      initialValues={{ ...planValuesOf(board, plans), validFrom: dayjs().startOf('day') }}
    >
      <Typography.Paragraph type="secondary">{t('quota.planIntro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="validFrom"
            label={t('common.validFrom')}
            extra={t('quota.field.validFromHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('common.validFrom') }) }]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="total"
            label={t('quota.field.total')}
            extra={t('quota.field.totalHelp')}
            rules={[{ required: true, message: t('common.required', { label: t('quota.field.total') }) }]}
          >
            <InputNumber<number> {...count} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="basis" label={t('quota.field.basis')} extra={t('quota.field.basisHelp')}>
            <Input maxLength={500} placeholder={t('quota.field.basisPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('quota.byCategory')}
      </Divider>
      <Row gutter={16}>
        {board.categories.map((c) => (
          <Col span={8} key={c.id}>
            <Form.Item name={['categories', c.id]} label={categoryName(c, lang)} extra={t('quota.field.filledNow', { filled: c.filled + c.reserved })}>
              <InputNumber<number> {...count} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {board.categories.map((c) => (
        <div key={c.id}>
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('quota.teamsOf', { category: categoryName(c, lang) })}
          </Divider>
          <Row gutter={16}>
            {board.teams
              .filter((x) => x.categoryId === c.id)
              .map((x) => (
                <Col span={6} key={x.id}>
                  <Form.Item name={['teams', x.id]} label={x.name} extra={t('quota.field.filledNow', { filled: x.filled + x.reserved })}>
                    <InputNumber<number> {...count} />
                  </Form.Item>
                </Col>
              ))}
          </Row>
        </div>
      ))}
      <PlanChecks board={board} />
    </FormModal>
  );
}
