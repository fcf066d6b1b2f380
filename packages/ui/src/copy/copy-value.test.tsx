import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { CopyValueButton, CopyValueList } from './copy-value.tsx';

const writeText = vi.fn<(text: string) => Promise<void>>();
let clipboard: PropertyDescriptor | undefined;

beforeEach(() => {
  writeText.mockReset().mockResolvedValue(undefined);
  clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
  else Reflect.deleteProperty(navigator, 'clipboard');
});

describe('CopyValueButton', () => {
  it('copies the value, says so for a moment, then offers to copy again', async () => {
    renderWithUi(<CopyValueButton label="AppKey" value="00112233445566778899AABBCCDDEEFF" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy AppKey' }));
    expect(writeText).toHaveBeenCalledWith('00112233445566778899AABBCCDDEEFF');
    expect(await screen.findByRole('button', { name: 'AppKey copied' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy AppKey' })).toBeTruthy(), {
      timeout: 3000,
    });
  });

  it('keeps its click from the row or card it sits in', () => {
    const onRowClick = vi.fn();
    renderWithUi(
      <table>
        <tbody>
          <tr onClick={onRowClick}>
            <td>
              <CopyValueButton label="webhook URL" value="https://things.example.com/hook" />
            </td>
          </tr>
        </tbody>
      </table>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy webhook URL' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(onRowClick).not.toHaveBeenCalled();
  });

  it('shows "Copied" in its tooltip once the value is copied', async () => {
    renderWithUi(<CopyValueButton label="Secret" value="s3cr3t" />);
    const button = screen.getByRole('button', { name: 'Copy Secret' });
    fireEvent.mouseEnter(button);
    expect((await screen.findByRole('tooltip')).textContent).toBe('Copy Secret');
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('tooltip').textContent).toBe('Copied'));
  });
});

describe('CopyValueList', () => {
  it('labels each value, copies those to paste and gives the others none', async () => {
    renderWithUi(
      <CopyValueList
        testIdPrefix="revealed-"
        items={[
          { label: 'Webhook URL', value: 'https://things.example.com/hook', hint: 'Where it posts.' },
          { label: 'Payload encoding', value: 'JSON', copy: false },
        ]}
      />,
    );
    expect(screen.getByText('Webhook URL').tagName).toBe('DT');
    expect(screen.getByTestId('revealed-Webhook URL').textContent).toBe('https://things.example.com/hook');
    expect(screen.getByTestId('revealed-Payload encoding').textContent).toBe('JSON');
    expect(screen.getByText('Where it posts.').closest('dd')).toBe(
      screen.getByTestId('revealed-Webhook URL').closest('dd'),
    );
    expect(screen.queryByRole('button', { name: 'Copy Payload encoding' })).toBeNull();
    const url = screen.getByTestId('revealed-Webhook URL').closest('dd') as HTMLElement;
    fireEvent.click(within(url).getByRole('button', { name: 'Copy Webhook URL' }));
    expect(writeText).toHaveBeenCalledWith('https://things.example.com/hook');
    expect(await screen.findByRole('button', { name: 'Webhook URL copied' })).toBeTruthy();
  });

  it('names its values value-<label> unless told otherwise', () => {
    renderWithUi(<CopyValueList items={[{ label: 'Secret', value: 's3cr3t' }]} />);
    expect(screen.getByTestId('value-Secret').textContent).toBe('s3cr3t');
    expect(screen.getByRole('button', { name: 'Copy Secret' })).toBeTruthy();
  });
});
