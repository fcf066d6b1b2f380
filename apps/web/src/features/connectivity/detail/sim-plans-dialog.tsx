import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { planCombinationProblem, type Sim, type SimUpdate, SimUpdateSchema } from '@openthings/domain';
import { notifySuccess } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../lib/error-messages.ts';
import { simsQueries, useUpdateSim } from '../sims.api.ts';

/** Communication plan (it decides the APN) and rate plan, checked together before they are sent. */
export function SimPlansDialog({ sim, opened, onClose }: { sim: Sim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change plans" size="md">
      {opened && <PlansForm sim={sim} onDone={onClose} />}
    </Modal>
  );
}

function PlansForm({ sim, onDone }: { sim: Sim; onDone: () => void }) {
  const plans = useQuery(simsQueries.plans());
  const update = useUpdateSim();
  const [communicationPlan, setCommunicationPlan] = useState(sim.communicationPlan);
  const [ratePlan, setRatePlan] = useState(sim.ratePlan);
  const comm = plans.data?.communicationPlans.find((p) => p.id === communicationPlan);
  const rate = plans.data?.ratePlans.find((p) => p.id === ratePlan);
  const mismatch = planCombinationProblem(communicationPlan, ratePlan);
  const changed = communicationPlan !== sim.communicationPlan || ratePlan !== sim.ratePlan;

  const save = () => {
    const patch: Record<string, string> = {};
    if (communicationPlan !== sim.communicationPlan) patch.communicationPlan = communicationPlan;
    if (ratePlan !== sim.ratePlan) patch.ratePlan = ratePlan;
    const parsed = SimUpdateSchema.safeParse(patch);
    if (!parsed.success || mismatch) return;
    update.mutate(
      { id: sim.id, patch: parsed.data as SimUpdate },
      {
        onSuccess: () => {
          notifySuccess(`The plans of SIM ${sim.iccid} were changed.`);
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      {update.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(update.error)}
        </Alert>
      )}
      <Select
        label="Communication plan"
        data={(plans.data?.communicationPlans ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={communicationPlan}
        onChange={(next) => next && setCommunicationPlan(next)}
        allowDeselect={false}
        description={comm ? `${comm.description} APN: ${comm.apn}` : undefined}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Rate plan"
        data={(plans.data?.ratePlans ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={ratePlan}
        onChange={(next) => next && setRatePlan(next)}
        allowDeselect={false}
        description={rate?.description}
        error={mismatch}
        comboboxProps={{ withinPortal: true }}
      />
      <Text size="xs" c="dimmed">
        The carrier applies the change at once; the APN follows the communication plan.
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
        <Button onClick={save} disabled={!changed || mismatch !== null} loading={update.isPending}>
          Change plans
        </Button>
      </Group>
    </Stack>
  );
}
