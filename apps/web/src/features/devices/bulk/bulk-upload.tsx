import { Alert, Box, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { type BulkValidation, type DeviceType, requiredBulkColumns } from '@openthings/domain';
import { SectionCard } from '@openthings/ui';
import { IconDownload, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type DragEvent, type ReactNode, useId, useState } from 'react';
import { formatBytes } from '../../../lib/format.ts';
import { type BulkTarget, bulkQueries, useRunBulkFile, useValidateBulkFile } from './bulk.api.ts';
import { type BulkProblem, bulkProblem, fileProblem } from './bulk-errors.ts';
import { BulkProgress } from './bulk-progress.tsx';
import { BulkValidationTable } from './bulk-validation.tsx';

export interface BulkUploadProps {
  types: readonly DeviceType[];
  projects: readonly { id: string; name: string }[];
  defaultProjectId: string | null;
  /** The optional flow picker for the chosen project (from the flows feature). */
  renderFlowSelect: (props: {
    projectId: string;
    value: string | null;
    onChange: (id: string | null) => void;
  }) => ReactNode;
}

function FileDrop({ file, onFile }: { file: File | null; onFile: (file: File) => void }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    if (chosen) onFile(chosen);
    // Choosing the same file again (after fixing it) must fire again.
    event.currentTarget.value = '';
  };
  const drop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <label
      htmlFor={inputId}
      className="ot-file-drop"
      data-over={over || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        onChange={pick}
        className="ot-visually-hidden"
        aria-label="CSV file"
      />
      <Group gap="sm" wrap="nowrap">
        {file ? <IconFileTypeCsv size={28} stroke={1.5} /> : <IconUpload size={28} stroke={1.5} />}
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {file ? file.name : 'Choose a CSV file or drop it here'}
          </Text>
          <Text size="xs" c="dimmed">
            {file
              ? `${formatBytes(file.size)} · choose another file to replace it`
              : 'Comma-separated, UTF-8, at most 10 MB'}
          </Text>
        </Stack>
      </Group>
    </label>
  );
}

/**
 * Bulk by CSV: choose type, project and flow, upload the file, see each row checked, then create the
 * valid rows as a background job and follow its progress.
 */
export function BulkUpload({ types, projects, defaultProjectId, renderFlowSelect }: BulkUploadProps) {
  const offered = types.filter((t) => !t.managed);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(defaultProjectId);
  const [flowId, setFlowId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [validation, setValidation] = useState<BulkValidation | null>(null);
  const [problem, setProblem] = useState<BulkProblem | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const validate = useValidateBulkFile();
  const run = useRunBulkFile();
  const report = useQuery({ ...bulkQueries.report(jobId ?? ''), enabled: jobId !== null });
  const type = offered.find((t) => t.id === typeId);

  const target = (t = typeId, p = projectId, f = flowId): BulkTarget | null =>
    t && p
      ? { deviceTypeId: t, projectId: p, ...(f && { flowId: f }), ...(file && { fileName: file.name }) }
      : null;

  /** Checks the file against the target; called whenever one of them changes. */
  const check = (nextFile: File | null, nextTarget: BulkTarget | null) => {
    setValidation(null);
    setProblem(null);
    if (!nextFile) return;
    const local = fileProblem(nextFile);
    if (local) {
      setProblem(local);
      return;
    }
    if (!nextTarget) return;
    validate.mutate(
      { file: nextFile, target: { ...nextTarget, fileName: nextFile.name } },
      { onSuccess: setValidation, onError: (error) => setProblem(bulkProblem(error)) },
    );
  };

  const execute = () => {
    const t = target();
    if (!file || !t) return;
    run.mutate(
      { file, target: { ...t, fileName: file.name } },
      { onSuccess: ({ id }) => setJobId(id), onError: (error) => setProblem(bulkProblem(error)) },
    );
  };

  const reset = () => {
    setFile(null);
    setValidation(null);
    setProblem(null);
    setJobId(null);
    run.reset();
  };

  if (jobId) {
    return (
      <SectionCard title="Adding devices" description={file ? `From ${file.name}` : undefined}>
        {report.data ? (
          <BulkProgress report={report.data} onAgain={reset} />
        ) : (
          <Text size="sm" c="dimmed">
            Starting…
          </Text>
        )}
      </SectionCard>
    );
  }

  return (
    <Stack gap="md">
      <SectionCard title="1. What to add, and where">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="Device type"
            required
            placeholder="Choose a type"
            data={offered.map((t) => ({ value: t.id, label: t.name }))}
            value={typeId}
            onChange={(next) => {
              setTypeId(next);
              check(file, target(next));
            }}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Project"
            required
            placeholder="Choose a project"
            data={projects.map((p) => ({ value: p.id, label: p.name }))}
            value={projectId}
            onChange={(next) => {
              setProjectId(next);
              setFlowId(null);
              check(file, target(typeId, next, null));
            }}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          {projectId ? (
            renderFlowSelect({ projectId, value: flowId, onChange: setFlowId })
          ) : (
            <Select label="Flow (optional)" placeholder="Choose a project first" data={[]} disabled />
          )}
        </SimpleGrid>
        {type && (
          <Text size="sm" c="dimmed" mt="sm">
            For {type.name}, every row needs: <strong>{requiredBulkColumns(type).join(', ')}</strong>.
          </Text>
        )}
      </SectionCard>

      <SectionCard
        title="2. The file"
        actions={
          <Button
            component="a"
            href="/api/devices/bulk/template"
            download
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} />}
          >
            Download template
          </Button>
        }
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Start from the template: one device per row, a comma (,) between values, saved as CSV (UTF-8). At
            most 10,000 rows per file.
          </Text>
          <FileDrop
            file={file}
            onFile={(next) => {
              setFile(next);
              check(next, target());
            }}
          />
          {file && !typeId && (
            <Text size="sm" c="dimmed">
              Choose the device type and project to check the file.
            </Text>
          )}
          {problem && (
            <Alert color="red" variant="light" title={problem.title} role="alert">
              {problem.message}
            </Alert>
          )}
        </Stack>
      </SectionCard>

      {(validate.isPending || validation) && (
        <SectionCard
          title="3. Check and add"
          description={
            validate.isPending
              ? 'Checking every row…'
              : 'Only valid rows are added; fix the others and upload them again.'
          }
        >
          {validation && (
            <Box style={{ opacity: validate.isPending ? 0.55 : 1 }}>
              <BulkValidationTable validation={validation} />
              <Group justify="flex-end" mt="md" wrap="wrap">
                <Button
                  onClick={execute}
                  loading={run.isPending}
                  disabled={validation.validRows === 0 || validate.isPending}
                >
                  {validation.validRows === 0
                    ? 'No valid rows to add'
                    : `Add ${validation.validRows} ${validation.validRows === 1 ? 'device' : 'devices'}`}
                </Button>
              </Group>
            </Box>
          )}
        </SectionCard>
      )}
    </Stack>
  );
}
