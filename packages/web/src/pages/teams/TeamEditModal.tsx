import type { Coop, Team, TeamDetail } from '@gongyi/domain';
import { App, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { updateTeam } from '../../api/organisation';
import { EffectiveFields } from '../../components/EffectiveFields';
import { FormModal } from '../../components/FormModal';
import { SEARCHABLE, coopOptions } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { fromDay, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { TeamNameFields } from './TeamNameFields';

interface Values {
  name: string;
  coopId: string;
  duties?: string;
  sortOrder?: number | null;
  validFrom?: Dayjs;
  validTo?: Dayjs | null;
}

interface Props {
  team: Team | undefined;
  open: boolean;
  coops: Coop[];
  onClose: () => void;
  onSaved: (team: TeamDetail) => void;
}

/** Edits the team itself; who manages it changes through AssignmentModal, which keeps history. */
export function TeamEditModal({ team, open, coops, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();

  const submit = async (v: Values) => {
    if (!team) return;
    const saved = await updateTeam(town.id, team.id, {
      name: v.name,
      coopId: v.coopId,
      duties: v.duties?.trim() ?? '',
      sortOrder: v.sortOrder ?? 0,
      validTo: fromDay(v.validTo),
    });
    void message.success(t('common.saved'));
    onSaved(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      open={open && team !== undefined}
      title={`${t('teams.edit')}${team ? ` · ${team.name}` : ''}`}
      width={640}
      onCancel={onClose}
      onSubmit={submit}
      testId="team-edit-form"
      initialValues={
        team && {
          name: team.name,
          coopId: team.coopId,
          duties: team.duties,
          sortOrder: team.sortOrder,
          // Not a field: read by the end-date check.
          validFrom: toDay(team.validFrom),
          validTo: toDay(team.validTo),
        }
      }
    >
      <TeamNameFields />
      <Form.Item
        name="coopId"
        label={t('teams.coop')}
        extra={t('teams.coopHelp')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('teams.coop') }) }]}
      >
        <Select showSearch={SEARCHABLE} options={coopOptions(coops)} />
      </Form.Item>
      <Form.Item name="duties" label={t('teams.duties')} extra={t('teams.dutiesHelp')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <EffectiveFields showFrom={false} toHelp="teams.validToHelp" />
    </FormModal>
  );
}
