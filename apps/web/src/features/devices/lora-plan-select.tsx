import { Badge, Group, Select, Text } from '@mantine/core';
import type { LoraConnectivityPlan } from '@openthings/domain';
import { IconMapPin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { devicesQueries } from './devices.api.ts';

export interface LoraPlanSelectProps {
  value: string | null;
  onChange: (planId: string) => void;
  error?: string | undefined;
  label?: string;
  disabled?: boolean;
}

function GeolocationMarker() {
  return (
    <Badge size="xs" variant="light" color="teal" leftSection={<IconMapPin size={10} />}>
      Geolocation
    </Badge>
  );
}

/** A LoRa connectivity plan; plans that locate the device through the network say so. */
export function LoraPlanSelect({
  value,
  onChange,
  error,
  label = 'Connectivity plan',
  disabled,
}: LoraPlanSelectProps) {
  const plans = useQuery(devicesQueries.loraPlans());
  const byId = new Map((plans.data ?? []).map((p) => [p.id, p]));
  const chosen: LoraConnectivityPlan | undefined = value ? byId.get(value) : undefined;
  return (
    <Select
      label={label}
      required
      data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={value}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      disabled={disabled}
      placeholder={plans.isPending ? 'Loading plans…' : 'Choose a plan'}
      error={error ?? (plans.isError ? 'The plans could not be loaded' : undefined)}
      description={chosen?.description}
      rightSection={chosen?.geolocation ? <IconMapPin size={16} aria-label="With geolocation" /> : undefined}
      renderOption={({ option }) => {
        const plan = byId.get(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
            <Text size="sm">{option.label}</Text>
            {plan?.geolocation && <GeolocationMarker />}
          </Group>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
