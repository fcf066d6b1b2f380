import { Anchor, Group, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { FlowDestinations } from '../../features/destinations/flow-destinations.tsx';
import { DataProcessing } from '../../features/flows/data-processing.tsx';
import { flowDetailQueries } from '../../features/flows/flow-detail.api.ts';
import { FlowDevices } from '../../features/flows/flow-devices.tsx';
import { RecordLoadError } from '../../lib/record-load-error.tsx';

const back = (
  <Anchor component={Link} to="/flows" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All flows
    </Group>
  </Anchor>
);

/** A flow: its devices, where their data goes, and how it is decoded. The graph editor comes later. */
export function FlowPage() {
  const { flowId = '' } = useParams();
  const user = useSessionUser();
  const flow = useQuery(flowDetailQueries.detail(flowId));
  useDocumentTitle(flow.data ? `${flow.data.name} · OpenThings` : 'Flow · OpenThings');

  if (flow.isError) {
    return <RecordLoadError title="Flow" back={back} noun="flow" query={flow} />;
  }
  if (!flow.data) return <PageLoader label="Loading flow" />;
  const f = flow.data;
  const canWrite = hasPermission(user, 'flows:write');
  return (
    <>
      <PageHeader
        back={back}
        title={f.name}
        description={
          <>
            {'Flow of '}
            <Anchor component={Link} to={`/projects/${f.projectId}`} size="sm">
              {f.projectName}
            </Anchor>
            {f.description && ` · ${f.description}`}
          </>
        }
      />
      <Stack gap="md">
        <FlowDevices flowId={f.id} />
        {hasPermission(user, 'destinations:read') && (
          <FlowDestinations
            flow={f}
            canLink={canWrite}
            canCreate={hasPermission(user, 'destinations:write')}
          />
        )}
        <DataProcessing flowId={f.id} canWrite={canWrite} />
      </Stack>
    </>
  );
}
