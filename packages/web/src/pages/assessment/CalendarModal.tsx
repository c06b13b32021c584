import type { Calendar } from '@gongyi/domain';
import { Alert, App, Col, Form, Input, Row } from 'antd';
import { saveCalendar } from '../../api/assessment';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Values {
  holidays: string;
  workdays: string;
}

const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$/;
const toLines = (days: Calendar['holidays']) => days.map((d) => `${d.date} ${d.name}`.trim()).join('\n');

/** "2027-01-01 元旦" per line, as the State Council's notice lists them; returns the days, or the first bad line. */
export function parseDays(text: string, year: number): { days: { date: string; name: string }[]; bad?: string } {
  const days: { date: string; name: string }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = LINE.exec(line);
    if (!m || !m[1]!.startsWith(`${year}-`) || Number.isNaN(Date.parse(m[1]!))) return { days, bad: line };
    days.push({ date: m[1]!, name: (m[2] ?? '').trim() });
  }
  return { days };
}

/** 录入节假日: an administrator enters a year the calendar package lacks (or corrects one). */
export function CalendarModal({ calendar, onClose, onSaved }: { calendar: Calendar; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const year = calendar.year;
  const linesRule = { validator: (_r: unknown, text: string | undefined) => {
    const { bad } = parseDays(text ?? '', year);
    return bad ? Promise.reject(new Error(t('assessment.calendar.badLine', { line: bad, year }))) : Promise.resolve();
  } };

  const submit = async (v: Values) => {
    await saveCalendar(town.id, year, { holidays: parseDays(v.holidays ?? '', year).days, workdays: parseDays(v.workdays ?? '', year).days });
    void message.success(t('assessment.calendar.saved', { year }));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open
      width={720}
      title={t('assessment.calendar.enterTitle', { year })}
      onCancel={onClose}
      onSubmit={submit}
      testId="calendar-form"
      initialValues={{ holidays: toLines(calendar.holidays), workdays: toLines(calendar.workdays) }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assessment.calendar.enterIntro')} />
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="holidays" label={t('assessment.calendar.holidaysField')} extra={t('assessment.calendar.linesHelp', { year })} rules={[linesRule]}>
            <Input.TextArea rows={14} placeholder={`${year}-01-01 元旦`} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="workdays" label={t('assessment.calendar.workdaysField')} extra={t('assessment.calendar.workdaysHelp')} rules={[linesRule]}>
            <Input.TextArea rows={14} placeholder={`${year}-02-07 春节调休`} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
