/*-------------------------------------------------------------------------
 *
 * pass.h
 *	  One evaluation pass: dunning.run() and dunning.preview().
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_PASS_H
#define DUNNING_PASS_H

/* dunning.discovery_lookback, in minutes */
extern int	dunning_discovery_lookback;

#endif							/* DUNNING_PASS_H */
