import type { Sheet, SheetCorrection } from '@gongyi/domain';
import { Card, Table, type TableColumnsType } from 'antd';
import { GradeTag } from '../../features/assessment/display';
import { tenthsText } from '../../features/assessment/sheetGrid';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';

/** 更正记录: every change to the locked month, with the total and grade it changed, its reason and approver (R25). */
export function SheetCorrections({ sheet }: { sheet: Sheet }) {
  const { t } = useI18n();
  if (sheet.corrections.length === 0) return null;
  const columns: TableColumnsType<SheetCorrection> = [
    { key: 'at', title: t('assessment.correction.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => timestampText(v) },
    { key: 'name', title: t('assessment.grid.name'), dataIndex: 'name', width: 90 },
    {
      key: 'total',
      title: t('assessment.correction.total'),
      width: 120,
      render: (_v, c) => `${tenthsText(c.totalTenthsBefore) || '—'} → ${tenthsText(c.totalTenthsAfter) || '—'}`,
    },
    {
      key: 'grade',
      title: t('assessment.correction.grade'),
      width: 150,
      render: (_v, c) => (
        <>
          <GradeTag grade={c.gradeBefore} /> → <GradeTag grade={c.gradeAfter} />
        </>
      ),
    },
    { key: 'reason', title: t('assessment.correction.reason'), dataIndex: 'reason', ellipsis: true },
    { key: 'by', title: t('assessment.correction.approvedBy'), dataIndex: 'approvedBy', width: 160 },
  ];
  return (
    <Card size="small" title={t('assessment.correction.list', { count: sheet.corrections.length })} style={{ marginTop: 16 }} data-testid="sheet-corrections">
      <Table<SheetCorrection> rowKey={(c) => `${c.personId}-${c.createdAt}`} size="small" pagination={false} columns={columns} dataSource={sheet.corrections} />
    </Card>
  );
}
