import { loadEnv } from '@bio/config';
import { createLogger } from '@bio/observability';
import { closeOnSignals } from '@bio/queue';
import { createEmbedderWorker } from './embedder-worker';

const logger = createLogger('embedder');

createEmbedderWorker(loadEnv(), logger)
  .then((worker) => closeOnSignals(logger, [() => worker.close()]))
  .catch((err: unknown) => {
    logger.fatal({ err }, 'embedder failed to start');
    process.exit(1);
  });
