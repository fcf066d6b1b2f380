import {
  Checkbox,
  Fieldset,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useId } from 'react';
import { type FieldsProps, SAVED_CREDENTIAL_HINT } from './destination-form-state.ts';

export interface MqttFieldsProps extends FieldsProps {
  /** The saved destination has a user name and password (never shown). */
  hasSavedCredentials: boolean;
}

/** An MQTT destination's broker, topic, QoS and the broker's optional credentials. */
export function MqttFields({ state, set, errors, hasSavedCredentials }: MqttFieldsProps) {
  const ids = useId();

  return (
    <Fieldset legend="Broker">
      <Stack gap="sm">
        <TextInput
          label="Broker URL"
          required
          placeholder="mqtts://broker.example.com:8883"
          value={state.mqttUrl}
          onChange={(e) => set('mqttUrl', e.currentTarget.value)}
          error={errors['config.url']}
        />
        <TextInput
          label="Topic"
          required
          description="{urn} and {deviceId} are replaced for each message"
          value={state.topic}
          onChange={(e) => set('topic', e.currentTarget.value)}
          error={errors['config.topic']}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`${ids}-qos`}>
            QoS
          </Text>
          <SegmentedControl
            aria-labelledby={`${ids}-qos`}
            value={state.qos}
            onChange={(value) => set('qos', value as '0' | '1')}
            data={[
              { value: '0', label: '0 · at most once' },
              { value: '1', label: '1 · at least once' },
            ]}
            maw={360}
          />
        </Stack>
        {hasSavedCredentials && (
          <Checkbox
            label="Remove the saved user name and password"
            checked={state.removeMqttCredentials}
            onChange={(e) => set('removeMqttCredentials', e.currentTarget.checked)}
          />
        )}
        {!state.removeMqttCredentials && (
          <Group grow align="flex-start">
            <TextInput
              label="User name"
              description={hasSavedCredentials ? SAVED_CREDENTIAL_HINT : 'Optional'}
              value={state.mqttUsername}
              onChange={(e) => set('mqttUsername', e.currentTarget.value)}
              error={errors['config.username']}
            />
            <PasswordInput
              label="Password"
              description={hasSavedCredentials ? SAVED_CREDENTIAL_HINT : 'Optional'}
              value={state.mqttPassword}
              onChange={(e) => set('mqttPassword', e.currentTarget.value)}
              error={errors['config.password']}
            />
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
