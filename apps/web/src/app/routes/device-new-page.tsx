import { Anchor, Button, Card, Group, Stepper, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Device } from '@openthings/domain';
import { ErrorState, notifyError, notifySuccess, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DeviceDetailsForm } from '../../features/devices/add-device/device-details-form.tsx';
import { TypePicker } from '../../features/devices/add-device/type-picker.tsx';
import { devicesQueries } from '../../features/devices/devices.api.ts';
import { NetworkForm } from '../../features/devices/network-form.tsx';
import { type RevealedValue, revealedValues, SecretsReveal } from '../../features/devices/secrets-reveal.tsx';
import { FlowSelect } from '../../features/flows/flow-select.tsx';
import { useLinkDevice } from '../../features/flows/flows.api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const back = (
  <Anchor component={Link} to="/devices" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All devices
    </Group>
  </Anchor>
);

/** Add device: type → name, project (and flow) → network information, or finish without → detail page. */
export function DeviceNewPage() {
  useDocumentTitle('Add device · OpenThings');
  const user = useSessionUser();
  if (!hasPermission(user, 'devices:write')) {
    return (
      <>
        <PageHeader title="Add device" back={back} />
        <ErrorState title="No access" message="Your roles do not include adding devices." />
      </>
    );
  }
  return <AddDeviceWizard />;
}

function AddDeviceWizard() {
  const navigate = useNavigate();
  const user = useSessionUser();
  const { scope, projects } = useCheckedProjectScope();
  const types = useQuery(devicesQueries.types());
  const link = useLinkDevice();
  const [step, setStep] = useState(0);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [device, setDevice] = useState<Device | null>(null);
  const [revealed, setRevealed] = useState<RevealedValue[] | null>(null);
  const type = types.data?.find((t) => t.id === typeId);

  if (types.isError) {
    return (
      <>
        <PageHeader title="Add device" back={back} />
        <ErrorState
          message={errorMessage(types.error)}
          onRetry={() => types.refetch()}
          retrying={types.isFetching}
        />
      </>
    );
  }
  if (!types.data || !projects) return <PageLoader label="Loading device types" />;

  const finish = (id: string) => navigate(`/devices/${id}`);
  const defaultProject = scope ?? (projects.length === 1 ? projects[0]!.id : null);

  const created = (next: Device, flowId: string | null) => {
    setDevice(next);
    setStep(2);
    notifySuccess(`"${next.name}" was added.`, 'Device added');
    if (flowId) {
      link.mutate(
        { flowId, deviceId: next.id, link: true },
        {
          onError: (error) =>
            notifyError(errorMessage(error), 'The device was added, but not linked to the flow'),
        },
      );
    }
  };

  return (
    <>
      <PageHeader
        title="Add device"
        description="Register one device. For many at once, use Bulk by CSV."
        back={back}
      />
      <Card>
        <Stepper active={step} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label="Device type" description={type?.name ?? 'What it is'}>
            <Text size="sm" c="dimmed" mb="md">
              Managed devices bought from the operator are registered for you and are not listed here.
            </Text>
            <TypePicker types={types.data} value={typeId} onChange={setTypeId} />
            <Group justify="flex-end" mt="lg">
              <Button disabled={!type} onClick={() => setStep(1)}>
                Next
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label="Device details" description={device?.name ?? 'Name and project'}>
            {type && !device && (
              <DeviceDetailsForm
                type={type}
                projects={projects}
                defaultProjectId={defaultProject}
                renderFlowSelect={(props) =>
                  hasPermission(user, 'flows:write') ? (
                    <FlowSelect
                      projectId={props.projectId}
                      value={props.value}
                      onChange={props.onChange}
                      label="Flow (optional)"
                      clearable
                    />
                  ) : null
                }
                onBack={() => setStep(0)}
                onCreated={created}
              />
            )}
          </Stepper.Step>
          <Stepper.Step label="Network information" description="How it connects">
            {device && type && !revealed && (
              <NetworkForm
                device={device}
                type={type}
                onAdded={(result) => {
                  const values = revealedValues(result);
                  if (values.length === 0) {
                    notifySuccess('The network information was added.');
                    finish(device.id);
                  } else {
                    setRevealed(values);
                  }
                }}
                secondaryAction={
                  <Button variant="default" onClick={() => finish(device.id)}>
                    Finish without adding network
                  </Button>
                }
              />
            )}
            {device && revealed && (
              <>
                <SecretsReveal values={revealed} />
                <Group justify="flex-end" mt="lg">
                  <Button onClick={() => finish(device.id)}>Finish</Button>
                </Group>
              </>
            )}
          </Stepper.Step>
        </Stepper>
      </Card>
    </>
  );
}
