import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { LoginForm } from './login-form.tsx';

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  it('shows the domain field messages and sends nothing when fields are invalid', async () => {
    const fetchMock = stubFetch(() => ({ status: 500 }));
    renderWithApp(<LoginForm onSignedIn={vi.fn()} />);
    fill('not-an-email', '');
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says so in an alert when the server refuses the credentials', async () => {
    stubFetch(() => problem(401, 'auth.invalid_credentials', 'Incorrect email address or password'));
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />);
    fill('admin@demo.local', 'wrong-password');
    expect((await screen.findByRole('alert')).textContent).toBe('Incorrect email address or password');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('hands the signed-in user over', async () => {
    const user = { id: 'u1', email: 'admin@demo.local', name: 'Demo Admin' };
    const fetchMock = stubFetch(() => ({ status: 200, body: { user } }));
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />);
    fill(' Admin@Demo.local ', 'Demo-Things-2026');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(onSignedIn.mock.calls[0]![0]).toEqual(user);
    // The schema normalises the address before it is sent.
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body)).email).toBe('admin@demo.local');
  });
});
