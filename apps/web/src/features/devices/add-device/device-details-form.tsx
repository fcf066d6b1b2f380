import { Alert, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type Device, DeviceCreateSchema, type DeviceType } from '@openthings/domain';
import { type FormEvent, type ReactNode, useState } from 'react';
import { fieldErrorsOf, formErrorsOf } from '../../../lib/form-errors.ts';
import { useCreateDevice } from '../devices.api.ts';

const FIELDS = ['name', 'description', 'barcode', 'projectId'] as const;

export interface DeviceDetailsFormProps {
  type: DeviceType;
  projects: readonly { id: string; name: string }[];
  /** The project picker's project, or the only project there is. */
  defaultProjectId: string | null;
  /** The optional flow picker, narrowed to the chosen project (from the flows feature). */
  renderFlowSelect: (props: {
    projectId: string;
    value: string | null;
    onChange: (flowId: string | null) => void;
  }) => ReactNode;
  onBack: () => void;
  /** The device exists; `flowId` is the flow to link it to, if one was chosen. */
  onCreated: (device: Device, flowId: string | null) => void;
}

/** Step 2 of adding a device: what to call it and where it belongs. Checked with DeviceCreateSchema. */
export function DeviceDetailsForm(props: DeviceDetailsFormProps) {
  const create = useCreateDevice();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [barcode, setBarcode] = useState('');
  const [projectId, setProjectId] = useState<string | null>(props.defaultProjectId);
  const [flowId, setFlowId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = DeviceCreateSchema.safeParse({
      deviceTypeId: props.type.id,
      projectId: projectId ?? undefined,
      name,
      description,
      ...(barcode.trim() !== '' && { barcode }),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (device) => props.onCreated(device, flowId),
      onError: (error) => {
        const split = formErrorsOf(error, FIELDS);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Device details">
      <Stack gap="md" maw={640}>
        {formError && (
          <Alert color="red" variant="light" role="alert" title="The device was not added">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Name"
          required
          data-autofocus
          autoFocus
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        <TextInput
          label="Barcode"
          description="Optional: the code on the device's label, to find it by scanning."
          value={barcode}
          maxLength={100}
          onChange={(event) => setBarcode(event.currentTarget.value)}
          error={errors.barcode}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label="Project"
            required
            placeholder="Choose a project"
            data={props.projects.map((p) => ({ value: p.id, label: p.name }))}
            value={projectId}
            onChange={(next) => {
              setProjectId(next);
              setFlowId(null);
            }}
            error={errors.projectId}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          {projectId ? (
            props.renderFlowSelect({ projectId, value: flowId, onChange: setFlowId })
          ) : (
            <Select label="Flow (optional)" placeholder="Choose a project first" data={[]} disabled />
          )}
        </SimpleGrid>
        <Group justify="space-between" mt="xs">
          <Button variant="default" onClick={props.onBack} disabled={create.isPending}>
            Back
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add device
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
