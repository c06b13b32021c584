import {
  DISMISSAL_BASES,
  DISMISSAL_BASIS_LABELS,
  EXIT_REASONS,
  EXIT_REASON_LABELS,
  type DismissalBasis,
  type ExitInput,
} from '@gongyi/domain';
import { Alert, App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { recordExit } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { useI18n, vocab } from '../../i18n';
import { DATE_FORMAT, dayText, toDay } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { PickWorkerField, type WorkerOnPost } from './WorkerPicker';

type Reason = ExitInput['reason'];
/** A transfer is requested as 调队 (R10), never recorded here. */
export const EXIT_FORM_REASONS = EXIT_REASONS.filter((r): r is Reason => r !== 'transfer');

interface Values {
  personId?: string;
  reason: Reason;
  exitDate: Dayjs;
  note?: string;
  dismissal?: { basis?: DismissalBasis; citation?: string };
}

interface Props {
  open: boolean;
  /** The worker leaving; without one the form asks for a worker first. */
  worker?: WorkerOnPost;
  /** 即将退休: the reason and the date already known. */
  preset?: { reason: Reason; exitDate: string };
  onClose: () => void;
  onSaved: () => void;
}

/** 办理离岗: the post ends from the exit date (pay too) and the team gets a vacancy (R10). */
export function ExitModal({ open, worker, preset, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const [picked, setPicked] = useState<WorkerOnPost | undefined>(worker);
  const current = worker ?? picked;

  const submit = async (v: Values) => {
    const body: ExitInput = { reason: v.reason, exitDate: dayText(v.exitDate), note: v.note?.trim() ?? '' };
    if (v.reason === 'dismissal') body.dismissal = { basis: v.dismissal?.basis ?? 'team_rule', citation: v.dismissal?.citation?.trim() ?? '' };
    await recordExit(town.id, worker?.personId ?? v.personId ?? '', body);
    void message.success(t('workers.exit.saved', { name: current?.name ?? '' }));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={current ? t('workers.exit.title', { name: current.name }) : t('exits.create')}
      okText={t('workers.exit.confirm')}
      width={640}
      onCancel={onClose}
      onSubmit={submit}
      testId="exit-form"
      initialValues={{
        reason: preset?.reason,
        exitDate: toDay(preset?.exitDate) ?? dayjs().startOf('day'),
        dismissal: { basis: 'team_rule' },
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={current ? t('exits.intro', { team: current.post.teamName }) : t('exits.introPick')}
      />
      {!worker && <PickWorkerField onPick={setPicked} />}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="reason"
            label={t('workers.exit.reason')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('workers.exit.reason') }) }]}
            extra={t('exits.reasonHelp')}
          >
            <Select options={EXIT_FORM_REASONS.map((r) => ({ value: r, label: vocab(EXIT_REASON_LABELS, r, lang) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="exitDate"
            label={t('workers.exit.validFrom')}
            extra={t('exits.dateHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('workers.exit.validFrom') }) }]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle dependencies={['reason']}>
        {({ getFieldValue }) =>
          getFieldValue('reason') === 'dismissal' && (
            <>
              <Form.Item name={['dismissal', 'basis']} label={t('exits.dismissalBasis')} extra={t('exits.dismissalBasisHelp')}>
                <Radio.Group options={DISMISSAL_BASES.map((b) => ({ value: b, label: vocab(DISMISSAL_BASIS_LABELS, b, lang) }))} />
              </Form.Item>
              <Form.Item
                name={['dismissal', 'citation']}
                label={t('exits.citation')}
                extra={t('exits.citationHelp')}
                rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('exits.citation') }) }]}
              >
                <Input maxLength={500} />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      <Form.Item name="note" label={t('common.note')} extra={t('workers.exit.noteHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
