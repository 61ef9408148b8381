/*-------------------------------------------------------------------------
 *
 * en.sql
 *	  Shipped templates in English: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the locale
 *	  rules: "October 1, 2026" under en, "1 October 2026" under en-GB. A company
 *	  ({{customer.company}}) is greeted "Dear Sir or Madam,", a person
 *	  "Dear <name>," or, without a name, "Hello,". The reader is addressed as
 *	  "you", politely and directly.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'en',
   $t$A friendly reminder: {{total_due}} is overdue$t$,
   $t${{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}

We are writing to let you know that the following payment is now past due. {{^long_overdue}}It may simply have been overlooked:{{/long_overdue}}{{#long_overdue}}As it has now been outstanding for some time, we would be grateful if you could settle it or get in touch with us:{{/long_overdue}}

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Fees: {{total_fees}}
{{/total_fees}}{{#total_interest}}Late-payment interest: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Fixed compensation for recovery costs: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total due: {{total_due}}

{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If you have already paid, thank you, and please disregard this message.

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}</p>
<p>We are writing to let you know that the following payment is now past due. {{^long_overdue}}It may simply have been overlooked:{{/long_overdue}}{{#long_overdue}}As it has now been outstanding for some time, we would be grateful if you could settle it or get in touch with us:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Fees: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Late-payment interest: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Fixed compensation for recovery costs: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total due: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If you have already paid, thank you, and please disregard this message.</p>
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'en',
   $t$Second reminder: {{total_due}} is still unpaid$t$,
   $t${{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}

We have not yet received the following payment, despite our earlier reminder:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Fees: {{total_fees}}
{{/total_fees}}{{#total_interest}}Late-payment interest: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Fixed compensation for recovery costs: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total due: {{total_due}}

{{#fee}}A late-payment fee of {{fee}} has been added to your account.

{{/fee}}{{#fee_waived}}As a courtesy, we have waived the late-payment fee of {{fee_waived}} this time.

{{/fee_waived}}{{#legal_basis}}Late-payment interest{{#interest_rate}} at {{interest_rate}}% a year{{/interest_rate}} and compensation for recovery costs are charged under {{legal_basis}}.

{{/legal_basis}}{{#next_step}}Please settle the balance by {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If you have already paid, thank you, and please disregard this message.

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}</p>
<p>We have not yet received the following payment, despite our earlier reminder:</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Fees: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Late-payment interest: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Fixed compensation for recovery costs: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total due: {{total_due}}</strong></p>
{{#fee}}<p>A late-payment fee of {{fee}} has been added to your account.</p>
{{/fee}}{{#fee_waived}}<p>As a courtesy, we have waived the late-payment fee of {{fee_waived}} this time.</p>
{{/fee_waived}}{{#legal_basis}}<p>Late-payment interest{{#interest_rate}} at {{interest_rate}}% a year{{/interest_rate}} and compensation for recovery costs are charged under {{legal_basis}}.</p>
{{/legal_basis}}{{#next_step}}<p>Please settle the balance by {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If you have already paid, thank you, and please disregard this message.</p>
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'en',
   $t$Final notice: {{total_due}} overdue$t$,
   $t${{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}

This is our final notice about the following amount, which remains unpaid:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Fees: {{total_fees}}
{{/total_fees}}{{#total_interest}}Late-payment interest: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Fixed compensation for recovery costs: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total due: {{total_due}}

{{#fee}}A late-payment fee of {{fee}} has been added to your account.

{{/fee}}{{#fee_waived}}As a courtesy, we have waived the late-payment fee of {{fee_waived}} this time.

{{/fee_waived}}{{#legal_basis}}Late-payment interest{{#interest_rate}} at {{interest_rate}}% a year{{/interest_rate}} and compensation for recovery costs are charged under {{legal_basis}}.

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}If we have not received payment by {{next_step.due_on}}, we will pass the account to our collections partner.

{{/next_step.handoff}}{{#next_step.suspend}}If we have not received payment by {{next_step.due_on}}, we will have to suspend your service.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}</p>
<p>This is our final notice about the following amount, which remains unpaid:</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Fees: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Late-payment interest: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Fixed compensation for recovery costs: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total due: {{total_due}}</strong></p>
{{#fee}}<p>A late-payment fee of {{fee}} has been added to your account.</p>
{{/fee}}{{#fee_waived}}<p>As a courtesy, we have waived the late-payment fee of {{fee_waived}} this time.</p>
{{/fee_waived}}{{#legal_basis}}<p>Late-payment interest{{#interest_rate}} at {{interest_rate}}% a year{{/interest_rate}} and compensation for recovery costs are charged under {{legal_basis}}.</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>If we have not received payment by {{next_step.due_on}}, we will pass the account to our collections partner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>If we have not received payment by {{next_step.due_on}}, we will have to suspend your service.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'en',
   $t$Your account has been passed to collections$t$,
   $t${{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}

Despite our reminders, the following amount is still unpaid, so we have passed your account to our collections partner:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Fees: {{total_fees}}
{{/total_fees}}{{#total_interest}}Late-payment interest: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Fixed compensation for recovery costs: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total due: {{total_due}}

Our partner will contact you shortly. If you settle the balance now, the matter will be closed.

{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'en',
   $t$Statement of account as of {{as_of}}$t$,
   $t${{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}

Here is your statement of account as of {{as_of}}.

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: principal {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}; total {{total_due}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Fees: {{total_fees}}
{{/total_fees}}{{#total_interest}}Late-payment interest: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Fixed compensation for recovery costs: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total due: {{total_due}}

{{#legal_basis}}Late-payment interest and compensation for recovery costs are charged under {{legal_basis}}.

{{/legal_basis}}If a line seems wrong to you, please contact us: we will look at it together.

{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Dear Sir or Madam,{{/customer.company}}{{^customer.company}}{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}{{/customer.company}}</p>
<p>Here is your statement of account as of {{as_of}}.</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: principal {{open_amount}}{{#fees}}, fees {{fees}}{{/fees}}{{#interest}}, interest {{interest}}{{/interest}}{{#compensation}}, compensation {{compensation}}{{/compensation}}; total {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Fees: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Late-payment interest: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Fixed compensation for recovery costs: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total due: {{total_due}}</strong></p>
{{#legal_basis}}<p>Late-payment interest and compensation for recovery costs are charged under {{legal_basis}}.</p>
{{/legal_basis}}<p>If a line seems wrong to you, please contact us: we will look at it together.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
