import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { BulkUpload } from '../../features/devices/bulk/bulk-upload.tsx';
import { devicesQueries } from '../../features/devices/devices.api.ts';
import { FlowSelect } from '../../features/flows/flow-select.tsx';
import { errorMessage } from '../../lib/error-messages.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const back = (
  <Anchor component={Link} to="/devices" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All devices
    </Group>
  </Anchor>
);

export function DevicesBulkPage() {
  useDocumentTitle('Bulk by CSV · OpenThings');
  const user = useSessionUser();
  const { scope, projects } = useCheckedProjectScope();
  const types = useQuery(devicesQueries.types());
  const header = (
    <PageHeader
      title="Bulk by CSV"
      description={
        <>
          Add many devices from one file. Every run is kept in the{' '}
          <Anchor component={Link} to="/devices/bulk-reports" size="sm">
            bulk reports
          </Anchor>
          .
        </>
      }
      back={back}
    />
  );

  if (!hasPermission(user, 'devices:write')) {
    return (
      <>
        {header}
        <ErrorState title="No access" message="Your roles do not include adding devices." />
      </>
    );
  }
  if (types.isError) {
    return (
      <>
        {header}
        <ErrorState
          message={errorMessage(types.error)}
          onRetry={() => types.refetch()}
          retrying={types.isFetching}
        />
      </>
    );
  }
  if (!types.data || !projects) return <PageLoader label="Loading" />;
  return (
    <>
      {header}
      <BulkUpload
        types={types.data}
        projects={projects}
        defaultProjectId={scope ?? (projects.length === 1 ? projects[0]!.id : null)}
        renderFlowSelect={(props) =>
          hasPermission(user, 'flows:write') ? (
            <FlowSelect {...props} label="Flow (optional)" clearable />
          ) : null
        }
      />
    </>
  );
}
