import {
  EMPLOYMENT_BASES,
  EMPLOYMENT_BASIS_LABELS,
  INSURANCE_KINDS,
  INSURANCE_LABELS,
  PAY_SCHEMES,
  PAY_SCHEME_LABELS,
  SPECIAL_POSTS,
  SPECIAL_POST_LABELS,
  hasInsuranceGap,
  isInForce,
  type Action,
  type Insurance,
} from '@gongyi/domain';
import { Alert, Col, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { SEARCHABLE } from '../org/useOrgLookups';
import { useI18n, vocab } from '../../i18n';
import { dayText } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';
import { communityOptions, managingUnitsOf, type WorkerLookups } from './useWorkerLookups';
import { teamsWithinGrants } from './workerLogic';

/** ¥1,570.00 while not typing; the raw text while typing, so the cursor stays put. */
const yuanFormatter = (value: string | number | undefined, info: { userTyping: boolean; input: string }) => {
  if (info.userTyping) return info.input;
  if (value === undefined || value === '') return '';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
};
const yuanParser = (text: string | undefined) => (text ?? '').replace(/[,\s¥]/g, '');

interface Props {
  /** Where the post sits in the form: ['post'] when registering, [] in a change. */
  prefix: string[];
  lookups: WorkerLookups | undefined;
  /** The form's date field the post starts on: teams and communities offered are those in force then. */
  dayField: string[];
  /** The unit in force now, offered even if its team no longer lists it. */
  currentUnit?: { id: string; name: string };
  /** 岗位变更 keeps the team: a change of team is a transfer (调队, R10). */
  teamLocked?: boolean;
  /** Offer only the teams the user's grants for this action reach (registering, requesting a hire). */
  teamAction?: Action;
}

/**
 * A post's fields (#4 part 2): team → its daily-managing units (R4), community, special post
 * (R15), field or hazardous work with the insurance check (R16), off-roster, full-time basis
 * (R11), and the pay scheme with a legacy worker's own amounts in yuan (R12).
 */
export function PostFields({ prefix, lookups, dayField, currentUnit, teamLocked = false, teamAction }: Props) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const name = (field: string) => [...prefix, field];
  const picked = Form.useWatch<Dayjs | undefined>(dayField, form);
  const day = picked ? dayText(picked) : undefined;
  const teamId = Form.useWatch<string | undefined>(name('teamId'), form);
  const payScheme = Form.useWatch<string | undefined>(name('payScheme'), form);
  const fieldWork = Form.useWatch<boolean | undefined>(name('fieldOrHazardous'), form);
  const insurance = Form.useWatch<Insurance | undefined>(name('insurance'), form);

  const { grants } = useSession();
  const teams = useMemo(() => {
    const inForce = (lookups?.teams ?? []).filter((x) => !day || isInForce(x, day) || x.id === teamId);
    return teamAction ? teamsWithinGrants(inForce, grants, teamAction) : inForce;
  }, [lookups, day, teamId, teamAction, grants]);
  const team = lookups?.teams.find((x) => x.id === teamId);
  const units = managingUnitsOf(team);
  const unitOptions = units.map((u) => ({ value: u.departmentId, label: u.departmentName, title: u.duties ? `${u.departmentName}：${u.duties}` : u.departmentName }));
  if (currentUnit && !units.some((u) => u.departmentId === currentUnit.id)) {
    unitOptions.push({ value: currentUnit.id, label: currentUnit.name, title: currentUnit.name });
  }
  const communities = (lookups?.communities ?? []).filter((c) => !day || isInForce(c, day));
  const gap = hasInsuranceGap({ fieldOrHazardous: fieldWork === true, insurance: insurance ?? 'none' });

  const onTeam = (id: string) => {
    // The unit follows the team: its only unit, or none until the user picks one of several.
    const next = managingUnitsOf(lookups?.teams.find((x) => x.id === id));
    const unit = form.getFieldValue(name('managingDepartmentId')) as string | undefined;
    if (next.some((u) => u.departmentId === unit)) return;
    form.setFieldValue(name('managingDepartmentId'), next.length === 1 ? next[0]!.departmentId : undefined);
  };

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={name('teamId')}
            label={t('workers.field.team')}
            extra={t(teamLocked ? 'workers.field.teamLockedHelp' : 'workers.field.teamHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('workers.field.team') }) }]}
          >
            <Select
              showSearch={SEARCHABLE}
              options={teams.map((x) => ({ value: x.id, label: x.name, title: `${x.name}（${x.categoryName}）` }))}
              loading={!lookups}
              onChange={onTeam}
              disabled={teamLocked}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={name('managingDepartmentId')}
            label={t('workers.field.unit')}
            extra={team && units.length === 0 ? t('workers.field.unitNone') : t('workers.field.unitHelp')}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t('workers.field.unit') }) }]}
          >
            <Select options={unitOptions} disabled={!teamId} placeholder={teamId ? undefined : t('workers.field.unitFirst')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name={name('duty')} label={t('workers.field.duty')} extra={t('workers.field.dutyHelp')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={name('communityId')} label={t('workers.field.community')} extra={t('workers.field.communityHelp')}>
            <Select showSearch={SEARCHABLE} allowClear options={communityOptions(communities)} placeholder={t('workers.field.communityNone')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name={name('specialPost')} label={t('workers.field.specialPost')} extra={t('workers.field.specialPostHelp')}>
            <Select
              allowClear
              placeholder={t('workers.field.specialPostNone')}
              options={SPECIAL_POSTS.map((s) => ({ value: s, label: vocab(SPECIAL_POST_LABELS, s, lang) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={name('employmentBasis')} label={t('workers.field.basis')} extra={t('workers.field.basisHelp')}>
            <Select options={EMPLOYMENT_BASES.map((b) => ({ value: b, label: vocab(EMPLOYMENT_BASIS_LABELS, b, lang) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={name('fieldOrHazardous')}
            label={t('workers.field.fieldWork')}
            extra={t('workers.field.fieldWorkHelp')}
            valuePropName="checked"
          >
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={name('offRoster')} label={t('workers.field.offRoster')} extra={t('workers.field.offRosterHelp')} valuePropName="checked">
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={name('insurance')}
        label={t('workers.field.insurance')}
        extra={t('workers.field.insuranceHelp')}
        style={gap ? { marginBottom: 8 } : undefined}
      >
        <Radio.Group options={INSURANCE_KINDS.map((k) => ({ value: k, label: vocab(INSURANCE_LABELS, k, lang) }))} />
      </Form.Item>
      {gap && <Alert type="warning" showIcon style={{ marginBottom: 24 }} title={t('workers.field.insuranceGap')} data-testid="insurance-gap" />}
      <Form.Item name={name('payScheme')} label={t('workers.field.payScheme')} extra={t('workers.field.paySchemeHelp')}>
        <Radio.Group options={PAY_SCHEMES.map((s) => ({ value: s, label: vocab(PAY_SCHEME_LABELS, s, lang) }))} />
      </Form.Item>
      {payScheme === 'legacy' && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name={name('legacyBaseYuan')}
              label={t('workers.field.legacyBase')}
              extra={t('workers.field.legacyBaseHelp')}
              rules={[{ required: true, message: t('common.required', { label: t('workers.field.legacyBase') }) }]}
            >
              <InputNumber<number>
                min={0}
                max={100_000}
                precision={2}
                prefix="¥"
                formatter={yuanFormatter}
                parser={(text) => Number(yuanParser(text))}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={name('legacyBonusYuan')} label={t('workers.field.legacyBonus')} extra={t('workers.field.legacyBonusHelp')}>
              <InputNumber<number>
                min={0}
                max={100_000}
                precision={2}
                prefix="¥"
                formatter={yuanFormatter}
                parser={(text) => Number(yuanParser(text))}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
