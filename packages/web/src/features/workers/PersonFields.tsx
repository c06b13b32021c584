import {
  EDUCATION_LEVELS,
  EDUCATION_LABELS,
  idNumberFacts,
  idNumberProblem,
  normaliseIdNumber,
  toHalfWidth,
  type IdNumberProblem,
} from '@gongyi/domain';
import { Col, Form, Input, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n, vocab, type MessageKey, type Translate } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { ageOn } from './workerLogic';

const ID_PROBLEMS: Record<IdNumberProblem, MessageKey> = {
  length: 'workers.id.length',
  characters: 'workers.id.characters',
  birth_date: 'workers.id.birthDate',
  check_digit: 'workers.id.checkDigit',
};

/** What is wrong with a typed ID number, in words; undefined when it is valid. */
export function idNumberError(t: Translate, typed: string): string | undefined {
  const id = normaliseIdNumber(typed);
  const problem = idNumberProblem(id);
  return problem ? t(ID_PROBLEMS[problem], { length: id.length }) : undefined;
}

/** "出生日期 1990-01-01 · 男 · 36 岁", worked out from a valid ID number (never typed, #4 part 1). */
function IdFacts({ name }: { name: (string | number)[] }) {
  const { t } = useI18n();
  const typed = Form.useWatch<string | undefined>(name);
  const id = normaliseIdNumber(typed ?? '');
  if (id.length !== 18 || idNumberProblem(id)) return <span>{t('workers.id.help')}</span>;
  const facts = idNumberFacts(id);
  return (
    <Typography.Text type="success" data-testid="id-facts">
      {t('workers.id.facts', {
        birthDate: facts.birthDate,
        sex: t(facts.sex === 'male' ? 'workers.male' : 'workers.female'),
        age: ageOn(facts.birthDate, todayIso()),
      })}
    </Typography.Text>
  );
}

interface Props {
  prefix: string[];
  /** Registering asks for the ID number; editing cannot change it. */
  withIdNumber: boolean;
  /** Editing: the stored numbers are masked, so those boxes start empty and keep the number when left so. */
  maskedHints?: { phone: string | null; bankAccount: string | null; emergencyContactPhone: string | null };
}

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** The person (#4 part 1): birth date and sex are never asked, they follow from the ID number. */
export function PersonFields({ prefix, withIdNumber, maskedHints }: Props) {
  const { t, lang } = useI18n();
  const name = (field: string) => [...prefix, field];
  const keep = (masked: string | null | undefined) => (maskedHints && masked ? t('workers.field.keepMasked', { masked }) : undefined);
  const checked = (test: (compact: string) => boolean, message: string) => ({
    validator: async (_rule: unknown, value: string | undefined) => {
      const compact = toHalfWidth(value ?? '').replace(/[\s-]/g, '');
      if (compact && !test(compact)) throw new Error(message);
    },
  });
  const phoneRule = checked((p) => /^1\d{10}$/.test(p) || /^0\d{9,11}$/.test(p), t('workers.field.phoneInvalid'));
  const bankRule = checked((p) => /^\d{12,30}$/.test(p), t('workers.field.bankAccountInvalid'));

  const fields: ReactNode[] = [
    <Form.Item
      key="name"
      name={name('name')}
      label={t('workers.field.name')}
      rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('workers.field.name') }) }]}
    >
      <Input maxLength={100} autoComplete="off" />
    </Form.Item>,
    withIdNumber && (
      <Form.Item
        key="idNumber"
        name={name('idNumber')}
        label={t('workers.field.idNumber')}
        extra={<IdFacts name={name('idNumber')} />}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t('common.required', { label: t('workers.field.idNumber') }) },
          {
            validator: async (_rule, value: string | undefined) => {
              const error = value?.trim() ? idNumberError(t, value) : undefined;
              if (error) throw new Error(error);
            },
          },
        ]}
      >
        <Input maxLength={22} autoComplete="off" style={MONO} />
      </Form.Item>
    ),
    <Form.Item key="phone" name={name('phone')} label={t('workers.field.phone')} extra={keep(maskedHints?.phone)} rules={[phoneRule]}>
      <Input maxLength={20} autoComplete="off" placeholder={maskedHints?.phone ?? undefined} />
    </Form.Item>,
    <Form.Item key="education" name={name('education')} label={t('workers.field.education')}>
      <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: vocab(EDUCATION_LABELS, e, lang) }))} />
    </Form.Item>,
    <Form.Item key="household" name={name('householdRegistration')} label={t('workers.field.household')}>
      <Input maxLength={200} />
    </Form.Item>,
    <Form.Item key="address" name={name('address')} label={t('workers.field.address')}>
      <Input maxLength={200} />
    </Form.Item>,
    <Form.Item key="bankName" name={name('bankName')} label={t('workers.field.bankName')}>
      <Input maxLength={200} />
    </Form.Item>,
    <Form.Item
      key="bankAccount"
      name={name('bankAccount')}
      label={t('workers.field.bankAccount')}
      extra={keep(maskedHints?.bankAccount)}
      rules={[bankRule]}
    >
      <Input maxLength={40} autoComplete="off" placeholder={maskedHints?.bankAccount ?? undefined} />
    </Form.Item>,
    <Form.Item key="emergencyName" name={name('emergencyContactName')} label={t('workers.field.emergencyName')}>
      <Input maxLength={200} />
    </Form.Item>,
    <Form.Item
      key="emergencyPhone"
      name={name('emergencyContactPhone')}
      label={t('workers.field.emergencyPhone')}
      extra={keep(maskedHints?.emergencyContactPhone)}
      rules={[phoneRule]}
    >
      <Input maxLength={20} autoComplete="off" placeholder={maskedHints?.emergencyContactPhone ?? undefined} />
    </Form.Item>,
    <Form.Item key="disability" name={name('disabilityCertificate')} label={t('workers.field.disability')} extra={t('workers.field.disabilityHelp')}>
      <Input maxLength={200} />
    </Form.Item>,
  ].filter(Boolean);

  return (
    <Row gutter={16}>
      {fields.map((field, i) => (
        <Col key={i} span={12}>
          {field}
        </Col>
      ))}
    </Row>
  );
}
