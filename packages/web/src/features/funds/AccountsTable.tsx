import { ACCOUNT_TYPE_LABELS, ACCOUNT_TYPES, type AccountBalance, type AccountType } from '@gongyi/domain';
import { Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { SelectFilter } from '../../components/filters';
import { useI18n, vocab } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { Yuan } from '../payroll/display';
import { localPaging } from './display';

const TYPE_COLORS: Record<AccountType, string> = { fund: 'gold', special: 'green', coop: 'blue', payable: 'purple', expense: 'orange' };

/** 账户余额: every account of the chart with its debits, credits and balance on its normal side. */
export function AccountsTable({ accounts, loading }: { accounts: AccountBalance[]; loading: boolean }) {
  const { t, lang } = useI18n();
  const [type, setType] = useState<AccountType>();
  const shown = type ? accounts.filter((a) => a.type === type) : accounts;
  const columns: TableColumnsType<AccountBalance> = [
    { key: 'name', title: t('funds.col.account'), dataIndex: 'name' },
    { key: 'type', title: t('funds.col.accountType'), width: 170, render: (_v, a) => <Tag color={TYPE_COLORS[a.type]}>{vocab(ACCOUNT_TYPE_LABELS, a.type, lang)}</Tag> },
    { key: 'debit', title: t('funds.col.debitTotal'), align: 'right', width: 160, render: (_v, a) => <Yuan fen={a.debitFen} /> },
    { key: 'credit', title: t('funds.col.creditTotal'), align: 'right', width: 160, render: (_v, a) => <Yuan fen={a.creditFen} /> },
    { key: 'balance', title: t('funds.col.balance'), align: 'right', width: 160, render: (_v, a) => <Yuan fen={a.balanceFen} strong /> },
  ];
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <SelectFilter
          value={type}
          onChange={(v) => setType(oneOf(ACCOUNT_TYPES, v))}
          placeholder={t('funds.col.accountType')}
          options={ACCOUNT_TYPES.map((x) => ({ value: x, label: vocab(ACCOUNT_TYPE_LABELS, x, lang) }))}
          width={200}
        />
      </div>
      <Table<AccountBalance> rowKey="id" size="small" columns={columns} dataSource={shown} loading={loading} pagination={localPaging(t)} data-testid="accounts-table" />
    </>
  );
}
