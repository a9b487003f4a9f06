import { loadEnv } from '@bio/config';
import { createLogger } from '@bio/observability';
import { closeOnSignals } from '@bio/queue';
import { createMatcherWorker } from './matcher-worker';

const logger = createLogger('matcher');

createMatcherWorker(loadEnv(), logger)
  .then((worker) => closeOnSignals(logger, [() => worker.close()]))
  .catch((err: unknown) => {
    logger.fatal({ err }, 'matcher failed to start');
    process.exit(1);
  });
