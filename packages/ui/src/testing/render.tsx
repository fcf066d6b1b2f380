import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { UiProvider } from '../provider/ui-provider.tsx';

/** Renders inside the kit's provider, as the apps do. */
export function renderWithUi(ui: ReactElement) {
  return render(
    <UiProvider withNotifications={false} env="test">
      {ui}
    </UiProvider>,
  );
}
