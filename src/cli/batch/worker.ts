/** Entry of a batch's worker thread: checks each file the pool sends. */
import { workerData } from 'worker_threads';
import { checkFile, type FileTask, type LastYearCache, type RunOptions } from './file-task';
import { serveTasks } from './pool';

const cache: LastYearCache = {};
serveTasks((task: FileTask) => checkFile(task, workerData as RunOptions, cache));
