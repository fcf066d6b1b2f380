import { Center, Loader } from '@mantine/core';

/** Stands in for a whole page while it loads. */
export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center mih={240} role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}
