import { loadEnv } from '@bio/config';
import { createLogger } from '@bio/observability';
import { closeOnSignals } from '@bio/queue';
import { createDetectorWorker } from './detector-worker';

const logger = createLogger('detector');

createDetectorWorker(loadEnv(), logger)
  .then((worker) => closeOnSignals(logger, [() => worker.close()]))
  .catch((err: unknown) => {
    logger.fatal({ err }, 'detector failed to start');
    process.exit(1);
  });
