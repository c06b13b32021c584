import type { TeamDetail } from '@gongyi/domain';
import { App, Col, DatePicker, Divider, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createTeam } from '../../api/organisation';
import { FormModal } from '../../components/FormModal';
import { SEARCHABLE, categoryOptions, coopOptions, type OrgLookups } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { TeamNameFields } from './TeamNameFields';
import { AssignmentFields } from './AssignmentFields';
import { EMPTY_ASSIGNMENT, assignmentBody, type AssignmentValues } from './assignmentForm';

interface Values {
  name: string;
  categoryId: string;
  coopId?: string;
  duties?: string;
  sortOrder?: number | null;
  validFrom: Dayjs;
  assignment: AssignmentValues;
}

interface Props {
  open: boolean;
  lookups: OrgLookups | undefined;
  nextSortOrder: number;
  onClose: () => void;
  onCreated: (team: TeamDetail) => void;
}

export function TeamCreateModal({ open, lookups, nextSortOrder, onClose, onCreated }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const categories = lookups?.categories ?? [];
  const first = categories[0];

  const submit = async (v: Values) => {
    const team = await createTeam(town.id, {
      name: v.name,
      categoryId: v.categoryId,
      coopId: v.coopId,
      duties: v.duties?.trim() ?? '',
      sortOrder: v.sortOrder ?? 0,
      validFrom: dayText(v.validFrom),
      validTo: null,
      assignment: assignmentBody(v.assignment),
    });
    void message.success(t('common.created'));
    onCreated(team);
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('teams.create')}
      width={720}
      onCancel={onClose}
      onSubmit={submit}
      testId="team-create-form"
      initialValues={{
        categoryId: first?.id,
        coopId: first?.defaultCoopId ?? undefined,
        sortOrder: nextSortOrder,
        validFrom: dayjs().startOf('day'),
        assignment: EMPTY_ASSIGNMENT,
      }}
      onValuesChange={(changed, form) => {
        // R3: a new team joins its category's default coop unless the user picks another.
        if (changed.categoryId === undefined) return;
        const category = categories.find((c) => c.id === changed.categoryId);
        form.setFieldValue('coopId', category?.defaultCoopId ?? undefined);
      }}
    >
      <TeamNameFields />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="categoryId"
            label={t('teams.category')}
            extra={t('teams.categoryHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('teams.category') }) }]}
          >
            <Select options={categoryOptions(categories, lang)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="coopId" label={t('teams.coop')} extra={t('teams.coopHelp')}>
            <Select showSearch={SEARCHABLE} options={coopOptions(lookups?.coops)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="duties" label={t('teams.duties')} extra={t('teams.dutiesHelp')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="validFrom"
        label={t('common.validFrom')}
        extra={t('teams.validFromHelp')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('common.validFrom') }) }]}
      >
        <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
      </Form.Item>
      <Divider titlePlacement="start">{t('assignment.section')}</Divider>
      <AssignmentFields prefix={['assignment']} departments={lookups?.departments ?? []} />
    </FormModal>
  );
}
