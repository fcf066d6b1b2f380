import { Alert, Button, Code, Collapse, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import type { Device, SenmlRecord } from '@openthings/domain';
import { SectionCard } from '@openthings/ui';
import { IconAlertTriangle, IconCheck, IconCode, IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { sendPack } from './ingest.ts';
import { useLocation } from './location.ts';
import { SecretPanel, SecretSet } from './secret-panel.tsx';
import { forgetSecret, loadSecret, saveSecret } from './secret-store.ts';
import { type SendEntry, SendLog } from './send-log.tsx';
import { buildPack, customNameProblem, customValueProblem, type Readings } from './senml-pack.ts';
import { type SensorChoice, type SensorErrors, SensorPanel, type SensorValues } from './sensors.tsx';

/** The log keeps this many sends. */
const LOG_SIZE = 20;
const AUTO_MIN_SECONDS = 5;
const AUTO_MAX_SECONDS = 3600;

export interface DeviceSimulatorProps {
  device: Device;
  /** The device's internet network adapter (its DvnUUID and secret). */
  adapterId: string;
  urn: string;
  canRegenerate: boolean;
}

function describeFailure(result: { code: string | null; title: string; detail: string | null }): string {
  if (result.code === 'ingest.bad_token')
    return 'The shared secret is wrong: the platform could not verify the message. Enter the secret again.';
  return result.detail ? `${result.title}: ${result.detail}` : result.title;
}

/** A few words for the log: `temperature 21.5 Cel · batteryLevel 80 %EL`. */
function packSummary(pack: readonly SenmlRecord[]): string {
  return pack
    .map((r) => [r.n, r.v ?? r.vs ?? r.vb, r.u].filter((p) => p !== undefined).join(' '))
    .join(' · ');
}

/**
 * The device simulator (PRODUCT §6): the phone becomes the device. It signs SenML packs with the device's
 * shared secret and posts them to the HTTP connector exactly as firmware does.
 */
export function DeviceSimulator({ device, adapterId, urn, canRegenerate }: DeviceSimulatorProps) {
  const [secret, setSecret] = useState<string | null>(() => loadSecret(device.id));
  const [generated, setGenerated] = useState(false);
  const [choice, setChoice] = useState<SensorChoice>({
    location: false,
    battery: false,
    temperature: true,
    custom: false,
  });
  const [values, setValues] = useState<SensorValues>({
    battery: 80,
    temperature: 21.5,
    customName: '',
    customValue: '',
    customUnit: '',
  });
  const [locationAttempt, setLocationAttempt] = useState(0);
  const location = useLocation(choice.location, locationAttempt);
  const [errors, setErrors] = useState<SensorErrors>({});
  const [log, setLog] = useState<SendEntry[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [showMessage, setShowMessage] = useState(false);
  const [auto, setAuto] = useState(false);
  const [every, setEvery] = useState<number>(30);
  const counter = useRef(0);

  const readings = (): Readings => ({
    ...(choice.location &&
      location.status === 'ok' && {
        location: { latitude: location.latitude, longitude: location.longitude, accuracy: location.accuracy },
      }),
    ...(choice.battery && { battery: values.battery }),
    ...(choice.temperature && { temperature: values.temperature }),
    ...(choice.custom && {
      custom: { name: values.customName, value: values.customValue, unit: values.customUnit },
    }),
  });
  const preview = buildPack(urn, readings(), new Date());
  const nothingChosen = !choice.location && !choice.battery && !choice.temperature && !choice.custom;
  const waitingForLocation = choice.location && location.status !== 'ok';

  const send = async () => {
    if (!secret || sending) return;
    if (choice.custom) {
      const found = {
        customName: customNameProblem(values.customName),
        customValue: customValueProblem(values.customValue),
      };
      setErrors(found);
      if (found.customName || found.customValue) return;
    }
    const pack = buildPack(urn, readings(), new Date());
    if (pack.length === 0) {
      setProblem(
        waitingForLocation ? 'The location is not known yet.' : 'Choose at least one sensor to send.',
      );
      return;
    }
    setProblem(null);
    setSending(true);
    const entry: Omit<SendEntry, 'ok' | 'status' | 'text'> = {
      id: ++counter.current,
      at: new Date(),
      summary: packSummary(pack),
    };
    try {
      const result = await sendPack(pack, secret);
      const done: SendEntry = result.ok
        ? {
            ...entry,
            ok: true,
            status: result.status,
            text: result.uplinkId ? `Uplink ${result.uplinkId}` : 'Accepted',
          }
        : { ...entry, ok: false, status: result.status, text: describeFailure(result) };
      setLog((current) => [done, ...current].slice(0, LOG_SIZE));
      if (!result.ok && result.code === 'ingest.bad_token') setAuto(false);
    } catch {
      setLog((current) =>
        [
          {
            ...entry,
            ok: false,
            status: null,
            text: 'The server could not be reached. Check the connection.',
          },
          ...current,
        ].slice(0, LOG_SIZE),
      );
    } finally {
      setSending(false);
    }
  };

  // The interval calls the newest `send`, with the values on screen at that moment.
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (!auto || !secret) return;
    const id = window.setInterval(() => void sendRef.current(), every * 1000);
    return () => window.clearInterval(id);
  }, [auto, every, secret]);

  const last = log[0];

  if (!secret)
    return (
      <SecretPanel
        device={device}
        adapterId={adapterId}
        canRegenerate={canRegenerate}
        onSecret={(value, isNew) => {
          saveSecret(device.id, value);
          setSecret(value);
          setGenerated(isNew);
        }}
      />
    );

  return (
    <Stack gap="md">
      <SecretSet
        generated={generated}
        secret={secret}
        onForget={() => {
          forgetSecret(device.id);
          setSecret(null);
          setGenerated(false);
          setAuto(false);
        }}
      />

      <SectionCard title="Sensors" description="What the next message carries.">
        <SensorPanel
          choice={choice}
          onChoice={setChoice}
          values={values}
          onValues={setValues}
          location={location}
          onRetryLocation={() => setLocationAttempt((n) => n + 1)}
          errors={errors}
        />
      </SectionCard>

      <Stack gap="xs">
        <Button
          size="lg"
          fullWidth
          leftSection={<IconSend size={20} />}
          loading={sending}
          disabled={nothingChosen}
          onClick={() => void send()}
        >
          Send
        </Button>
        {problem && (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        )}
        {last && (
          <Alert
            color={last.ok ? 'green' : 'red'}
            variant="light"
            icon={last.ok ? <IconCheck size={18} /> : <IconAlertTriangle size={18} />}
            title={last.ok ? `Accepted (${last.status})` : `Refused${last.status ? ` (${last.status})` : ''}`}
            role="status"
            data-testid="simulator-result"
          >
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {last.text}
            </Text>
            {!last.ok && last.text.startsWith('The shared secret is wrong') && (
              <Button
                mt="xs"
                size="compact-sm"
                variant="default"
                onClick={() => {
                  forgetSecret(device.id);
                  setSecret(null);
                }}
              >
                Enter the secret again
              </Button>
            )}
          </Alert>
        )}
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Switch
            label="Send automatically"
            checked={auto}
            onChange={(e) => setAuto(e.currentTarget.checked)}
            disabled={nothingChosen}
          />
          <NumberInput
            aria-label="Seconds between sends"
            min={AUTO_MIN_SECONDS}
            max={AUTO_MAX_SECONDS}
            value={every}
            onChange={(v) =>
              setEvery(Math.min(AUTO_MAX_SECONDS, Math.max(AUTO_MIN_SECONDS, Number(v) || AUTO_MIN_SECONDS)))
            }
            clampBehavior="blur"
            suffix=" s"
            w={96}
            size="sm"
          />
        </Group>
        {auto && (
          <Text size="xs" c="dimmed">
            Sending every {every} seconds while this page is open.
          </Text>
        )}
      </Stack>

      <SectionCard
        title="Message"
        actions={
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconCode size={14} />}
            onClick={() => setShowMessage((s) => !s)}
            aria-expanded={showMessage}
          >
            {showMessage ? 'Hide' : 'Show'}
          </Button>
        }
      >
        <Collapse expanded={showMessage}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              POST /ingestion/ip/senml/v1 with Things-Message-Token = SHA-256 of this body followed by the
              secret.
            </Text>
            <Code block style={{ fontSize: 12 }}>
              {preview.length > 0 ? JSON.stringify(preview, null, 2) : 'Choose a sensor.'}
            </Code>
          </Stack>
        </Collapse>
        {!showMessage && (
          <Text size="xs" c="dimmed">
            The SenML pack the next send posts, signed with the secret.
          </Text>
        )}
      </SectionCard>

      <SectionCard title="Sent" description={`The last ${LOG_SIZE} messages from this page.`}>
        <SendLog entries={log} />
      </SectionCard>
    </Stack>
  );
}
