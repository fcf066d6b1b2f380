import { Badge } from '@mantine/core';
import type { Subscription } from '@openthings/domain';
import { formatDate } from '../../lib/format.ts';

const subscriptionColors: Record<Subscription, string> = {
  Freemium: 'gray',
  Explorer: 'cyan',
  Modular: 'brand',
  Tailored: 'grape',
};

export function SubscriptionBadge({ subscription }: { subscription: Subscription }) {
  return <Badge color={subscriptionColors[subscription]}>{subscription}</Badge>;
}

export function expiryText(expiresAt: string | null): string {
  return expiresAt === null ? 'No expiry' : formatDate(expiresAt);
}
