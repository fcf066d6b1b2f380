import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { bulkQueries } from '../../features/devices/bulk/bulk.api.ts';
import { BulkReportDetail } from '../../features/devices/bulk/bulk-report-detail.tsx';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';

const back = (
  <Anchor component={Link} to="/devices/bulk-reports" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      Bulk reports
    </Group>
  </Anchor>
);

export function BulkReportPage() {
  const { reportId = '' } = useParams();
  const report = useQuery(bulkQueries.report(reportId));
  useDocumentTitle(
    report.data ? `${report.data.fileName} · Bulk report · OpenThings` : 'Bulk report · OpenThings',
  );

  if (report.isError && !report.data) {
    const missing = isApiError(report.error, 404) || isApiError(report.error, 400);
    return (
      <>
        <PageHeader title="Bulk report" back={back} />
        <ErrorState
          title={missing ? 'Bulk report not found' : 'The bulk report could not be loaded'}
          message={
            missing ? 'This bulk report does not exist, or you cannot see it.' : errorMessage(report.error)
          }
          onRetry={missing ? undefined : () => report.refetch()}
          retrying={report.isFetching}
        />
      </>
    );
  }
  if (!report.data) return <PageLoader label="Loading bulk report" />;
  return (
    <>
      <PageHeader title={report.data.fileName} description="Bulk report" back={back} />
      <BulkReportDetail report={report.data} />
    </>
  );
}
