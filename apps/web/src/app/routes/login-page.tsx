import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCpu } from '@tabler/icons-react';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/login-form.tsx';
import { safeNext } from '../session.ts';

export function LoginPage() {
  useDocumentTitle('Sign in · OpenThings');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  return (
    <Center mih="100dvh" p="md" className="ot-login">
      <Stack w="100%" maw={380} gap="lg">
        <Group gap={10} justify="center">
          <Box className="ot-product-mark ot-product-mark-lg">
            <IconCpu size={20} stroke={2} />
          </Box>
          <Text fw={700} fz={22}>
            OpenThings
          </Text>
        </Group>
        <Paper withBorder shadow="xs" p="xl">
          <Title order={1} fz="lg" mb={4}>
            Sign in
          </Title>
          <Text size="sm" c="dimmed" mb="lg">
            Manage your devices, flows and connectivity.
          </Text>
          <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
        </Paper>
      </Stack>
    </Center>
  );
}
