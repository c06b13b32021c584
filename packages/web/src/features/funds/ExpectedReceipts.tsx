import { TOWN_SUBSIDY, type Budget } from '@gongyi/domain';
import { App, Button, Form, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { setExpectedReceipt } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { useCan, useTown } from '../../session/SessionContext';
import { Yuan } from '../payroll/display';
import { rowTestId, sourceName } from './display';
import { YuanField } from './fields';

type Row = Budget['receipts'][number];

/** 预计到账: set a source's expected money for the year; the shortfall follows (R22). */
function ExpectedModal({ year, row, onClose, onSaved }: { year: number; row: Row; onClose: () => void; onSaved: (b: Budget) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const submit = async (v: { amountFen: number; basis?: string }) => {
    const budget = await setExpectedReceipt(town.id, year, { sourceCode: row.sourceCode, amountFen: yuanToFen(v.amountFen) ?? 0, basis: v.basis?.trim() ?? '' });
    void message.success(t('common.saved'));
    onSaved(budget);
    onClose();
  };
  return (
    <FormModal<{ amountFen: number; basis?: string }>
      open
      title={t('funds.expected.title', { source: sourceName({ code: row.sourceCode, name: row.sourceName }, lang), year })}
      onCancel={onClose}
      onSubmit={submit}
      initialValues={{ amountFen: fenToYuan(row.expectedFen) ?? 0 }}
      testId="expected-form"
    >
      <YuanField label={t('funds.expected.amount')} help={t('funds.expected.amountHelp')} zero />
      <Form.Item name="basis" label={t('funds.expected.basis')} extra={t('funds.expected.basisHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** Each source's expected and actual money for the year; finance edits the expected figure. */
export function ExpectedReceipts({ budget, onSaved }: { budget: Budget | undefined; onSaved: (b: Budget) => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const [editing, setEditing] = useState<Row>();
  const columns: TableColumnsType<Row> = [
    {
      key: 'source',
      title: t('funds.col.source'),
      render: (_v, r) => (
        <>
          {sourceName({ code: r.sourceCode, name: r.sourceName }, lang)}
          {r.sourceCode === TOWN_SUBSIDY && <Tag style={{ marginInlineStart: 8 }}>{t('funds.expected.townTag')}</Tag>}
        </>
      ),
    },
    { key: 'expected', title: t('funds.expected.amount'), align: 'right', width: 180, render: (_v, r) => <Yuan fen={r.expectedFen} /> },
    { key: 'actual', title: t('funds.expected.actual'), align: 'right', width: 180, render: (_v, r) => <Yuan fen={r.actualFen} /> },
  ];
  if (can('budget.manage')) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_v, r) => (
        <Button size="small" type="link" onClick={() => setEditing(r)} data-testid={`expected-edit-${r.sourceCode}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <>
      <Table<Row>
        rowKey="sourceCode"
        size="small"
        columns={columns}
        dataSource={budget?.receipts ?? []}
        loading={!budget}
        pagination={false}
        data-testid="expected-table"
        onRow={rowTestId((r) => `expected-${r.sourceCode}`)}
      />
      {editing && budget && <ExpectedModal year={budget.year} row={editing} onClose={() => setEditing(undefined)} onSaved={onSaved} />}
    </>
  );
}
