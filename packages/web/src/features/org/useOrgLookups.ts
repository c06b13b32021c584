import { CATEGORY_LABELS, type Category, type Coop, type Department } from '@gongyi/domain';
import { useCallback } from 'react';
import { listCategories, listCoops, listDepartments } from '../../api/organisation';
import { useApi, type ApiState } from '../../hooks/useApi';
import type { Lang } from '../../i18n';
import { useTown } from '../../session/SessionContext';

// The reference lists that filters and forms choose from. A town has a few dozen departments, well
// under the API's page size limit, so one page holds them all.

export interface OrgLookups {
  departments: Department[];
  coops: Coop[];
  categories: Category[];
}

const ALL = { page: 1, pageSize: 200 };

export function useOrgLookups(): ApiState<OrgLookups> {
  const town = useTown();
  const load = useCallback(
    async (signal: AbortSignal): Promise<OrgLookups> => {
      const [departments, coops, categories] = await Promise.all([
        listDepartments(town.id, ALL, signal),
        listCoops(town.id, signal),
        listCategories(town.id, signal),
      ]);
      return { departments: departments.items, coops: coops.items, categories: categories.items };
    },
    [town.id],
  );
  return useApi(load);
}

export interface Option {
  value: string;
  label: string;
  /** The full name, shown on hover and searched along with the label. */
  title: string;
}

export const departmentOptions = (list: Department[] = []): Option[] =>
  list.map((d) => ({ value: d.id, label: d.shortName || d.name, title: d.name }));

export const coopOptions = (list: Coop[] = []): Option[] =>
  list.map((c) => ({ value: c.id, label: c.shortName || c.name, title: c.name }));

/** A category's name in the console's language: the town's own name in Chinese, the notice's category in English. */
export function categoryName(category: { code: string; name: string }, lang: Lang): string {
  const labels = (CATEGORY_LABELS as Record<string, { zh: string; en: string } | undefined>)[category.code];
  return lang === 'en' && labels ? labels.en : category.name;
}

export const categoryOptions = (list: Category[] = [], lang: Lang): Option[] =>
  list.map((c) => ({ value: c.id, label: CATEGORY_LABELS[c.code][lang], title: c.name }));

/** Search on both the short and the full name. */
export const SEARCHABLE = { optionFilterProp: ['label', 'title'] };
