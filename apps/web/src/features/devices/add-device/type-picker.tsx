import { Badge, Group, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type DeviceType, NETWORK_TYPES, type NetworkType, networkTypeLabels } from '@openthings/domain';

export interface TypePickerProps {
  types: readonly DeviceType[];
  value: string | null;
  onChange: (typeId: string) => void;
}

/** The network a type is listed under: its first (own types may speak several). */
function mainNetwork(type: DeviceType): NetworkType | undefined {
  return type.networkTypes[0];
}

const groupHints: Record<NetworkType, string> = {
  LORA: 'Long range, low power: sensors and trackers on the LoRa network.',
  M2M: 'Cellular devices with a SIM of this account.',
  INTERNET: 'Devices and services that post their data over the internet.',
};

/**
 * Step 1 of adding a device: its type, grouped by network. Managed types are bought from the operator
 * and registered by them, so they are not offered here.
 */
export function TypePicker({ types, value, onChange }: TypePickerProps) {
  const offered = types.filter((t) => !t.managed);
  return (
    <Radio.Group value={value} onChange={onChange} aria-label="Device type">
      <Stack gap="lg">
        {NETWORK_TYPES.map((network) => {
          const group = offered.filter((t) => mainNetwork(t) === network);
          if (group.length === 0) return null;
          return (
            <section key={network} aria-labelledby={`types-${network}`}>
              <Title order={2} fz="sm" id={`types-${network}`}>
                {networkTypeLabels[network]}
              </Title>
              <Text size="xs" c="dimmed" mb={8}>
                {groupHints[network]}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {group.map((type) => (
                  <Radio.Card key={type.id} value={type.id} p="sm" radius="md" className="ot-type-card">
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator size="sm" mt={2} />
                      <Stack gap={2}>
                        <Group gap={6}>
                          <Text fw={600} size="sm">
                            {type.name}
                          </Text>
                          {type.own && <Badge size="xs">Own type</Badge>}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {type.description}
                        </Text>
                      </Stack>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </section>
          );
        })}
      </Stack>
    </Radio.Group>
  );
}
