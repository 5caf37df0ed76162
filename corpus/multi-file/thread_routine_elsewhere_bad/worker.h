/* The connection worker's start routine, defined in worker.c. */
#ifndef WORKER_H
#define WORKER_H
void *worker_main(void *arg);
#endif
