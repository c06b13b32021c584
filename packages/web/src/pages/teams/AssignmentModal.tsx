import { addDays, type Department, type TeamDetail } from '@gongyi/domain';
import { Alert, App, DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { addAssignment } from '../../api/organisation';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { DATE_FORMAT, dayText, todayIso, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { AssignmentFields } from './AssignmentFields';
import { assignmentBody, assignmentValues, type AssignmentValues } from './assignmentForm';

type Values = AssignmentValues & { validFrom: Dayjs };

interface Props {
  team: TeamDetail | undefined;
  open: boolean;
  departments: Department[];
  onClose: () => void;
  onSaved: (team: TeamDetail) => void;
}

/** The date field, explaining what happens to the assignment now in force (R5). */
function StartField({ latestFrom }: { latestFrom: string | undefined }) {
  const { t } = useI18n();
  const picked = Form.useWatch<Dayjs | undefined>('validFrom');
  const start = picked ? dayText(picked) : undefined;
  const help =
    latestFrom && start && start > latestFrom
      ? t('assignment.validFromEnds', { from: latestFrom, end: addDays(start, -1) })
      : t('assignment.validFromHelp');
  return (
    <Form.Item
      name="validFrom"
      label={t('assignment.validFrom')}
      extra={help}
      rules={[
        { required: true, message: t('common.requiredSelect', { label: t('assignment.validFrom') }) },
        {
          validator: async (_rule, value: Dayjs | undefined) => {
            if (value && latestFrom && dayText(value) <= latestFrom) {
              throw new Error(t('assignment.validFromAfter', { from: latestFrom }));
            }
          },
        },
      ]}
    >
      <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
    </Form.Item>
  );
}

export function AssignmentModal({ team, open, departments, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  // History is newest first; a change starts from the latest version, and after it.
  const latest = team?.history[0];
  const today = todayIso();
  const firstDay = latest && latest.validFrom >= today ? addDays(latest.validFrom, 1) : today;

  const submit = async (v: Values) => {
    if (!team) return;
    const saved = await addAssignment(town.id, team.id, { ...assignmentBody(v), validFrom: dayText(v.validFrom) });
    void message.success(t('teams.assignmentChanged'));
    onSaved(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      open={open && team !== undefined}
      title={`${t('teams.changeAssignment')}${team ? ` · ${team.name}` : ''}`}
      width={720}
      onCancel={onClose}
      onSubmit={submit}
      testId="assignment-form"
      initialValues={{ ...assignmentValues(latest), validFrom: toDay(firstDay) }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assignment.intro')} />
      <StartField latestFrom={latest?.validFrom} />
      <AssignmentFields prefix={[]} departments={departments} />
    </FormModal>
  );
}
