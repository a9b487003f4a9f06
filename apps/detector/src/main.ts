import { runWorkerProcess } from '@bio/queue';
import { createDetectorWorker } from './detector-worker';

runWorkerProcess('detector', createDetectorWorker);
