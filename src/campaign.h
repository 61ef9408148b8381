/*-------------------------------------------------------------------------
 *
 * campaign.h
 *	  Policies and their steps, loaded once per pass.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_CAMPAIGN_H
#define DUNNING_CAMPAIGN_H

#include "calendar.h"
#include "law.h"

/* One step of a policy's campaign. */
typedef struct Step
{
	int			level;
	int			days_overdue;
	char	   *channel;
	char	   *fallback_channel;	/* when the customer cannot be reached on it */
	char	   *template;		/* NULL: the consumer renders */
	Datum		fee;			/* numeric */
	FeeSchedule *fee_schedule;	/* NULL: the fixed fee */
} Step;

/* One policy, with its steps in level order. */
typedef struct Policy
{
	char	   *name;
	char	   *currency;
	char	   *tenant;			/* the tenant it belongs to; NULL: shared by all */
	bool		is_default;
	bool		active;			/* at the pass's as_of (a draft only in a preview) */
	bool		paused;			/* its customers keep it, nothing is sent */
	bool		first_by_age;	/* an invoice first seen starts at the step its age reached */
	Datum		min_open_amount;	/* numeric */
	int			grace_days;
	int			min_days_between;
	bool		by_customer;
	int			max_reminders;	/* 0: no cap */
	Interval	per_period;
	pg_tz	   *tz;
	SendWindow	window;
	int			nsteps;
	Step	   *steps;
	/* what templates tell customers; NULL when not set */
	char	   *sender_name;
	char	   *contact_email;
	char	   *contact_phone;
	char	   *payment_url;
	/* money: what its reminders charge besides the steps' fees */
	int			minor_units;	/* of its currency */
	Law		   *law;			/* NULL: no interest, no compensation */
	int			interest_from_level;	/* 0: no interest */
	int			compensation_from_level;	/* 0: no compensation */
	bool		consumers;		/* its customers are consumers */
	bool		waive_first_fee;
} Policy;

/* Every policy, as the pass sees them. */
typedef struct Campaign
{
	int			npolicies;
	Policy	   *policies;
	Interval	longest_period;	/* the longest per_period of any policy */
	TimestampTz next_change;	/* when a policy next starts or stops */
	bool		has_drafts;		/* a policy is a draft (a preview uses it) */
	Laws	   *laws;
} Campaign;

extern Campaign *dunning_load_campaign(TimestampTz as_of, bool preview);
extern Policy *dunning_choose_policy(const Campaign *campaign, const char *assigned,
									 const char *currency, const char *tenant);
extern const Step *dunning_step_after(const Policy *policy, int level);
extern const Step *dunning_step_reached(const Policy *policy, int days_overdue);
extern bool dunning_campaign_charges_interest(const Campaign *campaign);

#endif							/* DUNNING_CAMPAIGN_H */
