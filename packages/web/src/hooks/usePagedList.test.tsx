import type { Page } from '@gongyi/domain';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePagedList, type PageRequest } from './usePagedList';

afterEach(cleanup);

const KEYS = ['q'] as const;
const SORTS = ['name', 'startDate'] as const;
const DEFAULT = { field: 'name', order: 'asc' } as const;
type Row = { id: string };

function setup(url: string) {
  const fetchPage = vi.fn(
    (r: PageRequest<'q', 'name' | 'startDate'>): Promise<Page<Row>> => Promise.resolve({ items: [], total: 100, page: r.page, pageSize: r.pageSize }),
  );
  let location = '';
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>
      <Spy onLocation={(l) => (location = l)} />
      {children}
    </MemoryRouter>
  );
  const hook = renderHook(() => usePagedList(KEYS, fetchPage, SORTS, DEFAULT), { wrapper });
  return { fetchPage, hook, location: () => location };
}

function Spy({ onLocation }: { onLocation: (search: string) => void }) {
  onLocation(useLocation().search);
  return null;
}

const page = (current: number) => ({ current, pageSize: 20 });
const sorter = (columnKey: string, order: 'ascend' | 'descend' | undefined) => ({ columnKey, order });

describe('usePagedList sorting', () => {
  it('reads the sort from the URL into the request and the columns', async () => {
    const { fetchPage, hook } = setup('/workers?sort=startDate&order=desc&page=2');
    await waitFor(() => expect(fetchPage).toHaveBeenCalled());
    expect(fetchPage.mock.calls[0]![0]).toEqual({ page: 2, pageSize: 20, sort: 'startDate', order: 'desc' });
    expect(hook.result.current.sortOrderOf('startDate')).toBe('descend');
    expect(hook.result.current.sortOrderOf('name')).toBeNull();
  });

  it('shows the default order on its column without asking the server for it', async () => {
    const { fetchPage, hook } = setup('/workers?sort=bogus');
    await waitFor(() => expect(fetchPage).toHaveBeenCalled());
    expect(fetchPage.mock.calls[0]![0]).toEqual({ page: 1, pageSize: 20 });
    expect(hook.result.current.sortOrderOf('name')).toBe('ascend');
  });

  it('a new order goes to the URL and back to page 1; paging keeps the order', async () => {
    const { hook, location } = setup('/workers?q=张&page=3');
    act(() => hook.result.current.tableProps.onChange(page(3), {}, sorter('startDate', 'ascend'), { action: 'sort', currentDataSource: [] }));
    expect(location()).toBe('?q=%E5%BC%A0&sort=startDate&order=asc');
    act(() => hook.result.current.tableProps.onChange(page(2), {}, sorter('startDate', 'ascend'), { action: 'paginate', currentDataSource: [] }));
    expect(location()).toBe('?q=%E5%BC%A0&sort=startDate&order=asc&page=2');
  });

  it('paging an unsorted list keeps its page; going back to the default order clears the parameters', async () => {
    const { hook, location } = setup('/workers');
    act(() => hook.result.current.tableProps.onChange(page(2), {}, sorter('name', 'ascend'), { action: 'paginate', currentDataSource: [] }));
    expect(location()).toBe('?page=2');
    act(() => hook.result.current.tableProps.onChange(page(2), {}, sorter('name', 'descend'), { action: 'sort', currentDataSource: [] }));
    expect(location()).toBe('?sort=name&order=desc');
    act(() => hook.result.current.tableProps.onChange(page(1), {}, sorter('name', 'ascend'), { action: 'sort', currentDataSource: [] }));
    expect(location()).toBe('');
  });
});
