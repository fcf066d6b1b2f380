import { Alert, Button, Group, Loader, Paper, Slider, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconBattery3, IconMapPin, IconRuler2, IconTemperature } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LocationState } from './location.ts';

export interface SensorChoice {
  location: boolean;
  battery: boolean;
  temperature: boolean;
  custom: boolean;
}

export interface SensorValues {
  battery: number;
  temperature: number;
  customName: string;
  customValue: string;
  customUnit: string;
}

export interface SensorErrors {
  customName?: string | null;
  customValue?: string | null;
}

function SensorRow({
  icon,
  label,
  checked,
  onChange,
  children,
}: {
  icon: ReactNode;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Switch
          size="md"
          checked={checked}
          onChange={(e) => onChange(e.currentTarget.checked)}
          label={
            <Group gap={8} wrap="nowrap" component="span">
              {icon}
              <span>{label}</span>
            </Group>
          }
        />
        {checked && children}
      </Stack>
    </Paper>
  );
}

export interface SensorPanelProps {
  choice: SensorChoice;
  onChoice: (choice: SensorChoice) => void;
  values: SensorValues;
  onValues: (values: SensorValues) => void;
  location: LocationState;
  onRetryLocation: () => void;
  errors: SensorErrors;
}

/** Pick what to send: the phone's location, a battery level, a temperature, a measurement of your own. */
export function SensorPanel({
  choice,
  onChoice,
  values,
  onValues,
  location,
  onRetryLocation,
  errors,
}: SensorPanelProps) {
  const pick = (key: keyof SensorChoice) => (checked: boolean) => onChoice({ ...choice, [key]: checked });
  const set = <K extends keyof SensorValues>(key: K, value: SensorValues[K]) =>
    onValues({ ...values, [key]: value });

  return (
    <Stack gap="sm">
      <SensorRow
        icon={<IconMapPin size={18} />}
        label="Location"
        checked={choice.location}
        onChange={pick('location')}
      >
        {location.status === 'waiting' && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Asking the browser for the position…
            </Text>
          </Group>
        )}
        {location.status === 'ok' && (
          <Text size="sm" className="ot-mono" data-testid="simulator-location">
            {location.latitude}, {location.longitude}
            {location.accuracy !== null && ` (± ${Math.round(location.accuracy)} m)`}
          </Text>
        )}
        {location.status === 'error' && (
          <Alert color="orange" variant="light" p="xs" role="alert">
            <Stack gap={6} align="flex-start">
              <Text size="sm">{location.message}</Text>
              <Button size="compact-sm" variant="default" onClick={onRetryLocation}>
                Try again
              </Button>
            </Stack>
          </Alert>
        )}
      </SensorRow>

      <SensorRow
        icon={<IconBattery3 size={18} />}
        label="Battery"
        checked={choice.battery}
        onChange={pick('battery')}
      >
        <Group gap="sm" wrap="nowrap">
          <Slider
            thumbLabel="Battery level"
            min={0}
            max={100}
            step={1}
            value={values.battery}
            onChange={(v) => set('battery', v)}
            label={(v) => `${v}%`}
            style={{ flex: 1 }}
            size="lg"
          />
          <Text size="sm" fw={600} w={56} ta="right">
            {values.battery}%
          </Text>
        </Group>
      </SensorRow>

      <SensorRow
        icon={<IconTemperature size={18} />}
        label="Temperature"
        checked={choice.temperature}
        onChange={pick('temperature')}
      >
        <Group gap="sm" wrap="nowrap">
          <Slider
            thumbLabel="Temperature"
            min={-20}
            max={50}
            step={0.5}
            value={values.temperature}
            onChange={(v) => set('temperature', v)}
            label={(v) => `${v} °C`}
            style={{ flex: 1 }}
            size="lg"
          />
          <Text size="sm" fw={600} w={56} ta="right">
            {values.temperature} °C
          </Text>
        </Group>
      </SensorRow>

      <SensorRow
        icon={<IconRuler2 size={18} />}
        label="Custom measurement"
        checked={choice.custom}
        onChange={pick('custom')}
      >
        <Group gap="xs" align="flex-start" grow wrap="nowrap">
          <TextInput
            label="Name"
            placeholder="humidity"
            value={values.customName}
            onChange={(e) => set('customName', e.currentTarget.value)}
            error={errors.customName}
            autoCapitalize="off"
            autoCorrect="off"
          />
          <TextInput
            label="Value"
            placeholder="45"
            inputMode="decimal"
            value={values.customValue}
            onChange={(e) => set('customValue', e.currentTarget.value)}
            error={errors.customValue}
          />
          <TextInput
            label="Unit"
            placeholder="%RH"
            value={values.customUnit}
            onChange={(e) => set('customUnit', e.currentTarget.value)}
            autoCapitalize="off"
            autoCorrect="off"
          />
        </Group>
      </SensorRow>
    </Stack>
  );
}
