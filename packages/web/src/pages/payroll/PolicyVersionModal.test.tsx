import { defaultPolicy, type PolicyVersion } from '@gongyi/domain';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider, useSessionControls } from '../../session/SessionContext';
import { jsonResponse, sessionFixture } from '../../session/testing';
import { PolicyVersionModal } from './PolicyVersionModal';

// The new-version dialog against a fetch that plays the server: what it sends, and where a refusal shows.

const TEAMS = [{ id: 'team-a', name: '社区巡逻' }];
const BASE: PolicyVersion = {
  id: 'pv-1',
  validFrom: '2026-01-01',
  validTo: null,
  policy: { ...defaultPolicy('2026-01-01'), teams: { 'team-a': { baseFen: 120_000, bonusFen: 40_000 } } },
  note: '',
  createdBy: '财政所会计',
  createdAt: '2026-01-01T09:00:00.000+08:00',
};

function Signed({ onCreated }: { onCreated: (v: PolicyVersion) => void }) {
  const { state } = useSessionControls();
  if (state.status !== 'signedIn') return null;
  return <PolicyVersionModal base={BASE} teams={TEAMS} onClose={() => undefined} onCreated={onCreated} />;
}

function renderModal(server: (url: string, body: unknown) => Promise<Response>) {
  const posts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/auth/session') return jsonResponse(200, sessionFixture({ actions: ['org.read', 'payroll.read', 'payroll.policy'] }));
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      posts.push(body);
      return server(url, body);
    }),
  );
  const onCreated = vi.fn();
  render(
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <App>
        <SessionProvider>
          <Signed onCreated={onCreated} />
        </SessionProvider>
      </App>
    </ConfigProvider>,
  );
  return { posts, onCreated };
}

/** Role queries over this many boxes are slow in happy-dom: the button is found by its text. */
const save = async () => {
  const button = (await screen.findByText('保存版本', {}, { timeout: 10_000 })).closest('button')!;
  await act(async () => {
    fireEvent.click(button);
  });
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('新增版本', { timeout: 30_000 }, () => {
  it('sends yuan as fen and percents as basis points, prefilled from the version it starts from', async () => {
    const { posts, onCreated } = renderModal((_url, body) => jsonResponse(201, { ...BASE, id: 'pv-2', ...(body as object) }));
    const base = await screen.findByLabelText('社区巡逻 基本工资（元/月）', {}, { timeout: 10_000 });
    expect((base as HTMLInputElement).value).toBe('1200.00');
    fireEvent.change(base, { target: { value: '1300.5' } });
    const floor = screen.getByLabelText('月收入保底（基本工资+绩效奖）');
    expect((floor as HTMLInputElement).value).toBe('1570.00');
    fireEvent.change(floor, { target: { value: '1600' } });
    await save();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    const sent = posts[0] as { policy: typeof BASE.policy; validFrom: string };
    expect(sent.policy.teams['team-a']).toEqual({ baseFen: 130_050, bonusFen: 40_000 });
    expect(sent.policy.floorFen).toBe(160_000);
    expect(sent.policy.annualBonusBp).toEqual(BASE.policy.annualBonusBp);
    expect(sent.validFrom).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it('puts the server’s refusal under the box it names', async () => {
    const message = '年度考核奖比例须在 2%–28% 之间（R19）。请在此范围内选择。';
    renderModal(() => jsonResponse(422, { error: { code: 'policy_invalid', message, field: 'policy.annualBonusBp.public_service.pass' } }));
    await save();
    expect(await screen.findByText(message)).toBeTruthy();
    const item = screen.getByText(message).closest('.ant-form-item');
    expect(item?.textContent).toContain('公共服务类');
    expect(item?.classList.contains('ant-form-item-has-error')).toBe(true);
  });
});
