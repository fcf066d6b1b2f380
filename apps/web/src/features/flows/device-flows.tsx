import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { type Flow, FlowCreateSchema } from '@openthings/domain';
import { LinkedTable, notifySuccess, SectionCard } from '@openthings/ui';
import { IconPlus, IconRoute } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-messages.ts';
import { fieldErrorsOf, formErrorsOf } from '../../lib/form-errors.ts';
import { UnlinkDialog } from '../../lib/unlink-dialog.tsx';
import { FlowSelect } from './flow-select.tsx';
import { flowsQueries, useCreateFlow, useLinkDevice } from './flows.api.ts';

export interface DeviceFlowsProps {
  device: { id: string; name: string; project: { id: string; name: string } };
  /** The flows the device is in; `undefined` while they load. */
  flows: readonly Flow[] | undefined;
  canWrite: boolean;
}

/** Link to an existing flow of the device's project, or create one there and link at once. */
function LinkFlow({ device, linked }: { device: DeviceFlowsProps['device']; linked: readonly string[] }) {
  const link = useLinkDevice();
  const create = useCreateFlow();
  const projectFlows = useQuery(flowsQueries.list(device.project.id));
  const [flowId, setFlowId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const linkTo = (id: string, flowName: string) =>
    link.mutate(
      { flowId: id, deviceId: device.id, link: true },
      {
        onSuccess: () => {
          notifySuccess(`${device.name} is linked to ${flowName}.`);
          setFlowId(null);
          setCreating(false);
          setName('');
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );

  const submitExisting = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (flowId) linkTo(flowId, projectFlows.data?.find((f) => f.id === flowId)?.name ?? 'the flow');
  };

  const submitNew = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const parsed = FlowCreateSchema.safeParse({ projectId: device.project.id, name });
    if (!parsed.success) {
      setNameError(fieldErrorsOf(parsed.error).name ?? null);
      return;
    }
    setNameError(null);
    create.mutate(parsed.data, {
      onSuccess: (flow) => linkTo(flow.id, flow.name),
      onError: (failure) => {
        const split = formErrorsOf(failure, ['name']);
        setNameError(split.fields.name ?? null);
        setError(split.form);
      },
    });
  };

  return (
    <Stack gap="sm">
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {creating ? (
        <form onSubmit={submitNew} noValidate aria-label="New flow">
          <Group align="flex-start" gap="xs" wrap="wrap">
            <TextInput
              label="Name of the new flow"
              description={`Created in ${device.project.name}`}
              required
              data-autofocus
              autoFocus
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.currentTarget.value)}
              error={nameError}
              style={{ flex: '1 1 240px' }}
            />
            <Group gap="xs" mt={42}>
              <Button
                variant="default"
                onClick={() => setCreating(false)}
                disabled={create.isPending || link.isPending}
              >
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending || link.isPending}>
                Create and link
              </Button>
            </Group>
          </Group>
        </form>
      ) : (
        <form onSubmit={submitExisting} noValidate aria-label="Link to a flow">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <div style={{ flex: '1 1 260px' }}>
              <FlowSelect
                projectId={device.project.id}
                label={`Flow of ${device.project.name}`}
                value={flowId}
                onChange={setFlowId}
                exclude={linked}
              />
            </div>
            <Button type="submit" disabled={!flowId} loading={link.isPending}>
              Link
            </Button>
            <Button
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              aria-haspopup="dialog"
              onClick={() => setCreating(true)}
            >
              New flow
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

/** PRODUCT §3 Flows tab: the flows a device is in, with their project; unlink, link, create. */
export function DeviceFlows({ device, flows, canWrite }: DeviceFlowsProps) {
  const unlink = useLinkDevice();
  const [leaving, setLeaving] = useState<Flow | null>(null);
  return (
    <Stack gap="md">
      <SectionCard
        title="Linked flows"
        description="Every uplink of the device is processed by each of these flows."
      >
        <LinkedTable
          label="Linked flows"
          rows={flows}
          loadingText="Loading flows…"
          empty={{
            icon: <IconRoute size={22} stroke={1.5} />,
            title: 'In no flow',
            description: 'Its data is not processed until it is linked to a flow.',
          }}
          columns={[
            {
              header: 'Flow',
              cell: (flow) => (
                <Anchor component={Link} to={`/flows/${flow.id}`} size="sm" fw={500}>
                  {flow.name}
                </Anchor>
              ),
            },
            { header: 'Project', cell: (flow) => flow.projectName },
            { header: 'Devices', cell: (flow) => flow.deviceCount, align: 'right' },
          ]}
          unlink={canWrite ? { label: (flow) => `Unlink from ${flow.name}`, onClick: setLeaving } : undefined}
        />
      </SectionCard>
      {canWrite && (
        <SectionCard title="Link to another flow" description="A device joins flows of its own project.">
          <LinkFlow device={device} linked={(flows ?? []).map((f) => f.id)} />
        </SectionCard>
      )}
      <UnlinkDialog
        item={leaving}
        title="Unlink from flow"
        message={`${device.name} leaves ${leaving?.name ?? 'the flow'}: its data is no longer processed there.`}
        unlink={unlink}
        variables={(flow) => ({ flowId: flow.id, deviceId: device.id, link: false })}
        done={(flow) => `${device.name} was unlinked from ${flow.name}.`}
        onClose={() => setLeaving(null)}
      />
    </Stack>
  );
}
