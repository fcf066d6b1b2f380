import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aProject } from '../../testing/fixtures.ts';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { ProjectOverview } from './project-overview.tsx';

describe('ProjectOverview', () => {
  it('shows subscription, expiry, and usage against limits', () => {
    stubFetch(() => ({ status: 500 }));
    renderWithApp(<ProjectOverview project={aProject()} canEdit={false} />);
    expect(screen.getByRole('heading', { level: 1, name: 'My first project' })).toBeTruthy();
    expect(screen.getAllByText('Freemium').length).toBeGreaterThan(0);
    expect(screen.getByText('No expiry')).toBeTruthy();
    expect(screen.getByText('Internet devices').nextElementSibling?.textContent).toBe('0 · no limit');
    expect(screen.getByText('LoRa devices').nextElementSibling?.textContent).toBe('0 of 3');
    expect(screen.getByText('Destination links').nextElementSibling?.textContent).toBe('0 of 3');
    expect(screen.getByText('Flows').nextElementSibling?.textContent).toBe('1 of 3');
    expect(screen.getByText('No description.')).toBeTruthy();
  });

  it('offers no Edit button to users who may not change projects', () => {
    renderWithApp(<ProjectOverview project={aProject()} canEdit={false} />);
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('offers an Edit button to users who may change projects', () => {
    renderWithApp(<ProjectOverview project={aProject()} canEdit />);
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
  });

  it('checks the fields with the domain rules before sending', async () => {
    const fetchMock = stubFetch(() => ({ status: 500 }));
    renderWithApp(<ProjectOverview project={aProject()} canEdit />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Enter a name')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors on their fields', async () => {
    stubFetch(() =>
      problem(400, 'request.invalid', 'The request is not valid', {
        errors: { 'body.name': ['A project with this name already exists'] },
      }),
    );
    renderWithApp(<ProjectOverview project={aProject()} canEdit />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'Fleet demo' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('A project with this name already exists')).toBeTruthy();
  });

  it('sends name and description and closes when saved', async () => {
    const fetchMock = stubFetch(({ init }) => ({
      status: 200,
      body: { ...aProject(), ...JSON.parse(String(init.body)) },
    }));
    renderWithApp(<ProjectOverview project={aProject()} canEdit />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'Greenhouse' } });
    fireEvent.change(within(dialog).getByLabelText('Description'), { target: { value: 'North side' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual({
      name: 'Greenhouse',
      description: 'North side',
    });
  });

  it('sends only the fields that changed, and nothing when nothing changed', async () => {
    const fetchMock = stubFetch(({ init }) => ({
      status: 200,
      body: { ...aProject(), ...JSON.parse(String(init.body)) },
    }));
    renderWithApp(<ProjectOverview project={aProject({ description: 'Roof sensors' })} canEdit />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Description'), {
      target: { value: 'Roof and cellar sensors' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual({
      description: 'Roof and cellar sensors',
    });
  });
});
