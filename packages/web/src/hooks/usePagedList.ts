import type { Page } from '@gongyi/domain';
import type { TablePaginationConfig, TableProps } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useApi } from './useApi';

// Every server-paged list in the console: filters, page and page size live in the URL, so a list
// can be bookmarked, shared and restored with the back button.

export type Filters<K extends string> = Partial<Record<K, string>>;
export type PageRequest<K extends string> = Filters<K> & { page: number; pageSize: number };

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export interface PagedList<T, K extends string> {
  filters: Filters<K>;
  /** Changes some filters and goes back to the first page; an empty value removes the filter. */
  setFilters: (patch: Filters<K>) => void;
  resetFilters: () => void;
  hasFilters: boolean;
  tableProps: Required<Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>>;
  error: unknown;
  reload: () => void;
}

export function usePagedList<T, K extends string>(
  /** The filter names in the URL; pass a module-level constant. */
  keys: readonly K[],
  /** Memoise with useCallback: a new function means a new query. */
  fetchPage: (request: PageRequest<K>, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T, K> {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.toString();

  const { filters, request } = useMemo(() => {
    const p = new URLSearchParams(search);
    const size = positiveInt(p.get('pageSize'), DEFAULT_PAGE_SIZE);
    const found: Filters<K> = {};
    for (const key of keys) {
      const value = p.get(key);
      if (value) found[key] = value;
    }
    const paging = {
      page: positiveInt(p.get('page'), 1),
      pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
    };
    return { filters: found, request: { ...found, ...paging } };
  }, [keys, search]);

  const load = useCallback((signal: AbortSignal) => fetchPage(request, signal), [fetchPage, request]);
  const { data, error, loading, reload } = useApi(load);

  const update = useCallback(
    (patch: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setFilters = useCallback((patch: Filters<K>) => update({ ...patch, page: undefined }), [update]);
  const resetFilters = useCallback(
    () => update(Object.fromEntries([...keys, 'page'].map((k) => [k, undefined]))),
    [keys, update],
  );

  const onChange = useCallback(
    (pagination: TablePaginationConfig) =>
      update({
        page: pagination.current && pagination.current > 1 ? String(pagination.current) : undefined,
        pageSize: pagination.pageSize && pagination.pageSize !== DEFAULT_PAGE_SIZE ? String(pagination.pageSize) : undefined,
      }),
    [update],
  );

  return {
    filters,
    setFilters,
    resetFilters,
    hasFilters: Object.keys(filters).length > 0,
    tableProps: {
      dataSource: data?.items ?? [],
      loading,
      onChange,
      pagination: {
        current: request.page,
        pageSize: request.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (total) => t('common.total', { total }),
      },
    },
    error,
    reload,
  };
}
