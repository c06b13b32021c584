import type { ImportField, ImportPreview, ImportResult } from '@gongyi/domain';
import { App, Button, Card, Flex, Steps, Tooltip } from 'antd';
import { useState } from 'react';
import { commitImport, downloadImportReport, getImportMapping, previewImport, saveImportMapping, type ColumnMapping } from '../../../api/workers';
import { PageHeader } from '../../../components/PageHeader';
import { assignField, changedColumns, columnMapping, mergeSavedMapping, missingFields, type MappedColumn } from '../../../features/workers/importMapping';
import { errorMessage, useReportError } from '../../../hooks/useReportError';
import { useI18n } from '../../../i18n';
import { useTown } from '../../../session/SessionContext';
import { CheckStep } from './CheckStep';
import { CommitStep } from './CommitStep';
import { FileStep, fileProblem, MAX_BYTES } from './FileStep';
import { MappingStep } from './MappingStep';

type Busy = 'read' | 'check' | 'save' | 'report' | 'commit' | undefined;

const STEPS = ['file', 'mapping', 'check', 'commit'] as const;

/**
 * 人员管理 › 批量导入 (#4 part 6): choose a file, check its columns, dry run, commit. Each request
 * sends the file again with the mapping; the server keeps nothing between the steps.
 */
export function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const town = useTown();

  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  /** The first preview: the columns as the server detected them. */
  const [detected, setDetected] = useState<ImportPreview>();
  const [columns, setColumns] = useState<MappedColumn[]>([]);
  /** The dry run with the mapping as corrected. */
  const [checked, setChecked] = useState<ImportPreview>();
  const [result, setResult] = useState<ImportResult>();
  const [busy, setBusy] = useState<Busy>();

  const changed = detected ? changedColumns(detected.columns, columns) : [];
  /** Nothing changed: let the server detect again (it comes to the same columns). */
  const mapping = (): ColumnMapping | undefined => (changed.length > 0 ? columnMapping(columns) : undefined);

  const run = async (kind: Exclude<Busy, undefined>, work: () => Promise<void>) => {
    setBusy(kind);
    try {
      await work();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(undefined);
    }
  };

  const chooseFile = async (chosen: File) => {
    const problem = fileProblem(chosen);
    if (problem) {
      setFileError(t(`import.problem.${problem}`, { mb: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    setFileError(undefined);
    setBusy('read');
    try {
      const preview = await previewImport(town.id, chosen);
      setFile(chosen);
      setDetected(preview);
      setColumns(preview.columns);
      setChecked(undefined);
      setResult(undefined);
      setStep(1);
    } catch (error) {
      setFileError(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const check = () =>
    run('check', async () => {
      if (!file || !detected) return;
      const preview = changed.length > 0 ? await previewImport(town.id, file, mapping()) : detected;
      setChecked(preview);
      setStep(2);
    });

  const saveMapping = () =>
    run('save', async () => {
      const saved = await getImportMapping(town.id);
      await saveImportMapping(town.id, mergeSavedMapping(saved.columns, columns));
      void message.success(t('import.mappingSaved'));
    });

  const report = () =>
    run('report', async () => {
      if (!file) return;
      const name = await downloadImportReport(town.id, file, mapping());
      void message.success(t('common.exportDone', { file: name }));
    });

  const commit = () =>
    run('commit', async () => {
      if (!file) return;
      setResult(await commitImport(town.id, file, mapping()));
    });

  const restart = () => {
    setStep(0);
    setFile(undefined);
    setDetected(undefined);
    setColumns([]);
    setChecked(undefined);
    setResult(undefined);
  };

  const onField = (index: number, field: ImportField | null) => {
    setColumns((cs) => assignField(cs, index, field));
    setChecked(undefined);
  };

  const missing = missingFields(columns);
  const errors = checked?.counts.error ?? 0;

  return (
    <>
      <PageHeader title={t('import.title')} subTitle={town.name} />
      <Card>
        <Steps
          current={step}
          status={step === 2 && errors > 0 ? 'error' : undefined}
          items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))}
          style={{ marginBottom: 24 }}
          data-testid="import-steps"
        />
        {step === 0 && <FileStep busy={busy === 'read'} error={fileError} onFile={(f) => void chooseFile(f)} />}
        {step === 1 && detected && (
          <MappingStep
            preview={detected}
            columns={columns}
            changed={changed}
            saving={busy === 'save'}
            onChange={onField}
            onSave={() => void saveMapping()}
          />
        )}
        {step === 2 && checked && <CheckStep preview={checked} downloading={busy === 'report'} onReport={() => void report()} />}
        {step === 3 && checked && (
          <CommitStep preview={checked} result={result} committing={busy === 'commit'} onCommit={() => void commit()} onAgain={restart} />
        )}

        {step > 0 && !result && (
          <Flex gap={8} style={{ marginTop: 24 }}>
            <Button onClick={() => (step === 1 ? restart() : setStep(step - 1))} disabled={busy !== undefined}>
              {step === 1 ? t('import.otherFile') : t('workers.prevStep')}
            </Button>
            {step === 1 && (
              <Tooltip title={missing.length > 0 ? t('import.missingBlocks') : undefined}>
                <Button type="primary" loading={busy === 'check'} disabled={missing.length > 0} onClick={() => void check()} data-testid="import-check">
                  {t('import.toCheck')}
                </Button>
              </Tooltip>
            )}
            {step === 2 && (
              <>
                <Tooltip title={errors > 0 ? t('import.fixFirst') : undefined}>
                  <Button type="primary" disabled={errors > 0} onClick={() => setStep(3)} data-testid="import-next">
                    {t('workers.nextStep')}
                  </Button>
                </Tooltip>
                <Button onClick={restart}>{t('import.otherFile')}</Button>
              </>
            )}
          </Flex>
        )}
      </Card>
    </>
  );
}
