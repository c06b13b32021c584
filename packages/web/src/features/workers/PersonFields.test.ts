import { makeIdNumber } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { idNumberError } from './PersonFields';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh', key, params);

describe('ID number as typed', () => {
  const id = makeIdNumber('310118', '1988-05-06', 995);

  it('accepts a valid number, also typed in full-width digits, with spaces or a lower-case x', () => {
    expect(idNumberError(t, id)).toBeUndefined();
    expect(idNumberError(t, ` ${id.slice(0, 6)} ${id.slice(6)} `)).toBeUndefined();
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(idNumberError(t, fullWidth)).toBeUndefined();
  });

  it('says what is wrong', () => {
    expect(idNumberError(t, id.slice(0, 15))).toBe('身份证号应为 18 位，现为 15 位');
    expect(idNumberError(t, `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`)).toContain('校验位不符');
    expect(idNumberError(t, `${id.slice(0, 6)}19881306${id.slice(14)}`)).toContain('出生日期');
    expect(idNumberError(t, `${id.slice(0, 16)}AB`)).toContain('只能由数字组成');
  });
});
