import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router-dom';
import { useI18n } from '../i18n';

/**
 * While `unsaved` changes are held on a page, leaving it asks first: a link or menu inside the
 * console (the router's blocker, with a Chinese dialog) and closing or reloading the tab (the
 * browser's own prompt). A change of the page's query (a view switch) is not leaving.
 */
export function useUnsavedGuard(unsaved: number): void {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const dirty = unsaved > 0;
  const shouldBlock: BlockerFunction = ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname;
  const blocker = useBlocker(shouldBlock);
  const asking = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('unsaved.title'),
      content: t('unsaved.body', { count: unsaved }),
      okText: t('unsaved.leave'),
      okButtonProps: { danger: true },
      cancelText: t('unsaved.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal, t, unsaved]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
