import { Code, List, Stack, Table, Text } from '@mantine/core';
import type { Destination } from '@openthings/domain';
import { SectionCard } from '@openthings/ui';

/** A pack as receivers get it: the first record carries the device URN and the base time. */
export const SAMPLE_BODY = JSON.stringify(
  [
    {
      bn: 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:',
      bt: 1767225600,
      n: 'temperature',
      u: 'Cel',
      v: 21.5,
    },
    { n: 'batteryLevel', u: '%EL', v: 87 },
    { n: 'latitude', u: 'lat', v: 52.0907 },
    { n: 'longitude', u: 'lon', v: 5.1214 },
  ],
  null,
  2,
);

interface HeaderSpec {
  name: string;
  value: string;
  meaning: string;
}

function headerSpecs(d: Destination): HeaderSpec[] {
  const specs: HeaderSpec[] = [
    { name: 'Content-Type', value: 'application/json', meaning: 'The body is a SenML JSON pack (RFC 8428).' },
    {
      name: 'Things-Plug-UUID',
      value: d.signing.plugUuid,
      meaning: 'This destination: tells a receiver serving several destinations which secret to use.',
    },
    {
      name: 'Things-Message-Token',
      value: 'hex SHA-256 of (body + shared secret)',
      meaning: 'The signature receivers written for the KPN Things platform check.',
    },
    {
      name: 'webhook-id',
      value: 'the delivery id',
      meaning: 'The same on every retry and replay of a message: deduplicate on it.',
    },
    { name: 'webhook-timestamp', value: 'Unix seconds', meaning: 'When this attempt was sent.' },
    {
      name: 'webhook-signature',
      value: 'v1,<base64 HMAC-SHA256>',
      meaning:
        'Standard Webhooks signature of "id.timestamp.body", keyed with the shared secret; several, space-separated, while a secret is rotated.',
    },
  ];
  if (d.kind === 'HTTPS') {
    for (const [name, value] of Object.entries(d.config.headers))
      specs.push({ name, value, meaning: 'An extra header of this destination.' });
    const auth = d.config.auth;
    if (auth.type === 'basic' || auth.type === 'bearer')
      specs.push({
        name: 'Authorization',
        value: auth.type === 'basic' ? 'Basic …' : 'Bearer …',
        meaning: 'The credentials you configured.',
      });
    if (auth.type === 'apiKey')
      specs.push({ name: auth.header, value: '…', meaning: 'The API key you configured.' });
  }
  return specs;
}

const VERIFY_NODE = `import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// body: the request body exactly as received (a Buffer), secret: your shared secret
function verify(headers, body, secret) {
  // Things-Message-Token: SHA-256 of the body followed by the secret, as hex
  const token = createHash('sha256').update(body).update(secret, 'utf8').digest('hex');
  const tokenOk = safeEqual(token, headers['things-message-token']);

  // Standard Webhooks: HMAC-SHA256 of "id.timestamp.body", keyed with the secret's UTF-8 bytes
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const expected = createHmac('sha256', secret).update(\`\${id}.\${timestamp}.\`).update(body).digest('base64');
  const signatureOk = headers['webhook-signature']
    .split(' ')
    .some((s) => safeEqual(s, \`v1,\${expected}\`));
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 5 * 60;

  return tokenOk && signatureOk && fresh;
}

const safeEqual = (a, b = '') =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));`;

/** What a receiver gets from this destination, and how it checks that the platform sent it. */
export function DestinationSpec({ destination }: { destination: Destination }) {
  const d = destination;
  if (d.kind === 'MQTT')
    return (
      <SectionCard title="Specification" description="What your broker receives for every message.">
        <Stack gap="sm">
          <Text size="sm">
            Each message is published with QoS {d.config.qos} on <Code>{d.config.topic}</Code>, where{' '}
            <Code>{'{urn}'}</Code> is the device URN and <Code>{'{deviceId}'}</Code> its id. The payload is
            the SenML JSON pack:
          </Text>
          <Code block>{SAMPLE_BODY}</Code>
          <Text size="sm">
            Every record carries its time (the first one as <Code>bt</Code>, the others relative to it), so
            subscribers can order messages that arrive out of order after a retry.
          </Text>
        </Stack>
      </SectionCard>
    );

  return (
    <Stack gap="md">
      <SectionCard
        title="Request"
        description={
          d.kind === 'TEST'
            ? 'What the inbox receives for every message — the same request an HTTPS endpoint would get.'
            : 'What your endpoint receives for every message.'
        }
      >
        <Stack gap="sm">
          <Code block>
            {d.kind === 'HTTPS'
              ? `${d.config.method} ${d.config.url}`
              : 'POST (the built-in inbox of this test endpoint)'}
          </Code>
          <Table.ScrollContainer minWidth={640}>
            <Table fz="sm" verticalSpacing={6} aria-label="Request headers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Header</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>What it is for</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {headerSpecs(d).map((h) => (
                  <Table.Tr key={h.name}>
                    <Table.Td className="ot-mono" style={{ whiteSpace: 'nowrap' }}>
                      {h.name}
                    </Table.Td>
                    <Table.Td className="ot-mono" style={{ overflowWrap: 'anywhere' }}>
                      {h.value}
                    </Table.Td>
                    <Table.Td>{h.meaning}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" fw={500}>
            Body: a SenML JSON pack
          </Text>
          <Code block>{SAMPLE_BODY}</Code>
          <Text size="xs" c="dimmed">
            The first record carries the device URN (<Code>bn</Code>) and the base time in Unix seconds (
            <Code>bt</Code>); later records carry their time relative to it when it differs.
          </Text>
        </Stack>
      </SectionCard>
      <SectionCard title="How to verify and answer">
        <Stack gap="sm">
          <List size="sm" spacing={4}>
            <List.Item>
              Check <Code>Things-Message-Token</Code> or the Standard Webhooks <Code>webhook-signature</Code>{' '}
              (libraries take the secret in its <Code>whsec_…</Code> form, shown once when the secret is set).
              Hash the body exactly as received, before parsing it.
            </List.Item>
            <List.Item>
              Answer 2xx quickly. Timeouts (15 s), 408, 429 and 5xx are retried for about 27 hours (honouring
              Retry-After); any other 4xx puts the message in the dead letters at once; 410 Gone deactivates
              the destination.
            </List.Item>
            <List.Item>
              Delivery is at least once: deduplicate on <Code>webhook-id</Code>.
            </List.Item>
          </List>
          <Code block>{VERIFY_NODE}</Code>
        </Stack>
      </SectionCard>
    </Stack>
  );
}
