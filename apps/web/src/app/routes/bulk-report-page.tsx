import { Anchor, Group } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { bulkQueries } from '../../features/devices/bulk/bulk.api.ts';
import { BulkReportDetail } from '../../features/devices/bulk/bulk-report-detail.tsx';
import { RecordLoadError } from '../../lib/record-load-error.tsx';

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
    return <RecordLoadError title="Bulk report" back={back} noun="bulk report" query={report} />;
  }
  if (!report.data) return <PageLoader label="Loading bulk report" />;
  return (
    <>
      <PageHeader title={report.data.fileName} description="Bulk report" back={back} />
      <BulkReportDetail report={report.data} />
    </>
  );
}
