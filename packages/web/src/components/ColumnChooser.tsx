import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { readHiddenColumns, writeHiddenColumns } from '../lib/columnPrefs';

export interface ChoosableColumn {
  key: string;
  title: string;
  /** Always shown (the name column a row is known by). */
  fixed?: boolean;
}

/** The columns a user has hidden in a table, remembered in this browser. */
export function useHiddenColumns(table: string, keys: readonly string[]) {
  const [hidden, setHidden] = useState<string[]>(() => readHiddenColumns(table, keys));
  const update = useCallback(
    (next: string[]) => {
      setHidden(next);
      writeHiddenColumns(table, next);
    },
    [table],
  );
  return [hidden, update] as const;
}

/** Only the columns not hidden (a column's `key` names it). */
export function visibleColumns<T>(columns: TableColumnsType<T>, hidden: readonly string[]): TableColumnsType<T> {
  return columns.filter((c) => !hidden.includes(String(c.key)));
}

/** 列设置: a checkbox per column; the choice lasts in this browser. */
export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: ChoosableColumn[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const { t } = useI18n();
  const shown = useMemo(() => columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key), [columns, hidden]);
  const content = (
    <Flex vertical gap={8} style={{ minWidth: 180 }} data-testid="column-chooser">
      <Checkbox.Group
        value={shown}
        onChange={(keys) => onChange(columns.filter((c) => !c.fixed && !keys.includes(c.key)).map((c) => c.key))}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={columns.map((c) => ({ value: c.key, label: c.title, disabled: c.fixed }))}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('columns.remembered')}
        </Typography.Text>
        <Button size="small" type="link" disabled={hidden.length === 0} onClick={() => onChange([])}>
          {t('columns.showAll')}
        </Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover content={content} title={t('columns.title')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t('columns.title')}
        {hidden.length > 0 && ` (${columns.length - hidden.length}/${columns.length})`}
      </Button>
    </Popover>
  );
}
