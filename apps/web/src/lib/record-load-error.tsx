import { ErrorState, PageHeader } from '@openthings/ui';
import type { ReactNode } from 'react';
import { isApiError } from './api.ts';
import { errorMessage } from './error-messages.ts';

export interface RecordLoadErrorProps {
  /** The page's title while the record is unknown, e.g. "Device". */
  title: string;
  back: ReactNode;
  /** What the page shows, in lower case: "device". */
  noun: string;
  /** The record's query. */
  query: { error: unknown; refetch: () => unknown; isFetching: boolean };
}

/** A detail page whose record could not be loaded: missing (no retry), or failed (retry). */
export function RecordLoadError({ title, back, noun, query }: RecordLoadErrorProps) {
  // An id that is not a uuid is answered 400: for the user it is just as missing.
  const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
  return (
    <>
      <PageHeader title={title} back={back} />
      <ErrorState
        title={
          missing ? `${noun[0]?.toUpperCase()}${noun.slice(1)} not found` : `The ${noun} could not be loaded`
        }
        message={missing ? `This ${noun} does not exist, or you cannot see it.` : errorMessage(query.error)}
        onRetry={missing ? undefined : () => query.refetch()}
        retrying={query.isFetching}
      />
    </>
  );
}
