import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { useI18n } from './i18n';
import { setDayjsLocale } from './lib/dates';
import { router } from './router';
import { TownProvider } from './town/TownContext';

export function App() {
  const { lang } = useI18n();
  // Pickers read dayjs's global locale while rendering, so switch it before this render's children.
  setDayjsLocale(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ token: { borderRadius: 6 } }}
    >
      <AntApp>
        <TownProvider>
          <RouterProvider router={router} />
        </TownProvider>
      </AntApp>
    </ConfigProvider>
  );
}
