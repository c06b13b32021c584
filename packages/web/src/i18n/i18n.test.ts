import { describe, expect, it } from 'vitest';
import { en } from './en';
import { translate, translateWith } from './index';
import { zh } from './zh';

describe('i18n', () => {
  it('falls back to Chinese, then to the key itself', () => {
    const zhDict = { 'a.title': '服务队', 'a.only': '仅中文' };
    const enDict = { 'a.title': 'Teams' };
    expect(translateWith(enDict, zhDict, 'a.title')).toBe('Teams');
    expect(translateWith(enDict, zhDict, 'a.only')).toBe('仅中文');
    expect(translateWith(enDict, zhDict, 'a.missing')).toBe('a.missing');
  });

  it('fills named slots and leaves unknown ones visible', () => {
    expect(translate('zh', 'common.dateRange', { from: '2012-11-01', to: '今' })).toBe('2012-11-01 至 今');
    expect(translate('en', 'common.total', { total: 15 })).toBe('15 in total');
    expect(translateWith({ k: '{a} / {b}' }, {}, 'k', { a: 1 })).toBe('1 / {b}');
  });

  it('has an English text for every Chinese key, with the same slots', () => {
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(zh)) {
      const english = en[key as keyof typeof zh];
      expect(english, key).toBeTypeOf('string');
      expect(slots(english ?? ''), key).toEqual(slots(text));
    }
  });
});
