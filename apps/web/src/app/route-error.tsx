import { Button, Center, Container } from '@mantine/core';
import { ErrorState } from '@openthings/ui';
import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';
import { errorMessage } from '../lib/error-messages.ts';

function describe(error: unknown): { title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    return error.status === 404
      ? { title: 'Page not found', message: 'The page you asked for does not exist.' }
      : { title: 'Something went wrong', message: `The page could not be loaded (${error.status}).` };
  }
  // A new release replaced the code chunks this tab still refers to.
  if (error instanceof TypeError && /dynamically imported module|module script/i.test(error.message)) {
    return { title: 'A new version is available', message: 'Reload the page to continue.' };
  }
  return { title: 'Something went wrong', message: errorMessage(error) };
}

/** Error boundary of the routes: a friendly message, a retry and a way home. */
export function RouteError() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  const { title, message } = describe(error);
  return (
    <Container size="sm" py="xl">
      <Center>
        <ErrorState
          title={title}
          message={message}
          // Loaders run again; a broken render gets a clean page load.
          onRetry={() => (isRouteErrorResponse(error) ? revalidator.revalidate() : window.location.reload())}
          retrying={revalidator.state === 'loading'}
          action={
            <Button component={Link} to="/" variant="subtle" reloadDocument>
              Go to the start page
            </Button>
          }
        />
      </Center>
    </Container>
  );
}
