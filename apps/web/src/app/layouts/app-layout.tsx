import { notifyError } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { Outlet } from 'react-router';
import { authQueries, hasPermission, useLogout } from '../../features/auth/auth.api.ts';
import { SessionProvider, useSessionUser } from '../../features/auth/session-context.tsx';
import { projectsQueries } from '../../features/projects/projects.api.ts';
import { AppFrame } from '../../features/shell/app-frame.tsx';
import { ProjectPicker } from '../../features/shell/project-picker.tsx';
import { buildMenu } from '../../features/shell/side-menu.ts';
import { UserMenu } from '../../features/shell/user-menu.tsx';
import { errorMessage } from '../../lib/error-messages.ts';
import { ALL_PROJECTS_QUERY, useChooseProject, useProjectScope } from '../project-scope.ts';
import { NavigationProgress } from './navigation-progress.tsx';

/**
 * The signed-in frame. Its loader made sure of the session; when the session is dropped (logging out,
 * expiry) the frame renders nothing while the app moves to the login page.
 */
export function AppLayout() {
  const { data: user } = useQuery(authQueries.me());
  if (!user) return null;
  return (
    <SessionProvider user={user}>
      <NavigationProgress />
      <SignedInFrame />
    </SessionProvider>
  );
}

/** Composes shell, session and projects. */
function SignedInFrame() {
  const user = useSessionUser();
  const logout = useLogout();
  const projectId = useProjectScope();
  const projects = useQuery({
    ...projectsQueries.list(ALL_PROJECTS_QUERY),
    enabled: hasPermission(user, 'projects:read'),
  });
  const projectList = projects.data?.data;
  // A remembered project that is gone (or belongs to someone else's session) counts as none.
  const scope = projectList && projectId && !projectList.some((p) => p.id === projectId) ? null : projectId;

  const chooseProject = useChooseProject();

  const signOut = () =>
    logout.mutate(undefined, {
      // A fresh page load drops everything the previous user's session had in memory.
      onSuccess: () => window.location.replace('/login'),
      onError: (error) => notifyError(errorMessage(error), 'Could not log out'),
    });

  return (
    <AppFrame
      menu={buildMenu(user.permissions, scope)}
      customerName={user.actingCustomer.name}
      projectPicker={(width) =>
        hasPermission(user, 'projects:read') && (
          <ProjectPicker projects={projectList} value={scope} onChange={chooseProject} w={width} />
        )
      }
      userMenu={
        <UserMenu
          name={user.name}
          email={user.email}
          customerName={user.actingCustomer.name}
          onLogout={signOut}
        />
      }
    >
      <Outlet />
    </AppFrame>
  );
}
