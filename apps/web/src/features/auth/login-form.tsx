import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { Login, SessionUser } from '@openthings/domain';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { isApiError } from '../../lib/api-error.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { loadAuthCalls, useLogin } from './auth.api.ts';

type FieldErrors = Partial<Record<keyof Login, string>>;

function firstIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === 'email' || field === 'password') && out[field] === undefined) out[field] = issue.message;
  }
  return out;
}

/**
 * Email and password; field rules come from the domain's LoginSchema, checked before sending. The schema
 * (and zod with it) is not part of the page's first paint: it loads right after, while the user types.
 */
export function LoginForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // The rules are still loading after a submit; or they could not be loaded.
  const [checking, setChecking] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    // Fetched ahead of the first submit; a failure here is met again, and shown, on submit.
    loadAuthCalls().catch(() => undefined);
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.reset();
    setLoadError(null);
    setChecking(true);
    let rules: Awaited<ReturnType<typeof loadAuthCalls>>;
    try {
      rules = await loadAuthCalls();
    } catch (error) {
      setLoadError(error);
      return;
    } finally {
      setChecking(false);
    }
    const parsed = rules.LoginSchema.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(firstIssues(parsed.error.issues));
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, {
      onSuccess: onSignedIn,
      onError: (error) => {
        if (isApiError(error, 400)) setFieldErrors(error.fieldErrors('body'));
      },
    });
  };

  // Field problems sit on their fields; anything else (wrong password, throttled) in one alert.
  const failure = login.error ?? loadError;
  const formError = failure && !isApiError(failure, 400) ? errorMessage(failure) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {formError}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldErrors.email}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" fullWidth loading={checking || login.isPending} mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
