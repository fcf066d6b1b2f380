import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { SimOverview } from '../../features/connectivity/detail/sim-overview.tsx';
import { SimStatusBadge } from '../../features/connectivity/sim-status.tsx';
import { simsQueries } from '../../features/connectivity/sims.api.ts';
import { DevicePicker } from '../../features/devices/device-picker.tsx';
import { DeviceSummary } from '../../features/devices/device-summary.tsx';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const back = (
  <Anchor component={Link} to="/connectivity/sims" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      M2M SIMs
    </Group>
  </Anchor>
);

export function SimPage() {
  const { simId = '' } = useParams();
  const user = useSessionUser();
  const { projects } = useCheckedProjectScope();
  const sim = useQuery(simsQueries.detail(simId));
  useDocumentTitle(sim.data ? `SIM ${sim.data.iccid} · OpenThings` : 'SIM · OpenThings');

  if (sim.isError && !sim.data) {
    const missing = isApiError(sim.error, 404) || isApiError(sim.error, 400);
    return (
      <>
        <PageHeader title="SIM" back={back} />
        <ErrorState
          title={missing ? 'SIM not found' : 'The SIM could not be read'}
          message={missing ? 'This SIM is not in this account.' : errorMessage(sim.error)}
          onRetry={missing ? undefined : () => sim.refetch()}
          retrying={sim.isFetching}
        />
      </>
    );
  }
  if (!sim.data) return <PageLoader label="Reading the SIM from the carrier" />;
  const s = sim.data;
  return (
    <>
      <PageHeader
        back={back}
        title={<span className="ot-mono-title">{s.iccid}</span>}
        badge={<SimStatusBadge status={s.status} size="md" />}
        description="M2M SIM"
      />
      <SimOverview
        sim={s}
        projectName={projects?.find((p) => p.id === s.projectId)?.name}
        canWrite={hasPermission(user, 'connectivity:write')}
        deviceSummary={(deviceId) =>
          hasPermission(user, 'devices:read') ? <DeviceSummary deviceId={deviceId} /> : 'Linked to a device.'
        }
        renderDevicePicker={(props) => (
          <DevicePicker
            {...props}
            label="Device"
            networkType="M2M"
            description="M2M devices of this account"
          />
        )}
      />
    </>
  );
}
