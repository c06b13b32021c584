import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Props {
  title: string;
  subTitle?: ReactNode;
  /** The page's primary action(s), shown on the right. */
  extra?: ReactNode;
}

export function PageHeader({ title, subTitle, extra }: Props) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
      </Flex>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
