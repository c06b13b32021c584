import { act, fireEvent, render, screen } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import { RouterProvider, type createMemoryRouter } from 'react-router-dom';
import { SessionProvider } from './SessionContext';

// For tests that play the server: a router's pages inside the providers the console wraps them in.

export function renderWithSession(router: ReturnType<typeof createMemoryRouter>) {
  return render(
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <App>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </App>
    </ConfigProvider>,
  );
}

/** Types into the form field with this label. */
export async function fillField(label: string, value: string) {
  const input = await screen.findByLabelText(label);
  await act(async () => {
    fireEvent.change(input, { target: { value } });
  });
}
