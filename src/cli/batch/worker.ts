/** Entry of a batch's worker thread: checks each file the pool sends. */
import { workerData } from 'worker_threads';
import { checkFile, type FileTask, type RunOptions } from './file-task';
import { serveTasks } from './pool';

serveTasks((task: FileTask) => checkFile(task, workerData as RunOptions));
