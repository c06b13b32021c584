import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { nextToClose } from '../../pages/funds/ClosePeriodModal';
import { appKindText, sourceName } from './display';

describe('funds display', () => {
  it('names the notice’s sources in the current language and a town’s own source by its name', () => {
    expect(sourceName({ code: 'district_disability_fund', name: '区残保金' }, 'en')).toBe('District disability employment fund');
    expect(sourceName({ code: 'district_disability_fund', name: '区残保金' }, 'zh')).toBe('区残保金');
    expect(sourceName({ code: 'town_extra', name: '镇自筹' }, 'en')).toBe('镇自筹');
  });

  it('labels an application kind, and shows an unknown one as it is', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('zh', key);
    expect(appKindText('uniform', t)).toBe('服装装备');
    expect(appKindText('gear', t)).toBe('gear');
  });
});

describe('月末结账 offers', () => {
  const last = dayjs().subtract(1, 'month').format('YYYY-MM');
  it('last month when nothing is closed or last month is', () => {
    expect(nextToClose([])).toBe(last);
    expect(nextToClose([last])).toBe(last);
  });

  it('the month after the latest closed one, so months close in order', () => {
    const threeAgo = dayjs().subtract(3, 'month').format('YYYY-MM');
    expect(nextToClose([dayjs().subtract(5, 'month').format('YYYY-MM'), threeAgo])).toBe(dayjs().subtract(2, 'month').format('YYYY-MM'));
  });
});
