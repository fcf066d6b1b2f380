import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import type { Sim } from '@openthings/domain';
import { notifySuccess } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/error-messages.ts';
import { simsQueries, useSwapSim } from '../sims.api.ts';

/** A new SIM went into this SIM's device: the device moves to it; this SIM stays, unlinked. */
export function SimSwapDialog({ sim, opened, onClose }: { sim: Sim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Swap SIM" size="md">
      {opened && <SwapForm sim={sim} onDone={onClose} />}
    </Modal>
  );
}

function SwapForm({ sim, onDone }: { sim: Sim; onDone: () => void }) {
  const navigate = useNavigate();
  const free = useQuery(simsQueries.list({ linked: 'false', limit: 500, sort: 'iccid' }));
  const swap = useSwapSim();
  const [iccid, setIccid] = useState<string | null>(null);
  const options = (free.data?.data ?? [])
    .filter((s) => s.status !== 'RETIRED' && s.id !== sim.id)
    .map((s) => ({ value: s.iccid, label: s.iccid }));
  return (
    <Stack gap="sm">
      <Text size="sm">
        Choose the SIM now in the device (IMEI <span className="ot-mono">{sim.imei}</span>). SIM{' '}
        <span className="ot-mono">{sim.iccid}</span> stays in the account, unlinked.
      </Text>
      {swap.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(swap.error)}
        </Alert>
      )}
      <Select
        label="New SIM (ICCID)"
        required
        searchable
        data={options}
        value={iccid}
        onChange={setIccid}
        placeholder={
          free.isPending
            ? 'Loading SIMs…'
            : options.length === 0
              ? 'No free SIM in this account'
              : 'Choose a SIM'
        }
        nothingFoundMessage="No free SIM with these digits"
        classNames={{ option: 'ot-mono' }}
        comboboxProps={{ withinPortal: true }}
      />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone} disabled={swap.isPending}>
          Cancel
        </Button>
        <Button
          disabled={!iccid}
          loading={swap.isPending}
          onClick={() =>
            iccid &&
            swap.mutate(
              { id: sim.id, newIccid: iccid },
              {
                onSuccess: ({ to }) => {
                  notifySuccess(`The device now uses SIM ${to.iccid}.`, 'SIM swapped');
                  onDone();
                  navigate(`/connectivity/sims/${to.id}`);
                },
              },
            )
          }
        >
          Swap SIM
        </Button>
      </Group>
    </Stack>
  );
}
