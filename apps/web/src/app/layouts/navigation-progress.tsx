import { useNavigation } from 'react-router';

/** A thin bar along the top while the next page (its code or its loader) is on its way. */
export function NavigationProgress() {
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return <div className="ot-navigation-progress" role="progressbar" aria-label="Loading page" />;
}
