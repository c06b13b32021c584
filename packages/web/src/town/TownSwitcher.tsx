import { EnvironmentOutlined } from '@ant-design/icons';
import { Select, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTownState } from './TownContext';

/** The town's name in the header; a select when the deployment holds several towns. */
export function TownSwitcher() {
  const { t } = useI18n();
  const { towns, town, selectTown } = useTownState();
  if (!town) return null;
  const label = (x: { district: string; name: string }) => `${x.district} ${x.name}`;
  return (
    <Space size={6} aria-label={t('app.town')}>
      <EnvironmentOutlined />
      {towns.length > 1 ? (
        <Select
          size="small"
          variant="borderless"
          value={town.id}
          onChange={selectTown}
          options={towns.map((x) => ({ value: x.id, label: label(x) }))}
          popupMatchSelectWidth={false}
          data-testid="town-switcher"
        />
      ) : (
        <Typography.Text data-testid="town-name">{label(town)}</Typography.Text>
      )}
    </Space>
  );
}
