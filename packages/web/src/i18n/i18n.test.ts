import { describe, expect, it } from 'vitest';
import { en } from './en';
import { enAssessment } from './en-assessment';
import { enFunds } from './en-funds';
import { enPayroll } from './en-payroll';
import { translate, translateWith } from './index';
import { zh } from './zh';
import { zhAssessment } from './zh-assessment';
import { zhFunds } from './zh-funds';
import { zhPayroll } from './zh-payroll';

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
    const englishOf = { ...en, ...enAssessment, ...enPayroll, ...enFunds } as Record<string, string | undefined>;
    for (const [key, text] of Object.entries({ ...zh, ...zhAssessment, ...zhPayroll, ...zhFunds })) {
      const english = englishOf[key];
      expect(english, key).toBeTypeOf('string');
      expect(slots(english ?? ''), key).toEqual(slots(text));
    }
  });

  it('keeps each key in one dictionary only', () => {
    expect(Object.keys(zhAssessment).filter((key) => key in zh)).toEqual([]);
    expect(Object.keys(zhPayroll).filter((key) => key in zh || key in zhAssessment)).toEqual([]);
    expect(Object.keys(zhFunds).filter((key) => key in zh || key in zhAssessment || key in zhPayroll)).toEqual([]);
  });
});
