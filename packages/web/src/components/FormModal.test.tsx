import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, ConfigProvider, Form, Input } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { FormModal } from './FormModal';

afterEach(cleanup);

function renderModal(onSubmit: (values: { name: string; note?: string }) => Promise<void>) {
  render(
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <App>
        <FormModal<{ name: string; note?: string }>
          open
          title="新建部门"
          initialValues={{ name: '社保所' }}
          onCancel={() => undefined}
          onSubmit={onSubmit}
        >
          <Form.Item name="name" label="名称">
            <Input />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
        </FormModal>
      </App>
    </ConfigProvider>,
  );
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
  });
}

describe('FormModal', () => {
  it('submits the form values', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderModal(onSubmit);
    await submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '社保所', note: undefined }));
  });

  it("puts the server's message under the field it names", async () => {
    renderModal(() => Promise.reject(new ApiError(400, 'duplicate_name', '已有同名部门：社保所', 'name')));
    await submit();
    expect(await screen.findByText('已有同名部门：社保所')).toBeTruthy();
    expect(document.querySelector('.ant-form-item-has-error #name, .ant-form-item-has-error input')).toBeTruthy();
  });

  it('shows a message when the field is not on the form', async () => {
    renderModal(() => Promise.reject(new ApiError(409, 'conflict', '该记录已被他人修改，请刷新后重试', 'version')));
    await submit();
    expect(await screen.findByText('该记录已被他人修改，请刷新后重试')).toBeTruthy();
    expect(document.querySelector('.ant-form-item-has-error')).toBeNull();
  });
});
