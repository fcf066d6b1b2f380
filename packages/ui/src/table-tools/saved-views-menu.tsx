import { Alert, Badge, Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import {
  IconCheck,
  IconChevronDown,
  IconDeviceFloppy,
  IconLayoutList,
  IconPencil,
  IconStar,
  IconStarOff,
  IconTrash,
} from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../layout/confirm-dialog.tsx';
import { notifyError } from '../provider/notify.tsx';

export interface SavedViewSummary {
  id: string;
  name: string;
  isDefault: boolean;
}

export interface SavedViewsMenuProps {
  /** `undefined` while the views load. */
  views: readonly SavedViewSummary[] | undefined;
  /** The view on screen; `null` is the main view (the table's own defaults). */
  activeId: string | null;
  /** The table differs from the active view as saved. */
  modified?: boolean;
  /** Views a user may keep for this table. */
  max?: number;
  onApply: (id: string) => void;
  onMain: () => void;
  /** Each of these rejects with an Error whose message the dialog shows. */
  onSave: (input: { name: string; makeDefault: boolean }) => Promise<unknown>;
  onUpdate: (id: string) => Promise<unknown>;
  onRename: (id: string, name: string) => Promise<unknown>;
  onSetDefault: (id: string, isDefault: boolean) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
}

type Dialog =
  | { kind: 'save' }
  | { kind: 'rename'; view: SavedViewSummary }
  | { kind: 'delete'; view: SavedViewSummary };

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'The view could not be saved.';

function NameDialog({
  title,
  initialName,
  withDefault,
  submitLabel,
  onSubmit,
  onClose,
}: {
  title: string;
  initialName: string;
  withDefault: boolean;
  submitLabel: string;
  onSubmit: (name: string, makeDefault: boolean) => Promise<unknown>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [makeDefault, setMakeDefault] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setNameError('Enter a name');
      return;
    }
    setNameError(null);
    setError(null);
    setBusy(true);
    try {
      await onSubmit(trimmed, makeDefault);
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="sm" closeOnClickOutside={!busy}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={60}
            value={name}
            error={nameError}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          {withDefault && (
            <Checkbox
              label="Make default"
              description="Opens when you come to this table without a link."
              checked={makeDefault}
              onChange={(event) => setMakeDefault(event.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The saved views of a table: apply one, save the table as it is now ("Save view…", optionally the
 * default), rename, delete, and "Back to main view". State and storage belong to the caller.
 */
export function SavedViewsMenu(props: SavedViewsMenuProps) {
  const { views, activeId, modified, max = 10 } = props;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const active = views?.find((v) => v.id === activeId) ?? null;
  const full = views !== undefined && views.length >= max;

  const runQuick = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (failure) {
      notifyError(messageOf(failure), 'The view was not changed');
    }
  };

  const confirmDelete = async (view: SavedViewSummary) => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await props.onDelete(view.id);
      setDialog(null);
    } catch (failure) {
      setDeleteError(messageOf(failure));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" width={260}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconLayoutList size={16} />}
            rightSection={<IconChevronDown size={14} />}
            aria-label={`Views: ${active ? active.name : 'Main view'}${modified ? ' (changed)' : ''}`}
            maw={240}
          >
            <Text span size="sm" truncate>
              {active ? active.name : 'Main view'}
              {modified && active ? ' •' : ''}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Views</Menu.Label>
          <Menu.Item
            onClick={props.onMain}
            leftSection={activeId === null ? <IconCheck size={14} /> : <span className="ot-menu-spacer" />}
          >
            {activeId === null ? 'Main view' : 'Back to main view'}
          </Menu.Item>
          {views === undefined && <Menu.Item disabled>Loading views…</Menu.Item>}
          {views?.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => props.onApply(view.id)}
              leftSection={
                view.id === activeId ? <IconCheck size={14} /> : <span className="ot-menu-spacer" />
              }
              rightSection={view.isDefault ? <Badge size="xs">Default</Badge> : undefined}
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconDeviceFloppy size={14} />}
            disabled={full}
            onClick={() => setDialog({ kind: 'save' })}
          >
            {full ? `Save view… (at most ${max})` : 'Save view…'}
          </Menu.Item>
          {active && (
            <>
              {modified && (
                <Menu.Item
                  leftSection={<IconDeviceFloppy size={14} />}
                  onClick={() => runQuick(() => props.onUpdate(active.id))}
                >
                  Save changes to “{active.name}”
                </Menu.Item>
              )}
              <Menu.Item
                leftSection={<IconPencil size={14} />}
                onClick={() => setDialog({ kind: 'rename', view: active })}
              >
                Rename “{active.name}”…
              </Menu.Item>
              <Menu.Item
                leftSection={active.isDefault ? <IconStarOff size={14} /> : <IconStar size={14} />}
                onClick={() => runQuick(() => props.onSetDefault(active.id, !active.isDefault))}
              >
                {active.isDefault ? 'Stop opening by default' : 'Make default'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => {
                  setDeleteError(null);
                  setDialog({ kind: 'delete', view: active });
                }}
              >
                Delete “{active.name}”…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog?.kind === 'save' && (
        <NameDialog
          title="Save view"
          initialName=""
          withDefault
          submitLabel="Save view"
          onSubmit={(name, makeDefault) => props.onSave({ name, makeDefault })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title="Rename view"
          initialName={dialog.view.name}
          withDefault={false}
          submitLabel="Rename"
          onSubmit={(name) => props.onRename(dialog.view.id, name)}
          onClose={() => setDialog(null)}
        />
      )}
      <ConfirmDialog
        opened={dialog?.kind === 'delete'}
        title="Delete view"
        message={
          <>
            {dialog?.kind === 'delete' && `“${dialog.view.name}” is deleted for good. `}
            The table stays as it is.
            {deleteError && (
              <Text component="span" c="red" display="block" mt="xs" role="alert">
                {deleteError}
              </Text>
            )}
          </>
        }
        confirmLabel="Delete view"
        danger
        loading={deleting}
        onConfirm={() => dialog?.kind === 'delete' && confirmDelete(dialog.view)}
        onCancel={() => setDialog(null)}
      />
    </>
  );
}
