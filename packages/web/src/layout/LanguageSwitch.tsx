import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n';

const OPTIONS: { value: Lang; label: string }[] = [
  { value: 'zh', label: '中文' },
  { value: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={OPTIONS}
      aria-label={t('app.language')}
      data-testid="language-switch"
    />
  );
}
