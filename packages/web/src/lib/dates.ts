import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';

// Dates travel as YYYY-MM-DD strings (Asia/Shanghai calendar days); only the pickers see Dayjs.

export const DATE_FORMAT = 'YYYY-MM-DD';

export function toDay(value: string | null | undefined): Dayjs | undefined {
  return value ? dayjs(value, DATE_FORMAT) : undefined;
}

export function fromDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

export function todayIso(): string {
  return dayjs().format(DATE_FORMAT);
}

export function setDayjsLocale(lang: 'zh' | 'en'): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}

/** A picker value the form has already required. */
export function dayText(value: Dayjs): string {
  return value.format(DATE_FORMAT);
}

/**
 * A server timestamp ("2026-03-15T10:00:00.000+08:00") as "2026-03-15 10:00", on the town's own
 * clock (the server writes Asia/Shanghai time), whatever the browser's time zone.
 */
export function timestampText(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  return iso.slice(0, withSeconds ? 19 : 16).replace('T', ' ');
}
