/** Entry of a batch's worker thread: runs `runTask` for each file the pool sends. */
import { workerData } from 'worker_threads';
import { runTask, type RunOptions } from './file-task';
import { serveTasks } from './pool';

serveTasks((task: Parameters<typeof runTask>[0]) => runTask(task, workerData as RunOptions));
