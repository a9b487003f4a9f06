import 'reflect-metadata';
import { loadEnv } from '@bio/config';
import { createLogger } from '@bio/observability';
import { createGatewayApp } from './app.factory';

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('api-gateway', env.LOG_LEVEL);
  const app = await createGatewayApp(env);
  await app.listen(env.PORT);
  logger.info({ port: env.PORT }, 'gateway listening');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
