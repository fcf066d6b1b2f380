import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DestinationEditor } from '../../features/destinations/destination-editor.tsx';

export const destinationsBack = (
  <Anchor component={Link} to="/destinations" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All destinations
    </Group>
  </Anchor>
);

export function DestinationNewPage() {
  useDocumentTitle('Add destination · OpenThings');
  const user = useSessionUser();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        back={destinationsBack}
        title="Add destination"
        description="Destinations belong to your organization; link them to flows to receive their data."
      />
      {hasPermission(user, 'destinations:write') ? (
        <DestinationEditor
          onDone={(d) => navigate(`/destinations/${d.id}`, { replace: true })}
          onCancel={() => navigate('/destinations')}
        />
      ) : (
        <ErrorState title="No access" message="Your roles do not include adding destinations." />
      )}
    </>
  );
}
