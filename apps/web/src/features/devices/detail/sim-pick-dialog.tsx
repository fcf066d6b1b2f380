import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { devicesQueries } from '../devices.api.ts';

export interface SimPickDialogProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** Preselected, e.g. the SIM the device had. */
  initialIccid?: string | null;
  busy: boolean;
  error: string | null;
  onConfirm: (iccid: string) => void;
  onClose: () => void;
}

/** Choose a free SIM of the account (not in another device, not retired). */
export function SimPickDialog(props: SimPickDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="md">
      {props.opened && <SimPickForm {...props} />}
    </Modal>
  );
}

function SimPickForm(props: SimPickDialogProps) {
  const sims = useQuery(devicesQueries.freeSims());
  const free = sims.data ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  // Until the user picks, the SIM the device had is offered — once the free SIMs are known to hold it.
  const iccid =
    picked ??
    (props.initialIccid && free.some((s) => s.iccid === props.initialIccid) ? props.initialIccid : null);
  const [missing, setMissing] = useState(false);
  const options = [...free.map((s) => ({ value: s.iccid, label: s.iccid }))];
  return (
    <Stack gap="sm">
      <Text size="sm">{props.message}</Text>
      {props.error && (
        <Alert color="red" variant="light" role="alert">
          {props.error}
        </Alert>
      )}
      <Select
        label="SIM (ICCID)"
        required
        placeholder={
          sims.isPending
            ? 'Loading SIMs…'
            : free.length === 0
              ? 'No free SIM in this account'
              : 'Choose a SIM'
        }
        data={options}
        value={iccid}
        onChange={(next) => {
          setPicked(next);
          setMissing(false);
        }}
        searchable
        nothingFoundMessage="No free SIM with these digits"
        error={missing ? 'Choose a SIM' : sims.isError ? 'The SIMs could not be loaded' : undefined}
        classNames={{ option: 'ot-mono' }}
        comboboxProps={{ withinPortal: true }}
      />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={props.onClose} disabled={props.busy}>
          Cancel
        </Button>
        <Button
          loading={props.busy}
          onClick={() => {
            if (iccid) props.onConfirm(iccid);
            else setMissing(true);
          }}
        >
          {props.confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
