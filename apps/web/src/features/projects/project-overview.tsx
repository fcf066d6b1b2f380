import { Anchor, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { NETWORK_TYPES, networkTypeLabels, type Project } from '@openthings/domain';
import { KeyValueList, PageHeader, SectionCard } from '@openthings/ui';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { ProjectEditDialog } from './project-edit-dialog.tsx';
import { expiryText, SubscriptionBadge } from './project-labels.tsx';

export interface ProjectOverviewProps {
  project: Project;
  /** The user may change name and description (`projects:update`). */
  canEdit: boolean;
  /** Choosing this project in the project picker, when it is not the chosen one. */
  scopeAction?: ReactNode;
}

function usageText(used: number, limit: number | null): string {
  return limit === null ? `${used} · no limit` : `${used} of ${limit}`;
}

/** Everything a project holds and allows: subscription, limits, usage. */
export function ProjectOverview({ project, canEdit, scopeAction }: ProjectOverviewProps) {
  const [editing, setEditing] = useState(false);
  const { limits } = project;

  return (
    <>
      <PageHeader
        back={
          <Anchor component={Link} to="/projects" size="xs" c="dimmed">
            <Group gap={4} component="span">
              <IconArrowLeft size={12} />
              Projects
            </Group>
          </Anchor>
        }
        title={project.name}
        badge={<SubscriptionBadge subscription={project.subscription} />}
        actions={
          (scopeAction || canEdit) && (
            <>
              {scopeAction}
              {canEdit && (
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  aria-haspopup="dialog"
                  onClick={() => setEditing(true)}
                >
                  Edit
                </Button>
              )}
            </>
          )
        }
      />
      <Stack gap="md">
        <SectionCard title="About">
          <Text size="sm" c={project.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {project.description || 'No description.'}
          </Text>
        </SectionCard>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <SectionCard title="Subscription">
            <KeyValueList
              items={[
                { label: 'Subscription', value: <SubscriptionBadge subscription={project.subscription} /> },
                { label: 'Expiry date', value: expiryText(project.expiresAt) },
                { label: 'Created', value: formatDateTime(project.createdAt) },
                { label: 'Modified', value: formatDateTime(project.modifiedAt) },
                {
                  label: 'Project ID',
                  value: (
                    <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                      {project.id}
                    </Code>
                  ),
                },
              ]}
            />
          </SectionCard>
          <SectionCard
            title="Usage and limits"
            description="What this project holds and may hold under its subscription."
          >
            <KeyValueList
              items={[
                { label: 'Devices', value: usageText(project.usage.devices, limits.devices) },
                ...NETWORK_TYPES.map((type) => ({
                  label: `${networkTypeLabels[type]} devices`,
                  value: usageText(
                    project.usage.devicesPerNetworkType[type],
                    limits.devicesPerNetworkType[type],
                  ),
                })),
                { label: 'Flows', value: usageText(project.usage.flows, limits.flows) },
                {
                  label: 'Destination links',
                  value: usageText(project.usage.destinations, limits.destinations),
                },
                {
                  label: 'Network types',
                  value:
                    limits.allowedNetworkTypes === null
                      ? 'All'
                      : limits.allowedNetworkTypes.map((t) => networkTypeLabels[t]).join(', ') || 'None',
                },
              ]}
            />
          </SectionCard>
        </SimpleGrid>
      </Stack>
      {canEdit && <ProjectEditDialog project={project} opened={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
