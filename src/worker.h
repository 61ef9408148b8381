/*-------------------------------------------------------------------------
 *
 * worker.h
 *	  The background workers: one launcher per cluster, one scheduler per
 *	  database that has the extension.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_WORKER_H
#define DUNNING_WORKER_H

extern bool dunning_enabled;
extern int	dunning_naptime;
extern char *dunning_databases;
extern char *dunning_scheduler_role;

extern void dunning_worker_init(void);
extern bool dunning_scheduling_available(void);

#endif							/* DUNNING_WORKER_H */
