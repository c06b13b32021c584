import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { RouterProvider } from 'react-router-dom';
import { useI18n } from './i18n';
import { setDayjsLocale } from './lib/dates';
import { router } from './router';
import { SessionProvider, useSessionControls } from './session/SessionContext';

/**
 * antd's message and dialog holders, started afresh for each signed-in user: signing out (or an
 * idle timeout) closes whatever confirmation or message the previous user left open.
 */
function PerUser({ children }: { children: ReactNode }) {
  const { state } = useSessionControls();
  return <AntApp key={state.status === 'signedIn' ? state.session.user.id : 'signed-out'}>{children}</AntApp>;
}

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
      <SessionProvider>
        <PerUser>
          <RouterProvider router={router} />
        </PerUser>
      </SessionProvider>
    </ConfigProvider>
  );
}
