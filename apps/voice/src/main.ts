import { runWorkerProcess } from '@bio/queue';
import { createVoiceWorker } from './voice-worker';

runWorkerProcess('voice', createVoiceWorker);
