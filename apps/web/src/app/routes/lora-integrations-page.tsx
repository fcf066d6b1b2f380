import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { LoraIntegrationCreateDialog } from '../../features/lora-integrations/lora-integration-create.tsx';
import { LoraIntegrationTable } from '../../features/lora-integrations/lora-integration-table.tsx';
import { loraIntegrationsQueries } from '../../features/lora-integrations/lora-integrations.api.ts';
import { errorMessage } from '../../lib/error-messages.ts';

export function LoraIntegrationsPage() {
  useDocumentTitle('LoRa integrations · OpenThings');
  const user = useSessionUser();
  const navigate = useNavigate();
  const canRead = hasPermission(user, 'devices:read');
  const canWrite = hasPermission(user, 'devices:write');
  const integrations = useQuery({ ...loraIntegrationsQueries.list(), enabled: canRead });
  const [adding, setAdding] = useState(false);

  const create = canWrite && (
    <Button leftSection={<IconPlus size={16} />} aria-haspopup="dialog" onClick={() => setAdding(true)}>
      Add integration
    </Button>
  );

  return (
    <>
      <PageHeader
        title="LoRa integrations"
        description="Webhooks your LoRa network server (ChirpStack v4, Actility ThingPark) posts your devices' uplinks to."
        actions={create}
      />
      {!canRead ? (
        <ErrorState title="No access" message="Your roles do not include viewing devices." />
      ) : integrations.isError && !integrations.data ? (
        <ErrorState
          title="The LoRa integrations could not be loaded"
          message={errorMessage(integrations.error)}
          onRetry={() => integrations.refetch()}
          retrying={integrations.isFetching}
        />
      ) : (
        <LoraIntegrationTable
          integrations={integrations.data}
          fetching={integrations.isFetching && integrations.data !== undefined}
          onOpen={(i) => navigate(`/lora/integrations/${i.id}`)}
          empty={{
            message: canWrite
              ? 'No LoRa integrations yet. Add one per network server to get the webhook URL and the secret to enter in ChirpStack or ThingPark.'
              : 'No LoRa integrations yet. They are the webhooks ChirpStack or ThingPark post uplinks to; someone who may edit devices can add one.',
            action: create || undefined,
          }}
        />
      )}
      {canWrite && <LoraIntegrationCreateDialog opened={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
