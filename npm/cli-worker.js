// One run of the CLI in a worker thread (see runFklintInWorker in cli.js): the exit code goes back as a message.
import { parentPort, workerData } from 'node:worker_threads';
import { runFklint } from './cli.js';

parentPort.postMessage(runFklint(workerData.args, { ...workerData.options, module: workerData.module }));
