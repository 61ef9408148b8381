/*-------------------------------------------------------------------------
 *
 * pass.h
 *	  One evaluation pass: dunning.run() and dunning.preview().
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_PASS_H
#define DUNNING_PASS_H

/*
 * The transaction-level advisory lock that serialises passes in a
 * database ('dunn'); campaign changes take it too (dunning.wait_for_pass()).
 */
#define PASS_LOCK_KEY INT64CONST(0x64756e6e)

/* dunning.discovery_lookback, in minutes */
extern int	dunning_discovery_lookback;

#endif							/* DUNNING_PASS_H */
