import { ruleValue, type RenewalInput, type RenewalResult } from '@gongyi/domain';
import { Alert, App, Button, Col, Empty, Flex, Form, Modal, Row, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { renewAgreements } from '../../api/staffing';
import { coopOptions, SEARCHABLE } from '../../features/org/useOrgLookups';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';

interface Scope {
  teamId?: string;
  coopId?: string;
  withinDays: number;
}

interface Props {
  /** The selected agreements; without them the dialog asks for a team or a coop. */
  agreementIds?: string[];
  onClose: () => void;
  onDone: () => void;
}

/**
 * 续签: a dry run first lists who would be renewed and who is held back and why (R8: only after a
 * passed annual assessment); then the same request is sent for real.
 */
export function RenewalModal({ agreementIds, onClose, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const lookups = useWorkerLookups().data;
  const windows = ruleValue('agreement.expiryWindows', todayIso());
  const [form] = Form.useForm<Scope>();
  const [preview, setPreview] = useState<{ input: RenewalInput; result: RenewalResult }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (input: RenewalInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await renewAgreements(town.id, input);
      if (input.dryRun) setPreview({ input, result });
      else {
        void message.success(t('agreements.renewal.done', { count: result.renewed.length, held: result.heldBack.length }));
        onDone();
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    // Chosen by hand: no expiry window narrows the choice (a term is at most a year or so).
    if (agreementIds) return run({ agreementIds, withinDays: 366, dryRun: true });
    const scope = await form.validateFields();
    return run({ teamId: scope.teamId, coopId: scope.coopId, withinDays: scope.withinDays, dryRun: true });
  };

  const result = preview?.result;
  const footer = (
    <Flex justify="end" gap={8}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      {result ? (
        <>
          <Button onClick={() => setPreview(undefined)}>{t('agreements.renewal.back')}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={result.renewed.length === 0}
            onClick={() => void run({ ...preview.input, dryRun: false })}
            data-testid="renewal-commit"
          >
            {t('agreements.renewal.commit', { count: result.renewed.length })}
          </Button>
        </>
      ) : (
        <Button type="primary" loading={busy} onClick={() => void check()} data-testid="renewal-check">
          {t('agreements.renewal.check')}
        </Button>
      )}
    </Flex>
  );

  return (
    <Modal open title={agreementIds?.length === 1 ? t('agreements.renewal.titleOne') : t('agreements.renewal.title')} width={820} onCancel={onClose} footer={footer} destroyOnHidden mask={{ closable: false }} style={{ top: 32 }}>
      <div data-testid="renewal-modal">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('agreements.renewal.intro')} />
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
        {!result && !agreementIds && (
          <Form<Scope> form={form} layout="vertical" initialValues={{ withinDays: windows[0] ?? 30 }}>
            <Row gutter={16}>
              <Col span={9}>
                <Form.Item name="teamId" label={t('hiring.col.team')} extra={t('agreements.renewal.scopeHelp')}>
                  <Select allowClear showSearch={SEARCHABLE} options={(lookups?.teams ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name }))} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item
                  name="coopId"
                  label={t('quota.col.coop')}
                  dependencies={['teamId']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_r, value: string | undefined) => {
                        if (!value && !getFieldValue('teamId')) throw new Error(t('agreements.renewal.scopeRequired'));
                      },
                    }),
                  ]}
                >
                  <Select allowClear options={coopOptions(lookups?.coops)} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="withinDays" label={t('agreements.renewal.within')}>
                  <Select options={windows.map((d) => ({ value: d, label: t('agreements.expiring.days', { days: d }) }))} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        )}
        {!result && agreementIds && <Typography.Paragraph>{t('agreements.renewal.selected', { count: agreementIds.length })}</Typography.Paragraph>}
        {result && (
          <Flex vertical gap={16}>
            <div data-testid="renewal-renewed">
              <Typography.Title level={5}>{t('agreements.renewal.willRenew', { count: result.renewed.length })}</Typography.Title>
              <Table
                rowKey="agreementId"
                size="small"
                pagination={result.renewed.length > 8 ? { pageSize: 8 } : false}
                dataSource={result.renewed}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agreements.renewal.noneEligible')} /> }}
                columns={[
                  { key: 'name', title: t('workers.field.name'), dataIndex: 'name', width: 140 },
                  { key: 'term', title: t('agreements.renewal.newTerm'), render: (_v, r) => t('common.dateRange', { from: r.termStart, to: r.termEnd }) },
                ]}
              />
            </div>
            <div data-testid="renewal-held">
              <Typography.Title level={5} type={result.heldBack.length ? 'warning' : undefined}>
                {t('agreements.renewal.heldBack', { count: result.heldBack.length })}
              </Typography.Title>
              <Table
                rowKey="agreementId"
                size="small"
                pagination={result.heldBack.length > 8 ? { pageSize: 8 } : false}
                dataSource={result.heldBack}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agreements.renewal.noneHeld')} /> }}
                columns={[
                  { key: 'name', title: t('workers.field.name'), dataIndex: 'name', width: 140 },
                  { key: 'reason', title: t('agreements.renewal.why'), dataIndex: 'reason' },
                ]}
              />
            </div>
          </Flex>
        )}
      </div>
    </Modal>
  );
}
