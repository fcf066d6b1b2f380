import { notifyError } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { Outlet } from 'react-router';
import { authQueries, hasPermission, useLogout } from '../../features/auth/auth.api.ts';
import { SessionProvider, useSessionUser } from '../../features/auth/session-context.tsx';
import { projectsQueries } from '../../features/projects/projects.api.ts';
import { AppFrame } from '../../features/shell/app-frame.tsx';
import { ProjectPicker, type ProjectPickerProps } from '../../features/shell/project-picker.tsx';
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

/** The project picker with what choosing a project does to the page shown (it depends on the location). */
function ScopedProjectPicker(props: Omit<ProjectPickerProps, 'onChange'>) {
  const chooseProject = useChooseProject();
  return <ProjectPicker {...props} onChange={chooseProject} />;
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

  const { mutate: logOut } = logout;

  // The frame's parts are made once per session, scope and project list — not on every navigation —
  // so that moving between pages renders the page, not the header and menu again.
  const menu = useMemo(() => buildMenu(user.permissions, scope), [user.permissions, scope]);
  const canPickProject = hasPermission(user, 'projects:read');
  const projectPicker = useCallback(
    (width: number | string) =>
      canPickProject && <ScopedProjectPicker projects={projectList} value={scope} w={width} />,
    [canPickProject, projectList, scope],
  );
  const userMenu = useMemo(
    () => (
      <UserMenu
        name={user.name}
        email={user.email}
        customerName={user.actingCustomer.name}
        onLogout={() =>
          logOut(undefined, {
            // A fresh page load drops everything the previous user's session had in memory.
            onSuccess: () => window.location.replace('/login'),
            onError: (error) => notifyError(errorMessage(error), 'Could not log out'),
          })
        }
      />
    ),
    [user.name, user.email, user.actingCustomer.name, logOut],
  );

  return (
    <AppFrame
      menu={menu}
      customerName={user.actingCustomer.name}
      projectPicker={projectPicker}
      userMenu={userMenu}
    >
      <Outlet />
    </AppFrame>
  );
}
