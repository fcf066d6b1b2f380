import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { EmptyState } from '@openthings/ui';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  useDocumentTitle('Page not found · OpenThings');
  return (
    <EmptyState
      icon={<IconMapOff size={28} stroke={1.5} />}
      title="Page not found"
      pageHeading
      description="The address may be mistyped, or the page has moved."
      action={
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      }
    />
  );
}
