import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Spin, Typography, Upload } from 'antd';
import { useI18n } from '../../../i18n';

/** The server's limits (#4 part 6), checked here too so a clerk is not kept waiting for a refusal. */
export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 100_000;
const ACCEPTED = /\.(xlsx|csv)$/i;

/** Why a chosen file cannot be sent, before uploading it; undefined when it may be. */
export function fileProblem(file: { name: string; size: number }): 'type' | 'size' | 'empty' | undefined {
  if (!ACCEPTED.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_BYTES) return 'size';
  return undefined;
}

interface Props {
  busy: boolean;
  error: string | undefined;
  onFile: (file: File) => void;
}

/** Step 1 选择文件: drag a roster in, with how to prepare it. */
export function FileStep({ busy, error, onFile }: Props) {
  const { t } = useI18n();
  const tips = ['tip1', 'tip2', 'tip3', 'tip4', 'tip5'] as const;
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} xl={13}>
        <Spin spinning={busy} description={t('import.reading')}>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              onFile(file);
              return Upload.LIST_IGNORE;
            }}
            style={{ padding: '24px 16px' }}
            data-testid="import-dropzone"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.limits', { mb: MAX_BYTES / 1024 / 1024, rows: MAX_ROWS.toLocaleString('en-US') })}</p>
          </Upload.Dragger>
        </Spin>
        {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('import.fileRefused')} description={error} data-testid="import-file-error" />}
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('import.howTo')}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {tips.map((tip) => (
              <li key={tip} style={{ marginBottom: 6 }}>
                <Typography.Text>{t(`import.${tip}`)}</Typography.Text>
              </li>
            ))}
          </ol>
        </Card>
      </Col>
    </Row>
  );
}
