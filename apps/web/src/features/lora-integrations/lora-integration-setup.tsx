import { Anchor, Code, List, Stack, Table } from '@mantine/core';
import {
  LORA_BODY_LIMIT,
  type LoraIntegration,
  type LoraIntegrationKind,
  loraIntegrationKindLabels,
} from '@openthings/domain';
import { CopyValueList, SectionCard } from '@openthings/ui';
import { Link } from 'react-router';
import { webhookUrl } from './lora-integrations.api.ts';

export interface LoraIntegrationSetupProps {
  integration: Pick<LoraIntegration, 'kind' | 'webhookPath' | 'webhookUrl'>;
  /** Only right after the integration was created: the one time the portal knows it. */
  secret?: string;
  /** This portal's public address; the browser's by default. */
  origin?: string;
}

const SECRET_PLACEHOLDER = '<secret>';

/** The secret is stored only to check requests, never shown again. */
const SECRET_GONE =
  'The secret was shown once, when the integration was added. Lost it? Add a new integration, point the ' +
  'network server at it, then delete this one.';

/** While the secret is on screen nothing links away: leaving the dialog would lose it. */
function RegisterDevices({ network, link }: { network: string; link: boolean }) {
  return (
    <List.Item>
      Register each device in OpenThings with the DevEUI it has in {network}
      {link ? (
        <>
          {' ('}
          <Anchor component={Link} to="/devices/new" size="sm">
            add a device
          </Anchor>
          {')'}
        </>
      ) : (
        ' (All devices → Add device)'
      )}
      . The webhook accepts uplinks only for LoRa devices of this account and refuses other DevEUIs with 404.
    </List.Item>
  );
}

function ChirpStackSteps({ url, secret }: { url: string; secret: string | undefined }) {
  return (
    <List type="ordered" size="sm" spacing="sm">
      <List.Item>
        In ChirpStack, open the application your devices are in, go to <b>Integrations</b> and add the{' '}
        <b>HTTP</b> integration.
      </List.Item>
      <List.Item>
        <Stack gap={6}>
          <span>Fill it in:</span>
          <CopyValueList
            items={[
              {
                label: 'Payload encoding',
                value: 'JSON',
                copy: false,
                hint: 'Not Protobuf: the webhook reads JSON only and refuses anything else with 415.',
              },
              {
                label: 'Event endpoint URL',
                value: url,
                hint: 'Paste it as it is: ChirpStack adds ?event=up (and the other event types) itself.',
              },
              { label: 'Header key', value: 'Authorization' },
              secret
                ? {
                    label: 'Header value',
                    value: `Bearer ${secret}`,
                    hint: 'The word Bearer, a space, then the secret.',
                  }
                : {
                    label: 'Header value',
                    value: `Bearer ${SECRET_PLACEHOLDER}`,
                    copy: false,
                    hint: SECRET_GONE,
                  },
            ]}
          />
        </Stack>
      </List.Item>
      <RegisterDevices network="ChirpStack" link={secret === undefined} />
      <List.Item>
        <Code>up</Code> events are stored with their LoRa metadata (RSSI, SNR, gateways, frame counter, port,
        spreading factor) and decoded by the device's flows. Other events (<Code>join</Code>,{' '}
        <Code>status</Code>, <Code>ack</Code>, <Code>txack</Code>, <Code>log</Code>, <Code>location</Code>, …)
        are acknowledged with 204 and not stored.
      </List.Item>
    </List>
  );
}

function ThingParkSteps({ url, secret }: { url: string; secret: string | undefined }) {
  return (
    <List type="ordered" size="sm" spacing="sm">
      <List.Item>
        In ThingPark, add an HTTP application server with content type <b>JSON</b>, and route your devices to
        it (their AS routing profile).
      </List.Item>
      <List.Item>
        <Stack gap={6}>
          <span>Give it this destination and switch on tunnel-interface authentication:</span>
          <CopyValueList
            items={[
              {
                label: 'Destination URL',
                value: url,
                hint: 'ThingPark appends LrnDevEui, LrnFPort, LrnInfos, AS_ID, Time and Token itself.',
              },
              secret
                ? {
                    label: 'AS key',
                    value: secret,
                    hint: 'The LRC-AS key of the tunnel interface: 32 hex digits.',
                  }
                : { label: 'AS key', value: SECRET_PLACEHOLDER, copy: false, hint: SECRET_GONE },
            ]}
          />
        </Stack>
      </List.Item>
      <List.Item>
        The webhook checks the <Code>Token</Code> ThingPark computes: the SHA-256 (hex) of the message's
        CustomerID, DevEUI, FPort, FCntUp and payload_hex, followed by{' '}
        <Code>LrnDevEui=…&amp;LrnFPort=…&amp;LrnInfos=…&amp;AS_ID=…&amp;Time=…</Code> and the AS key. It
        refuses a <Code>Time</Code> more than 10 minutes away from its clock (401), so keep the network
        server's clock right.
      </List.Item>
      <List.Item>
        Where the sender sets headers instead (a proxy, your own forwarder), send{' '}
        <Code>Authorization: Bearer {secret ?? SECRET_PLACEHOLDER}</Code> with the same secret; no token is
        needed then. A header that is sent decides: a wrong one is refused even with a valid token.
      </List.Item>
      <RegisterDevices network="ThingPark" link={secret === undefined} />
      <List.Item>
        <Code>DevEUI_uplink</Code> messages with application data are stored with their LoRa metadata (RSSI,
        SNR, gateways, frame counter, port, spreading factor, gateway location) and decoded by the device's
        flows. Join requests, <Code>DevEUI_downlink_Sent</Code> and <Code>DevEUI_location</Code> are
        acknowledged with 204 and not stored.
      </List.Item>
    </List>
  );
}

const ANSWERS: [status: string, meaning: string][] = [
  ['202', 'Stored; the header x-uplink-id names the uplink.'],
  ['200', 'The same message again (a retry or replay): stored once, x-uplink-id names the first.'],
  ['204', 'Acknowledged, nothing stored (not an application uplink).'],
  ['400', 'Not JSON, or not a message of this network server: the detail names the field.'],
  ['401', 'The secret or token is missing or wrong (ThingPark: or Time is stale).'],
  ['404', 'No such integration (deleted), or the DevEUI is not registered in this account.'],
  ['413', `The body is over ${LORA_BODY_LIMIT / 1024} KB.`],
  ['415', 'The body is not JSON (ChirpStack: set the payload encoding to JSON).'],
];

/** A request to try the webhook from a terminal, before the network server is configured. */
function tryRequest(kind: LoraIntegrationKind, url: string, secret: string | undefined): string {
  const body =
    kind === 'chirpstack'
      ? '{"deviceInfo":{"devEui":"<DevEUI>"},"fPort":1,"fCnt":1,"data":"qg=="}'
      : '{"DevEUI_uplink":{"DevEUI":"<DevEUI>","FPort":1,"FCntUp":1,"payload_hex":"aa"}}';
  return [
    `curl -i -X POST '${kind === 'chirpstack' ? `${url}?event=up` : url}' \\`,
    `  -H 'Authorization: Bearer ${secret ?? SECRET_PLACEHOLDER}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}

/** How to point a network server at this integration, with the values to paste. */
export function LoraIntegrationSetup({ integration, secret, origin }: LoraIntegrationSetupProps) {
  const url = webhookUrl(integration, origin);
  const kind = integration.kind;
  return (
    <Stack gap="md">
      <SectionCard
        title={`Set up ${loraIntegrationKindLabels[kind]}`}
        description={
          kind === 'chirpstack'
            ? 'An HTTP integration of a ChirpStack v4 application posts its events here.'
            : 'The tunnel interface of a ThingPark application server posts its uplinks here.'
        }
      >
        {kind === 'chirpstack' ? (
          <ChirpStackSteps url={url} secret={secret} />
        ) : (
          <ThingParkSteps url={url} secret={secret} />
        )}
      </SectionCard>
      <SectionCard
        title="Try it"
        description="Sends one uplink of a registered device (put its DevEUI in) the way the network server will."
      >
        <Code block>{tryRequest(kind, url, secret)}</Code>
      </SectionCard>
      <SectionCard title="What the webhook answers">
        <Table fz="sm" verticalSpacing={4} aria-label="Webhook answers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Status</Table.Th>
              <Table.Th>Meaning</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ANSWERS.map(([status, meaning]) => (
              <Table.Tr key={status}>
                <Table.Td className="ot-mono">{status}</Table.Td>
                <Table.Td>{meaning}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>
    </Stack>
  );
}
