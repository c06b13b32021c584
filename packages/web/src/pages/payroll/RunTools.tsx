import { BankOutlined, DownOutlined, EditOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { RunDetail } from '@gongyi/domain';
import { App, Button, Dropdown, Flex, Tooltip } from 'antd';
import { useState } from 'react';
import { downloadBankFile, downloadPayslips, downloadRegister } from '../../api/payroll';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { AmountModal, type AmountMode } from './AmountModal';

/** Above the slips: 手工调整 before approval, 更正 after, and the run's files (register, bank file, payslips). */
export function RunTools({ run, onRun, onAdjusted }: { run: RunDetail; onRun: (run: RunDetail) => void; onAdjusted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const [mode, setMode] = useState<AmountMode>();
  const [busy, setBusy] = useState<string>();
  const approved = run.state === 'approved' || run.state === 'released';
  // Before approval a manual line (whoever runs pay); after, a correction for a later month.
  const amendment: AmountMode = approved ? 'adjustment' : 'manual';

  const download = async (key: string, fetch: () => Promise<string>) => {
    setBusy(key);
    try {
      void message.success(t('common.exportDone', { file: await fetch() }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Flex gap={8} wrap>
      {can(approved ? 'payroll.adjust' : 'payroll.run') && (
        <Tooltip title={t(`payroll.amount.${amendment}Help`)}>
          <Button icon={<EditOutlined />} onClick={() => setMode(amendment)} data-testid={`run-${amendment}`}>
            {t(`payroll.amount.${amendment}`)}
          </Button>
        </Tooltip>
      )}
      <Button icon={<FileExcelOutlined />} loading={busy === 'register'} onClick={() => void download('register', () => downloadRegister(town.id, run.id))} data-testid="run-register">
        {t('payroll.files.register')}
      </Button>
      {approved && can('payroll.release') && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: (['xlsx', 'csv'] as const).map((format) => ({ key: format, label: t(`payroll.files.bank.${format}`), 'data-testid': `run-bank-${format}` })),
            onClick: ({ key }) => void download('bank', () => downloadBankFile(town.id, run.id, key as 'xlsx' | 'csv')),
          }}
        >
          <Button icon={<BankOutlined />} loading={busy === 'bank'} data-testid="run-bank">
            {t('payroll.files.bank')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Button icon={<FilePdfOutlined />} loading={busy === 'payslips'} onClick={() => void download('payslips', () => downloadPayslips(town.id, run.id))} data-testid="run-payslips">
        {t('payroll.files.payslips')}
      </Button>
      {mode && <AmountModal mode={mode} run={run} onClose={() => setMode(undefined)} onRun={onRun} onAdjusted={onAdjusted} />}
    </Flex>
  );
}
