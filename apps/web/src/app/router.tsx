import { PageLoader } from '@openthings/ui';
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, redirect } from 'react-router';
import { type Page, pages, prefetchData } from './page-modules.ts';
import { RouteError } from './route-error.tsx';
import { type FramePath, framePaths, notFoundPath, standalonePaths } from './route-table.ts';
import { requireSession } from './session.ts';

/** Shown while the first page's loaders run. */
function HydrateFallback() {
  return <PageLoader />;
}

const lazyRoute = (path: string, page: Page) => ({
  path,
  lazy: () => page().then((Component) => ({ Component })),
});

/** A frame page; where its data is known from the address, it starts loading with the page's code. */
const frameRoute = (queryClient: QueryClient, path: FramePath) => {
  const prefetch = prefetchData[path];
  return {
    ...lazyRoute(path, pages[path]),
    ...(prefetch && {
      loader: ({ params }: { params: Record<string, string | undefined> }) => {
        prefetch(queryClient, params);
        return null;
      },
    }),
  };
};

/**
 * Routes (from `route-table.ts`): `/login` stands alone; the simulator is signed in but frameless;
 * every other page sits in the signed-in layout, whose loader asks the server who is signed in.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      HydrateFallback,
      children: [
        ...standalonePaths.map((path) => ({
          ...lazyRoute(`/${path}`, pages[path]),
          ...(path === 'login' ? {} : { loader: requireSession(queryClient) }),
        })),
        {
          id: 'app',
          path: '/',
          loader: requireSession(queryClient),
          lazy: () => import('./layouts/app-layout.tsx').then((m) => ({ Component: m.AppLayout })),
          children: [
            {
              // Errors of a page show inside the frame, so the menu stays usable.
              errorElement: <RouteError />,
              children: [
                { index: true, loader: () => redirect('/projects') },
                ...framePaths.map((path) => frameRoute(queryClient, path)),
                lazyRoute(notFoundPath, pages[notFoundPath]),
              ],
            },
          ],
        },
      ],
    },
  ]);
}
