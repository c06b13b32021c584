import { roleAllows, type SheetCreate, type Team } from '@gongyi/domain';
import { Alert, Form, Select } from 'antd';
import { createSheet } from '../../api/assessment';
import { FormModal } from '../../components/FormModal';
import { MonthPicker, thisMonth } from '../../features/assessment/display';
import { departmentOptions, SEARCHABLE } from '../../features/org/useOrgLookups';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';

type Values = Partial<SheetCreate>;

/** 新建考核表: the unit (preselected from the user's grant), one of its teams, the month; the server lists the workers in post then. */
export function SheetCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (sheetId: string) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const lookups = useWorkerLookups().data;
  // The units this user enters for: their own department, or every unit with a town-wide grant.
  const granted = session.grants.filter((g) => roleAllows(g.role, 'assessment.enter'));
  const townWide = granted.some((g) => g.scopeKind === 'town');
  const mine = new Set(granted.filter((g) => g.scopeKind === 'department').map((g) => g.scopeId));
  const departments = (lookups?.departments ?? []).filter((d) => townWide || mine.has(d.id));

  const submit = async (v: Values) => {
    const sheet = await createSheet(session.town.id, { departmentId: v.departmentId ?? '', teamId: v.teamId ?? '', month: v.month ?? '' });
    onClose();
    onCreated(sheet.id);
  };

  return (
    <FormModal<Values>
      open
      title={t('assessment.sheets.create')}
      okText={t('assessment.sheets.createOk')}
      onCancel={onClose}
      onSubmit={submit}
      testId="sheet-create-form"
      initialValues={{ departmentId: departments.length === 1 ? departments[0]!.id : [...mine][0] ?? undefined, month: thisMonth() }}
      onValuesChange={(changed, f) => {
        if ('departmentId' in changed) f.setFieldsValue({ teamId: undefined });
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assessment.sheets.createIntro')} />
      <Form.Item name="departmentId" label={t('assessment.col.unit')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.col.unit') }) }]}>
        <Select showSearch={SEARCHABLE} options={departmentOptions(departments)} loading={!lookups} />
      </Form.Item>
      <TeamField teams={lookups?.teams} />
      <Form.Item name="month" label={t('assessment.month')} extra={t('assessment.sheets.monthHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.month') }) }]}>
        <MonthPicker allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}

/** The teams the chosen unit manages day to day (R4). */
function TeamField({ teams: all }: { teams: Team[] | undefined }) {
  const { t } = useI18n();
  const departmentId = Form.useWatch<string | undefined>('departmentId', Form.useFormInstance());
  const teams = (all ?? []).filter((x) => x.assignment?.managingUnits.some((u) => u.departmentId === departmentId));
  return (
    <Form.Item
      name="teamId"
      label={t('assessment.col.team')}
      extra={departmentId && all && teams.length === 0 ? t('assessment.sheets.noTeams') : t('assessment.sheets.teamHelp')}
      rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.col.team') }) }]}
    >
      <Select showSearch={SEARCHABLE} options={teams.map((x) => ({ value: x.id, label: x.name, title: x.name }))} loading={!all} />
    </Form.Item>
  );
}
