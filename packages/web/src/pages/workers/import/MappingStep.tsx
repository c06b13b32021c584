import { SaveOutlined } from '@ant-design/icons';
import { IMPORT_FIELDS, type ImportField, type ImportPreview } from '@gongyi/domain';
import { Alert, Button, Descriptions, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../../i18n';
import { REQUIRED_IMPORT_FIELDS, columnLetter, importFieldLabel, missingFields, type MappedColumn } from '../../../features/workers/importMapping';

const IGNORE = '__ignore__';

interface Props {
  preview: ImportPreview;
  columns: MappedColumn[];
  /** Column numbers whose field differs from what the server detected. */
  changed: number[];
  saving: boolean;
  onChange: (index: number, field: ImportField | null) => void;
  onSave: () => void;
}

/** Step 2 核对列: the detected header row, a field per column, corrections saved for the town if wished. */
export function MappingStep({ preview, columns, changed, saving, onChange, onSave }: Props) {
  const { t, lang } = useI18n();
  const missing = missingFields(columns);
  const options = [
    { value: IGNORE, label: t('import.ignoreColumn') },
    ...IMPORT_FIELDS.map((f) => ({
      value: f,
      label: REQUIRED_IMPORT_FIELDS.includes(f) ? `${importFieldLabel(f, lang)} *` : importFieldLabel(f, lang),
    })),
  ];

  const tableColumns: TableColumnsType<MappedColumn> = [
    { title: t('import.col.column'), key: 'letter', width: 72, render: (_, c) => <Tag>{columnLetter(c.index)}</Tag> },
    {
      title: t('import.col.header'),
      key: 'header',
      render: (_, c) => (c.header ? <Typography.Text strong>{c.header}</Typography.Text> : <Typography.Text type="secondary">{t('import.noHeader')}</Typography.Text>),
    },
    {
      title: t('import.col.field'),
      key: 'field',
      width: 260,
      render: (_, c) => (
        <Select<string>
          value={c.field ?? IGNORE}
          onChange={(v) => onChange(c.index, v === IGNORE ? null : (v as ImportField))}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 230 }}
          aria-label={t('import.fieldOf', { header: c.header || columnLetter(c.index) })}
        />
      ),
    },
    {
      title: t('import.col.state'),
      key: 'state',
      width: 150,
      render: (_, c) =>
        changed.includes(c.index) ? (
          <Tag color="blue">{t('import.state.changed')}</Tag>
        ) : c.field ? (
          <Tag color="green">{t('import.state.recognised')}</Tag>
        ) : (
          <Tag>{t('import.state.ignored')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'file', label: t('import.fileName'), children: preview.fileName },
          { key: 'sheet', label: t('import.sheetName'), children: preview.sheetName },
          { key: 'header', label: t('import.headerRow'), children: t('import.headerRowAt', { row: preview.headerRow }) },
        ]}
      />
      <Alert type="info" showIcon title={t('import.mappingIntro')} />
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('import.missing', { fields: missing.map((f) => importFieldLabel(f, lang)).join(lang === 'zh' ? '、' : ', ') })}
          data-testid="import-missing"
        />
      )}
      <Table<MappedColumn>
        rowKey="index"
        size="small"
        columns={tableColumns}
        dataSource={columns}
        pagination={false}
        scroll={{ y: 360 }}
        data-testid="import-mapping"
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('import.saveHint')}</Typography.Text>
        <Button icon={<SaveOutlined />} loading={saving} onClick={onSave} data-testid="import-save-mapping">
          {t('import.saveMapping')}
        </Button>
      </Flex>
    </Flex>
  );
}
