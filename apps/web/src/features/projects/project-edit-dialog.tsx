import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type Project, type ProjectUpdate, ProjectUpdateSchema } from '@openthings/domain';
import { notifySuccess } from '@openthings/ui';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useUpdateProject } from './projects.api.ts';

type Field = 'name' | 'description';
type FieldErrors = Partial<Record<Field, string>>;

function isField(key: PropertyKey | undefined): key is Field {
  return key === 'name' || key === 'description';
}

export interface ProjectEditDialogProps {
  project: Project;
  opened: boolean;
  onClose: () => void;
}

/** Name and description of a project; rules from the domain's ProjectUpdateSchema. */
export function ProjectEditDialog({ project, opened, onClose }: ProjectEditDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Edit project" size="lg">
      {/* Mounted only while open, so every opening starts from the saved values. */}
      {opened && <ProjectEditForm project={project} onDone={onClose} />}
    </Modal>
  );
}

function ProjectEditForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const update = useUpdateProject();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.reset();
    const parsed = ProjectUpdateSchema.safeParse({ name, description });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isField(field) && errors[field] === undefined) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    // PATCH only what changed, so the audit log records what the user actually edited.
    const patch: ProjectUpdate = {};
    if (parsed.data.name !== undefined && parsed.data.name !== project.name) patch.name = parsed.data.name;
    if (parsed.data.description !== undefined && parsed.data.description !== project.description)
      patch.description = parsed.data.description;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: project.id, patch },
      {
        onSuccess: (saved) => {
          notifySuccess(`"${saved.name}" was saved.`, 'Project saved');
          onDone();
        },
        onError: (error) => {
          if (isApiError(error, 400)) {
            const server = error.fieldErrors('body');
            setFieldErrors({ name: server.name, description: server.description });
          }
        },
      },
    );
  };

  const serverFieldErrors =
    isApiError(update.error, 400) && Object.keys(update.error.fieldErrors('body')).length > 0;
  const formError = update.error && !serverFieldErrors ? errorMessage(update.error) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Name"
          required
          data-autofocus
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldErrors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={3}
          maxRows={10}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={fieldErrors.description}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
