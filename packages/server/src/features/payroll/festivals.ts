import chineseDays from 'chinese-days';
import type { Festival, IsoDate } from '@gongyi/domain';

// The package's CommonJS bundle hides its named exports from Node's ESM loader (vitest reads the
// ES build and would not notice), so the functions come from the default export.
const { getSolarDateFromLunar } = chineseDays;

// R17: the festivals' dates in a year. New Year's Day, May Day and National Day are fixed; Spring
// Festival and the three traditional festivals follow the lunar calendar (chinese-days converts).

const LUNAR: Partial<Record<Festival, string>> = { spring_festival: '01-01', lantern: '01-15', dragon_boat: '05-05', mid_autumn: '08-15' };
const cache = new Map<number, Record<Festival, IsoDate>>();

export function festivalDates(year: number): Record<Festival, IsoDate> {
  let dates = cache.get(year);
  if (!dates) {
    const lunar = (md: string) => getSolarDateFromLunar(`${year}-${md}`).date;
    dates = {
      new_year: `${year}-01-01`,
      may_day: `${year}-05-01`,
      national_day: `${year}-10-01`,
      spring_festival: lunar(LUNAR.spring_festival!),
      lantern: lunar(LUNAR.lantern!),
      dragon_boat: lunar(LUNAR.dragon_boat!),
      mid_autumn: lunar(LUNAR.mid_autumn!),
    };
    cache.set(year, dates);
  }
  return dates;
}
