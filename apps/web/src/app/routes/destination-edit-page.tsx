import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DestinationEditor } from '../../features/destinations/destination-editor.tsx';
import { destinationsQueries } from '../../features/destinations/destinations.api.ts';
import { RecordLoadError } from '../../lib/record-load-error.tsx';
import { destinationsBack } from './destination-new-page.tsx';

export function DestinationEditPage() {
  const { destinationId = '' } = useParams();
  const user = useSessionUser();
  const navigate = useNavigate();
  const destination = useQuery(destinationsQueries.detail(destinationId));
  useDocumentTitle(
    destination.data ? `Edit ${destination.data.name} · OpenThings` : 'Destination · OpenThings',
  );
  const detailHref = `/destinations/${destinationId}`;

  if (destination.isError) {
    return (
      <RecordLoadError
        title="Edit destination"
        back={destinationsBack}
        noun="destination"
        query={destination}
      />
    );
  }
  if (!destination.data) return <PageLoader label="Loading destination" />;
  return (
    <>
      <PageHeader
        back={
          <Anchor component={Link} to={detailHref} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} />
              {destination.data.name}
            </Group>
          </Anchor>
        }
        title={`Edit ${destination.data.name}`}
        description="Credentials and the shared secret are never shown: leave them empty to keep them."
      />
      {hasPermission(user, 'destinations:write') ? (
        <DestinationEditor
          destination={destination.data}
          onDone={() => navigate(detailHref, { replace: true })}
          onCancel={() => navigate(detailHref)}
        />
      ) : (
        <ErrorState title="No access" message="Your roles do not include changing destinations." />
      )}
    </>
  );
}
