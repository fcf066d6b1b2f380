// First: zod's configuration must be set before any schema runs.
import './app/zod-config.ts';
import '@openthings/ui/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Providers } from './app/providers.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createAppRouter } from './app/router.tsx';
import { loginPath } from './app/session.ts';

const queryClient = createQueryClient(() => {
  // The session ended while the user was working: sign in again (on a fresh page, so nothing of the
  // old session stays in memory) and come back here.
  if (window.location.pathname !== '/login') window.location.assign(loginPath(window.location));
});
const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
