import type { ImportPreview, ImportResult } from '@gongyi/domain';
import { Alert, Button, Descriptions, Flex, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';

interface Props {
  preview: ImportPreview;
  result: ImportResult | undefined;
  committing: boolean;
  onCommit: () => void;
  onAgain: () => void;
}

/** Step 4 导入: every valid row in one transaction, or nothing; then the result and the way to the roster. */
export function CommitStep({ preview, result, committing, onCommit, onAgain }: Props) {
  const { t } = useI18n();
  const { counts } = preview;

  if (result) {
    return (
      <Result
        status="success"
        title={t('import.done', { created: result.created })}
        subTitle={t('import.doneDetail', { file: result.fileName, total: result.total, unchanged: result.unchanged, skipped: result.skipped })}
        extra={[
          <Link key="roster" to="/workers">
            <Button type="primary">{t('import.toRoster')}</Button>
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t('import.again')}
          </Button>,
        ]}
        data-testid="import-done"
      />
    );
  }

  const blocked = counts.error > 0;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'file', label: t('import.fileName'), children: preview.fileName },
          { key: 'create', label: t('import.count.create'), children: counts.create },
          { key: 'unchanged', label: t('import.count.unchanged'), children: counts.unchanged },
          { key: 'differs', label: t('import.count.differs'), children: counts.differs },
        ]}
      />
      {blocked ? (
        <Alert type="error" showIcon title={t('import.hasErrors', { count: counts.error })} />
      ) : (
        <Alert type="info" showIcon title={t('import.allOrNothing')} />
      )}
      <Flex>
        <Button type="primary" size="large" loading={committing} disabled={blocked || counts.create === 0} onClick={onCommit} data-testid="import-commit">
          {t('import.commit', { count: counts.create })}
        </Button>
      </Flex>
    </Flex>
  );
}
