/*-------------------------------------------------------------------------
 *
 * version.h
 *	  The library's version, and the check that the installed SQL is the same.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_VERSION_H
#define DUNNING_VERSION_H

extern void dunning_require_same_version(void);

#endif							/* DUNNING_VERSION_H */
