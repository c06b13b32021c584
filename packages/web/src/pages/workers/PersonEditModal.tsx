import type { WorkerDetail } from '@gongyi/domain';
import { Alert, App } from 'antd';
import { updatePerson } from '../../api/workers';
import { FormModal } from '../../components/FormModal';
import { PersonFields } from '../../features/workers/PersonFields';
import { personUpdateBody, type PersonValues } from '../../features/workers/workerLogic';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Props {
  worker: WorkerDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (worker: WorkerDetail) => void;
}

/** 修改个人信息: everything but the ID number (which, with birth date and sex, identifies the person). */
export function PersonEditModal({ worker, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const p = worker.person;

  const submit = async (v: PersonValues) => {
    const saved = await updatePerson(town.id, p.id, personUpdateBody(v, p));
    void message.success(t('common.saved'));
    onSaved(saved);
    onClose();
  };

  return (
    <FormModal<PersonValues>
      open={open}
      title={t('workers.editPerson.title', { name: p.name })}
      width={720}
      onCancel={onClose}
      onSubmit={submit}
      testId="person-edit-form"
      initialValues={{
        name: p.name,
        householdRegistration: p.householdRegistration,
        address: p.address,
        bankName: p.bankName,
        education: p.education,
        disabilityCertificate: p.disabilityCertificate,
        emergencyContactName: p.emergencyContactName,
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workers.editPerson.intro')} />
      <PersonFields
        prefix={[]}
        withIdNumber={false}
        maskedHints={{ phone: p.phoneMasked, bankAccount: p.bankAccountMasked, emergencyContactPhone: p.emergencyContactPhoneMasked }}
      />
    </FormModal>
  );
}
