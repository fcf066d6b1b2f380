import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { Device } from '@openthings/domain';
import { ConfirmDialog, notifySuccess } from '@openthings/ui';
import { IconPlayerPause, IconPlayerPlay, IconRoute, IconRouteOff, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../lib/error-messages.ts';
import { type BulkAction, useBulkDeviceAction } from './devices.api.ts';

type Action = BulkAction['action'];

export interface BulkOutcome {
  action: Action;
  succeeded: number;
  failed: { id: string; name: string; detail: string }[];
  flowName?: string;
}

const done: Record<Action, string> = {
  activate: 'activated',
  deactivate: 'deactivated',
  delete: 'deleted',
  link: 'linked',
  unlink: 'unlinked',
};

const plural = (n: number) => `${n} ${n === 1 ? 'device' : 'devices'}`;

/** "3 devices linked to Fleet telemetry" — the outcome in one line. */
export function outcomeTitle(outcome: BulkOutcome): string {
  const target = outcome.flowName ? ` ${outcome.action === 'link' ? 'to' : 'from'} ${outcome.flowName}` : '';
  const ok = `${plural(outcome.succeeded)} ${done[outcome.action]}${target}`;
  return outcome.failed.length === 0 ? ok : `${ok}, ${outcome.failed.length} failed`;
}

/** Failures by reason: many devices often fail for the same one. */
export function failuresByReason(failed: BulkOutcome['failed']): { detail: string; names: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const f of failed) groups.set(f.detail, [...(groups.get(f.detail) ?? []), f.name]);
  return [...groups].map(([detail, names]) => ({ detail, names }));
}

const NAMES_SHOWN = 5;

/** What a bulk action did when some devices failed, grouped by reason; stays until dismissed. */
export function BulkOutcomeAlert({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  return (
    <Alert
      color={outcome.succeeded === 0 ? 'red' : 'yellow'}
      variant="light"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      title={outcomeTitle(outcome)}
      role="alert"
    >
      <List size="sm" spacing={2}>
        {failuresByReason(outcome.failed).map(({ detail, names }) => (
          <List.Item key={detail}>
            {detail}:{' '}
            <Text span fw={600} size="sm">
              {names.slice(0, NAMES_SHOWN).join(', ')}
            </Text>
            {names.length > NAMES_SHOWN && ` and ${names.length - NAMES_SHOWN} more`}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export interface DeviceBulkActionsProps {
  /** The selected devices (of the page on screen). */
  devices: readonly Device[];
  canDelete: boolean;
  canLink: boolean;
  /** The flow picker of the link dialogs (from the flows feature); `projectId` narrows it. */
  renderFlowSelect: (props: {
    projectId: string | null;
    value: string | null;
    onChange: (id: string | null) => void;
    error: string | null;
  }) => ReactNode;
  /** Names a flow for the outcome line. */
  flowName: (flowId: string) => string | undefined;
  onOutcome: (outcome: BulkOutcome) => void;
}

/** The action bar's actions for selected devices; each device succeeds or fails on its own. */
export function DeviceBulkActions({ devices, canDelete, canLink, ...props }: DeviceBulkActionsProps) {
  const bulk = useBulkDeviceAction();
  const [linkMode, setLinkMode] = useState<'link' | 'unlink' | null>(null);
  const [flowId, setFlowId] = useState<string | null>(null);
  const [flowError, setFlowError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const projects = new Set(devices.map((d) => d.project.id));
  const commonProject = projects.size === 1 ? [...projects][0]! : null;

  const run = (action: Action, flow?: string) => {
    setFailure(null);
    bulk.mutate(
      { action, deviceIds: devices.map((d) => d.id), ...(flow && { flowId: flow }) },
      {
        onSuccess: (result) => {
          const names = new Map(devices.map((d) => [d.id, d.name]));
          const outcome: BulkOutcome = {
            action,
            succeeded: result.succeeded.length,
            failed: result.failed.map((f) => ({ id: f.id, name: names.get(f.id) ?? f.id, detail: f.detail })),
            ...(flow && { flowName: props.flowName(flow) }),
          };
          if (outcome.failed.length === 0) notifySuccess(`${outcomeTitle(outcome)}.`);
          setLinkMode(null);
          setConfirmDelete(false);
          props.onOutcome(outcome);
        },
        onError: (error) => setFailure(errorMessage(error)),
      },
    );
  };

  const openLink = (mode: 'link' | 'unlink') => {
    setFlowId(null);
    setFlowError(null);
    setFailure(null);
    setLinkMode(mode);
  };
  const submitLink = () => {
    if (!flowId || !linkMode) {
      setFlowError('Choose a flow');
      return;
    }
    run(linkMode, flowId);
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPlayerPlay size={14} />}
        loading={bulk.isPending && bulk.variables?.action === 'activate'}
        onClick={() => run('activate')}
      >
        Activate
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPlayerPause size={14} />}
        loading={bulk.isPending && bulk.variables?.action === 'deactivate'}
        onClick={() => run('deactivate')}
      >
        Deactivate
      </Button>
      {canLink && (
        <>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRoute size={14} />}
            aria-haspopup="dialog"
            onClick={() => openLink('link')}
          >
            Link to flow
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRouteOff size={14} />}
            aria-haspopup="dialog"
            onClick={() => openLink('unlink')}
          >
            Unlink from flow
          </Button>
        </>
      )}
      {canDelete && (
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconTrash size={14} />}
          aria-haspopup="dialog"
          onClick={() => {
            setFailure(null);
            setConfirmDelete(true);
          }}
        >
          Delete
        </Button>
      )}
      {failure && !linkMode && !confirmDelete && (
        <Text size="xs" c="red" role="alert">
          {failure}
        </Text>
      )}

      <Modal
        opened={linkMode !== null}
        onClose={() => setLinkMode(null)}
        title={linkMode === 'link' ? 'Link to flow' : 'Unlink from flow'}
        size="md"
      >
        <Stack gap="sm">
          <Text size="sm">
            {linkMode === 'link'
              ? `Link ${plural(devices.length)} to a flow. A flow takes devices of its own project only.`
              : `Unlink ${plural(devices.length)} from a flow. Devices that are not in it stay as they are.`}
          </Text>
          {failure && (
            <Alert color="red" variant="light">
              {failure}
            </Alert>
          )}
          {props.renderFlowSelect({
            projectId: commonProject,
            value: flowId,
            onChange: (id) => {
              setFlowId(id);
              setFlowError(null);
            },
            error: flowError,
          })}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setLinkMode(null)} disabled={bulk.isPending}>
              Cancel
            </Button>
            <Button onClick={submitLink} loading={bulk.isPending}>
              {linkMode === 'link' ? 'Link' : 'Unlink'}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <ConfirmDialog
        opened={confirmDelete}
        title={`Delete ${plural(devices.length)}`}
        message={
          <>
            {`Delete ${plural(devices.length)} permanently, with their network registration? This cannot be undone.`}
            {failure && (
              <Text component="span" display="block" c="red" mt="xs" role="alert">
                {failure}
              </Text>
            )}
          </>
        }
        confirmLabel={`Delete ${plural(devices.length)}`}
        danger
        loading={bulk.isPending}
        onConfirm={() => run('delete')}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
}
