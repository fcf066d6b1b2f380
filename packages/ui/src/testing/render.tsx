import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { UiProvider } from '../provider/ui-provider.tsx';

const withUi = (ui: ReactElement) => (
  <UiProvider withNotifications={false} env="test">
    {ui}
  </UiProvider>
);

/** Renders inside the kit's provider, as the apps do; `rerender` keeps the provider. */
export function renderWithUi(ui: ReactElement) {
  const view = render(withUi(ui));
  return { ...view, rerender: (next: ReactElement) => view.rerender(withUi(next)) };
}
