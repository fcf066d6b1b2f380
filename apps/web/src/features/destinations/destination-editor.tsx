import { Box, Button, Group, Stack } from '@mantine/core';
import type { Destination } from '@openthings/domain';
import { notifySuccess, SectionCard } from '@openthings/ui';
import { useState } from 'react';
import { DestinationForm, type DestinationSaved } from './destination-form.tsx';
import { RevealedSecrets } from './revealed-secrets.tsx';

/** Forms read best at a measure; long URLs still fit. */
const EDITOR_WIDTH = 820;

export interface DestinationEditorProps {
  /** Edits this destination; creates one without it. */
  destination?: Destination;
  /** Saved (and any new secret copied): where to go next. */
  onDone: (destination: Destination) => void;
  onCancel: () => void;
}

/** The form, then — when a secret was just set — that secret, shown this once, before moving on. */
export function DestinationEditor({ destination, onDone, onCancel }: DestinationEditorProps) {
  const [saved, setSaved] = useState<DestinationSaved | null>(null);
  const verb = destination ? 'saved' : 'created';

  if (saved)
    return (
      <Box maw={EDITOR_WIDTH}>
        <SectionCard title={`${saved.destination.name} was ${verb}`}>
          <Stack gap="md">
            <RevealedSecrets secrets={saved.secrets} />
            <Group justify="flex-end">
              <Button onClick={() => onDone(saved.destination)}>I have copied it, continue</Button>
            </Group>
          </Stack>
        </SectionCard>
      </Box>
    );

  return (
    <Box maw={EDITOR_WIDTH}>
      <SectionCard>
        <DestinationForm
          {...(destination && { destination })}
          onCancel={onCancel}
          onSaved={(result) => {
            if (result.secrets.length > 0) {
              setSaved(result);
              return;
            }
            notifySuccess(
              `"${result.destination.name}" was ${verb}.`,
              destination ? 'Destination saved' : 'Destination created',
            );
            onDone(result.destination);
          }}
        />
      </SectionCard>
    </Box>
  );
}
