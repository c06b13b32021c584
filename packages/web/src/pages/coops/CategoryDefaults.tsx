import { CATEGORY_LABELS, type Category, type Coop } from '@gongyi/domain';
import { App, Card, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { updateCategory } from '../../api/organisation';
import { coopOptions } from '../../features/org/useOrgLookups';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Props {
  categories: Category[];
  coops: Coop[];
  loading: boolean;
  onSaved: () => void;
  /** Without org.manage the defaults are shown, not changed. */
  readOnly?: boolean;
}

/** R3: each category's default coop, changed in place. */
export function CategoryDefaults({ categories, coops, loading, onSaved, readOnly = false }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const reportError = useReportError();
  const [saving, setSaving] = useState<string>();

  const change = async (category: Category, coopId: string | undefined) => {
    setSaving(category.id);
    try {
      await updateCategory(town.id, category.id, { defaultCoopId: coopId ?? null });
      void message.success(t('categories.saved', { name: CATEGORY_LABELS[category.code][lang] }));
      onSaved();
    } catch (error) {
      reportError(error);
    } finally {
      setSaving(undefined);
    }
  };

  const columns: TableColumnsType<Category> = [
    {
      title: t('teams.category'),
      dataIndex: 'name',
      render: (_, c) => (
        <Tag color={c.code === 'social_coordination' ? 'volcano' : 'green'}>{CATEGORY_LABELS[c.code][lang]}</Tag>
      ),
    },
    {
      title: t('categories.defaultCoop'),
      dataIndex: 'defaultCoopId',
      render: (_, c) => {
        if (readOnly) {
          const coop = coops.find((x) => x.id === c.defaultCoopId);
          return coop ? coop.name : <Typography.Text type="secondary">{t('categories.noDefault')}</Typography.Text>;
        }
        return (
          <Select<string>
            value={c.defaultCoopId ?? undefined}
            placeholder={t('categories.noDefault')}
            allowClear
            loading={saving === c.id}
            disabled={saving === c.id}
            options={coopOptions(coops)}
            onChange={(id) => void change(c, id)}
            style={{ width: 320 }}
            aria-label={t('categories.defaultCoop')}
          />
        );
      },
    },
    { title: t('coops.teamCount'), dataIndex: 'teamCount', width: 120, align: 'right' },
  ];

  return (
    <Card title={t('categories.title')} style={{ marginTop: 16 }}>
      {!readOnly && <Typography.Paragraph type="secondary">{t('categories.help')}</Typography.Paragraph>}
      <Table<Category>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={loading}
        columns={columns}
        dataSource={categories}
        locale={{ emptyText: t('categories.empty') }}
        data-testid="categories-table"
      />
    </Card>
  );
}
