import type { Page } from '@gongyi/domain';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useApi } from './useApi';

// Every server-paged list in the console: filters, sort, page and page size live in the URL, so a
// list can be bookmarked, shared and restored with the back button.

export type Filters<K extends string> = Partial<Record<K, string>>;
export type SortOrder = 'asc' | 'desc';
export type PageRequest<K extends string, S extends string = never> = Filters<K> & {
  page: number;
  pageSize: number;
  /** Set only for lists that pass their sortable columns, and only once the user sorts. */
  sort?: S;
  order?: SortOrder;
};

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export interface PagedList<T, K extends string, S extends string = never> {
  filters: Filters<K>;
  /** The column sorted by (a table column's key): the user's choice, else the default if given. */
  sort: { field?: S; order?: SortOrder };
  /** A column's `sortOrder` for antd: the table shows what the URL says. */
  sortOrderOf: (field: S) => 'ascend' | 'descend' | null;
  /** Changes some filters and goes back to the first page; an empty value removes the filter. */
  setFilters: (patch: Filters<K>) => void;
  resetFilters: () => void;
  hasFilters: boolean;
  tableProps: Required<Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>>;
  error: unknown;
  reload: () => void;
}

const NO_SORTS: readonly never[] = [];

export function usePagedList<T, K extends string, S extends string = never>(
  /** The filter names in the URL; pass a module-level constant. */
  keys: readonly K[],
  /** Memoise with useCallback: a new function means a new query. */
  fetchPage: (request: PageRequest<K, S>, signal: AbortSignal) => Promise<Page<T>>,
  /** The columns the server sorts by (table column keys); pass a module-level constant. */
  sorts: readonly S[] = NO_SORTS,
  /** The server's order when none is asked for, shown on its column; pass a module-level constant. */
  defaultSort?: { field: S; order: SortOrder },
): PagedList<T, K, S> {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.toString();

  const { filters, sort, request } = useMemo(() => {
    const p = new URLSearchParams(search);
    const size = positiveInt(p.get('pageSize'), DEFAULT_PAGE_SIZE);
    const found: Filters<K> = {};
    for (const key of keys) {
      const value = p.get(key);
      if (value) found[key] = value;
    }
    const field = sorts.find((s) => s === p.get('sort'));
    const order: SortOrder | undefined = field ? (p.get('order') === 'desc' ? 'desc' : 'asc') : undefined;
    const paging = {
      page: positiveInt(p.get('page'), 1),
      pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
    };
    const request: PageRequest<K, S> = { ...found, ...paging, ...(field ? { sort: field, order } : {}) };
    return { filters: found, sort: field ? { field, order } : { field: defaultSort?.field, order: defaultSort?.order }, request };
  }, [keys, sorts, search, defaultSort]);

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
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
      const first = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = first?.order ? String(first.columnKey ?? first.field ?? '') : '';
      const field = sorts.find((s) => s === key);
      const nextOrder = field ? (first?.order === 'descend' ? 'desc' : 'asc') : undefined;
      const sortChanged = field !== sort.field || nextOrder !== sort.order;
      // The server's own order needs no parameter.
      const isDefault = field === defaultSort?.field && nextOrder === defaultSort?.order;
      update({
        // A new order starts again from the first page.
        page: !sortChanged && pagination.current && pagination.current > 1 ? String(pagination.current) : undefined,
        pageSize: pagination.pageSize && pagination.pageSize !== DEFAULT_PAGE_SIZE ? String(pagination.pageSize) : undefined,
        sort: isDefault ? undefined : field,
        order: isDefault || !field ? undefined : nextOrder,
      });
    },
    [update, sorts, sort.field, sort.order, defaultSort],
  );

  const sortOrderOf = useCallback(
    (field: S) => (sort.field === field ? (sort.order === 'desc' ? 'descend' : 'ascend') : null),
    [sort.field, sort.order],
  );

  return {
    filters,
    sort,
    sortOrderOf,
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
