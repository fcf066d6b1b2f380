import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { BulkReport } from '@openthings/domain';
import { Link } from 'react-router';
import { BulkSecretsOffer } from './bulk-secrets.tsx';

/** Rows done so far: created or failed. */
export function rowsDone(report: Pick<BulkReport, 'createdRows' | 'failedRows'>): number {
  return report.createdRows + report.failedRows;
}

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

/** A bulk run as it goes: a bar, the counts, and where to see every row. */
export function BulkProgress({
  report,
  onAgain,
  withReportLink = true,
}: {
  report: BulkReport;
  onAgain?: () => void;
  /** Off on the report itself. */
  withReportLink?: boolean;
}) {
  const done = report.status === 'done';
  const percent = report.totalRows === 0 ? 100 : Math.round((rowsDone(report) / report.totalRows) * 100);
  return (
    <Stack gap="sm">
      {!done && (
        <>
          <Text size="sm" fw={500} aria-live="polite">
            {report.status === 'queued'
              ? 'Waiting to start…'
              : `Adding devices… ${rowsDone(report)} of ${report.totalRows} rows`}
          </Text>
          <Progress value={percent} animated striped size="lg" aria-label="Progress of the bulk run" />
        </>
      )}
      {done && (
        <Alert
          color={report.failedRows === 0 ? 'teal' : report.createdRows === 0 ? 'red' : 'yellow'}
          variant="light"
          title={`${plural(report.createdRows, 'device', 'devices')} added, ${report.failedRows} failed`}
        >
          {report.failedRows === 0
            ? 'Every row of the file is now a device.'
            : 'The failed rows were not created; the bulk report lists each with its reason.'}
        </Alert>
      )}
      <BulkSecretsOffer report={report} />
      <Group gap="xs">
        {withReportLink && (
          <Button
            component={Link}
            to={`/devices/bulk-reports/${report.id}`}
            variant={done ? 'filled' : 'default'}
          >
            Open bulk report
          </Button>
        )}
        {done && report.createdRows > 0 && (
          <Button component={Link} to="/devices" variant="default">
            All devices
          </Button>
        )}
        {done && onAgain && (
          <Button variant="subtle" onClick={onAgain}>
            Upload another file
          </Button>
        )}
      </Group>
    </Stack>
  );
}
