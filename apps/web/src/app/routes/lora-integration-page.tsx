import { Anchor, Button, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type LoraIntegration, loraIntegrationsContract } from '@openthings/domain';
import { ErrorState, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import {
  DeleteLoraIntegrationDialog,
  LoraIntegrationOverview,
} from '../../features/lora-integrations/lora-integration-detail.tsx';
import { LoraKindBadge } from '../../features/lora-integrations/lora-integration-table.tsx';
import { loraIntegrationsQueries } from '../../features/lora-integrations/lora-integrations.api.ts';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';

const back = (
  <Anchor component={Link} to="/lora/integrations" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All LoRa integrations
    </Group>
  </Anchor>
);

export function LoraIntegrationPage() {
  const { integrationId = '' } = useParams();
  const integration = useQuery(loraIntegrationsQueries.detail(integrationId));
  useDocumentTitle(
    integration.data ? `${integration.data.name} · OpenThings` : 'LoRa integration · OpenThings',
  );

  if (integration.isError) {
    const missing = isApiError(integration.error, 404) || isApiError(integration.error, 400);
    return (
      <>
        <PageHeader title="LoRa integration" back={back} />
        <ErrorState
          title={missing ? 'LoRa integration not found' : 'The LoRa integration could not be loaded'}
          message={
            missing
              ? 'This integration does not exist (it may have been deleted), or you cannot see it.'
              : errorMessage(integration.error)
          }
          onRetry={missing ? undefined : () => integration.refetch()}
          retrying={integration.isFetching}
        />
      </>
    );
  }
  if (!integration.data) return <PageLoader label="Loading LoRa integration" />;
  return <LoraIntegrationDetail integration={integration.data} />;
}

function LoraIntegrationDetail({ integration }: { integration: LoraIntegration }) {
  const user = useSessionUser();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <>
      <PageHeader
        back={back}
        title={integration.name}
        badge={<LoraKindBadge kind={integration.kind} />}
        description="The webhook a LoRa network server posts uplinks to. Its secret was shown once, when it was added."
        actions={
          // The API's own rule for deleting (devices:delete: editors may add integrations, not delete them).
          hasPermission(user, loraIntegrationsContract.remove.action) && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              aria-haspopup="dialog"
              onClick={() => setConfirmDelete(true)}
            >
              Delete
            </Button>
          )
        }
      />
      <LoraIntegrationOverview integration={integration} />
      <DeleteLoraIntegrationDialog
        integration={integration}
        opened={confirmDelete}
        onCancel={() => setConfirmDelete(false)}
        onDeleted={() => navigate('/lora/integrations', { replace: true })}
      />
    </>
  );
}
