import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import type { Sheet } from '@gongyi/domain';
import { Alert, Button, Card, Flex, Segmented, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { downloadSheetXlsx, getSheet } from '../../api/assessment';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { monthText, SheetStateTag } from '../../features/assessment/display';
import { SheetGrid } from '../../features/assessment/SheetGrid';
import { editorOf, gridColumns } from '../../features/assessment/sheetGrid';
import { useSheetEditing } from '../../features/assessment/useSheetEditing';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { ProblemList } from './ProblemList';
import { SheetActions } from './SheetActions';
import { SheetCorrections } from './SheetCorrections';
import { SheetTimeline } from './SheetTimeline';

type View = 'attendance' | 'monthly';

/** 考勤考核 › 考核表: one unit's month for one team, typed or pasted like a spreadsheet, then taken through the workflow. */
export function SheetPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const view: View = search.get('view') === 'attendance' ? 'attendance' : 'monthly';
  const load = useCallback((signal: AbortSignal) => getSheet(town.id, id, signal), [town.id, id]);
  const loaded = useApi(load);
  const [sheet, setSheet] = useState<Sheet>();
  useEffect(() => setSheet(loaded.data), [loaded.data]);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const upload = useRef<HTMLInputElement>(null);

  const editor = sheet ? editorOf(sheet, can) : null;
  const columns = useMemo(() => (sheet ? gridColumns(sheet, editor, { view, leaveOpen }) : []), [sheet, editor, view, leaveOpen]);
  const editing = useSheetEditing(town.id, sheet, columns, editor, setSheet);
  // A message about a leave type opens the leave columns, so the red cell is in sight.
  const leaveProblem = Object.values(editing.problems).some((cells) => Object.keys(cells).some((f) => f.startsWith('leave.')));
  useEffect(() => {
    if (leaveProblem) setLeaveOpen(true);
  }, [leaveProblem]);
  const dirty = editing.dirtyCount > 0;
  useUnsavedGuard(editing.dirtyCount);

  if (!sheet) {
    return (
      <>
        <PageHeader title={t('nav.assessmentSheet')} />
        <LoadError error={loaded.error} onRetry={loaded.reload} />
        {!loaded.error && <Skeleton active />}
      </>
    );
  }

  const title = `${sheet.teamName} · ${sheet.departmentName} · ${monthText(sheet.month, lang)}`;
  const download = async () => {
    try {
      await downloadSheetXlsx(town.id, sheet.id, editor === 'community');
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={title}
        subTitle={
          <Flex gap={8} align="center" wrap>
            <SheetStateTag state={sheet.state} />
            <span>{t('assessment.col.due', { date: sheet.dueDate })}</span>
            {sheet.overdue && <Tag color="red">{t('assessment.overdue')}</Tag>}
            {sheet.communitySharePercent !== null && <Tag color="purple">{t('assessment.share', { percent: sheet.communitySharePercent })}</Tag>}
          </Flex>
        }
        extra={<SheetActions sheet={sheet} dirty={dirty} onSheet={setSheet} />}
      />
      <SheetTimeline sheet={sheet} />
      {sheet.state === 'draft' && sheet.returnedReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('assessment.sheet.returned', { reason: sheet.returnedReason })} />
      )}
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 8 }}>
          <Flex gap={12} align="center" wrap>
            <Segmented<View>
              value={view}
              onChange={(v) => setSearch(v === 'attendance' ? { view: v } : {}, { replace: true })}
              options={[
                { value: 'attendance', label: t('assessment.view.attendance') },
                { value: 'monthly', label: t('assessment.view.monthly') },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sheet-editor-hint">
              {editor === 'unit' ? t('assessment.sheet.hintUnit') : editor === 'community' ? t('assessment.sheet.hintCommunity') : t('assessment.sheet.readOnly')}
            </Typography.Text>
          </Flex>
          <Flex gap={8} align="center">
            {dirty && (
              <Typography.Text type="warning" data-testid="sheet-dirty">
                {t('assessment.sheet.unsaved', { count: editing.dirtyCount })}
              </Typography.Text>
            )}
            <Tooltip title={editor === 'community' ? t('assessment.sheet.downloadHelpCommunity') : t('assessment.sheet.downloadHelp')}>
              <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="sheet-download">
                {t('assessment.sheet.download')}
              </Button>
            </Tooltip>
            {editor && (
              <Tooltip title={dirty ? t('assessment.sheet.saveFirst') : t('assessment.sheet.uploadHelp')}>
                <Button icon={<UploadOutlined />} disabled={dirty} loading={editing.saving && !dirty} onClick={() => upload.current?.click()} data-testid="sheet-upload">
                  {t('assessment.sheet.upload')}
                </Button>
              </Tooltip>
            )}
            {editor && (
              <Button type="primary" icon={<SaveOutlined />} loading={editing.saving} disabled={!dirty} onClick={() => void editing.save()} data-testid="sheet-save">
                {t('common.save')}
              </Button>
            )}
          </Flex>
        </Flex>
        <ProblemList sheet={sheet} problems={editing.problems} />
        <SheetGrid
          sheet={sheet}
          columns={columns}
          drafts={editing.drafts}
          problems={editing.problems}
          leaveOpen={leaveOpen}
          onToggleLeave={() => setLeaveOpen((o) => !o)}
          onCells={editing.onCells}
          onPasted={editing.onPasted}
          onSave={() => void editing.save()}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('assessment.sheet.keys', { count: sheet.entries.length, complete: sheet.complete })}
        </Typography.Text>
      </Card>
      <SheetCorrections sheet={sheet} />
      <input
        ref={upload}
        type="file"
        accept=".xlsx"
        hidden
        data-testid="sheet-upload-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void editing.upload(file);
        }}
      />
    </>
  );
}
