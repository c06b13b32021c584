import { describe, expect, it } from 'vitest';
import { categoryName } from './useOrgLookups';

describe('categoryName', () => {
  it('is the town’s own name in Chinese and the notice’s category in English', () => {
    const category = { code: 'public_service', name: '公共服务类（本镇）' };
    expect(categoryName(category, 'zh')).toBe('公共服务类（本镇）');
    expect(categoryName(category, 'en')).toBe('Public service');
  });

  it('keeps the name of a category the notice does not know', () => {
    expect(categoryName({ code: 'pilot', name: '试点类' }, 'en')).toBe('试点类');
  });
});
