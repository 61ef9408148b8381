/*-------------------------------------------------------------------------
 *
 * nl.sql
 *	  Shipped templates in Dutch: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the nl locale
 *	  as "1 oktober 2026". A company ({{customer.company}}) is greeted
 *	  "Geachte heer, mevrouw,", a person "Beste <name>," or "Beste klant,";
 *	  as usual in Dutch, the text after the salutation starts with a capital.
 *	  The reader is addressed as "u".
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'nl',
   $t$Vriendelijke herinnering: {{total_due}} staat open$t$,
   $t${{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}

{{^long_overdue}}Misschien is het u ontgaan: de volgende betaling is inmiddels vervallen:{{/long_overdue}}{{#long_overdue}}De volgende betaling staat inmiddels al enige tijd open. Wij verzoeken u vriendelijk het bedrag te voldoen of contact met ons op te nemen:{{/long_overdue}}

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hoofdsom: {{total_open}}
{{#total_fees}}Kosten: {{total_fees}}
{{/total_fees}}{{#total_interest}}Wettelijke rente: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Vergoeding voor incassokosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totaal verschuldigd: {{total_due}}

{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}</p>
<p>{{^long_overdue}}Misschien is het u ontgaan: de volgende betaling is inmiddels vervallen:{{/long_overdue}}{{#long_overdue}}De volgende betaling staat inmiddels al enige tijd open. Wij verzoeken u vriendelijk het bedrag te voldoen of contact met ons op te nemen:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hoofdsom: {{total_open}}{{#total_fees}}<br>Kosten: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Wettelijke rente: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Vergoeding voor incassokosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totaal verschuldigd: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.</p>
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'nl',
   $t$Tweede herinnering: {{total_due}} is nog niet betaald$t$,
   $t${{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}

Ondanks onze eerdere herinnering hebben we de volgende betaling nog niet ontvangen:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hoofdsom: {{total_open}}
{{#total_fees}}Kosten: {{total_fees}}
{{/total_fees}}{{#total_interest}}Wettelijke rente: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Vergoeding voor incassokosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totaal verschuldigd: {{total_due}}

{{#fee}}We hebben administratiekosten van {{fee}} in rekening gebracht.

{{/fee}}{{#fee_waived}}Uit coulance brengen we deze keer de administratiekosten van {{fee_waived}} niet in rekening.

{{/fee_waived}}{{#legal_basis}}De wettelijke rente{{#interest_rate}} van {{interest_rate}}% per jaar{{/interest_rate}} en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.

{{/legal_basis}}{{#next_step}}Wij verzoeken u het bedrag vóór {{next_step.due_on}} te voldoen.

{{/next_step}}{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}</p>
<p>Ondanks onze eerdere herinnering hebben we de volgende betaling nog niet ontvangen:</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hoofdsom: {{total_open}}{{#total_fees}}<br>Kosten: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Wettelijke rente: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Vergoeding voor incassokosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totaal verschuldigd: {{total_due}}</strong></p>
{{#fee}}<p>We hebben administratiekosten van {{fee}} in rekening gebracht.</p>
{{/fee}}{{#fee_waived}}<p>Uit coulance brengen we deze keer de administratiekosten van {{fee_waived}} niet in rekening.</p>
{{/fee_waived}}{{#legal_basis}}<p>De wettelijke rente{{#interest_rate}} van {{interest_rate}}% per jaar{{/interest_rate}} en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.</p>
{{/legal_basis}}{{#next_step}}<p>Wij verzoeken u het bedrag vóór {{next_step.due_on}} te voldoen.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.</p>
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'nl',
   $t$Laatste aanmaning: {{total_due}} onbetaald$t$,
   $t${{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}

Dit is onze laatste aanmaning voor het volgende bedrag, dat nog steeds openstaat:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hoofdsom: {{total_open}}
{{#total_fees}}Kosten: {{total_fees}}
{{/total_fees}}{{#total_interest}}Wettelijke rente: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Vergoeding voor incassokosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totaal verschuldigd: {{total_due}}

{{#fee}}We hebben administratiekosten van {{fee}} in rekening gebracht.

{{/fee}}{{#fee_waived}}Uit coulance brengen we deze keer de administratiekosten van {{fee_waived}} niet in rekening.

{{/fee_waived}}{{#legal_basis}}De wettelijke rente{{#interest_rate}} van {{interest_rate}}% per jaar{{/interest_rate}} en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Als we de betaling niet vóór {{next_step.due_on}} ontvangen, dragen we de vordering over aan onze incassopartner.

{{/next_step.handoff}}{{#next_step.suspend}}Als we de betaling niet vóór {{next_step.due_on}} ontvangen, moeten we uw dienst opschorten.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}</p>
<p>Dit is onze laatste aanmaning voor het volgende bedrag, dat nog steeds openstaat:</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hoofdsom: {{total_open}}{{#total_fees}}<br>Kosten: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Wettelijke rente: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Vergoeding voor incassokosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totaal verschuldigd: {{total_due}}</strong></p>
{{#fee}}<p>We hebben administratiekosten van {{fee}} in rekening gebracht.</p>
{{/fee}}{{#fee_waived}}<p>Uit coulance brengen we deze keer de administratiekosten van {{fee_waived}} niet in rekening.</p>
{{/fee_waived}}{{#legal_basis}}<p>De wettelijke rente{{#interest_rate}} van {{interest_rate}}% per jaar{{/interest_rate}} en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Als we de betaling niet vóór {{next_step.due_on}} ontvangen, dragen we de vordering over aan onze incassopartner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Als we de betaling niet vóór {{next_step.due_on}} ontvangen, moeten we uw dienst opschorten.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'nl',
   $t$Uw dossier is overgedragen aan onze incassopartner$t$,
   $t${{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}

Ondanks onze herinneringen staat het volgende bedrag nog open. We hebben uw dossier daarom overgedragen aan onze incassopartner:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hoofdsom: {{total_open}}
{{#total_fees}}Kosten: {{total_fees}}
{{/total_fees}}{{#total_interest}}Wettelijke rente: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Vergoeding voor incassokosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totaal verschuldigd: {{total_due}}

Onze incassopartner neemt binnenkort contact met u op. Als u het bedrag nu voldoet, wordt het dossier gesloten.

{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'nl',
   $t$Rekeningoverzicht per {{as_of}}$t$,
   $t${{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}

Hierbij ontvangt u uw rekeningoverzicht per {{as_of}}.

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervaldatum {{due_on}}: hoofdsom {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}; totaal {{total_due}}
{{/invoices}}
{{#total_charges}}Hoofdsom: {{total_open}}
{{#total_fees}}Kosten: {{total_fees}}
{{/total_fees}}{{#total_interest}}Wettelijke rente: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Vergoeding voor incassokosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totaal verschuldigd: {{total_due}}

{{#legal_basis}}De wettelijke rente en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.

{{/legal_basis}}Klopt een regel volgens u niet? Neem contact met ons op, dan bekijken we het samen.

{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Geachte heer, mevrouw,{{/customer.company}}{{^customer.company}}{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}{{/customer.company}}</p>
<p>Hierbij ontvangt u uw rekeningoverzicht per {{as_of}}.</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervaldatum {{due_on}}: hoofdsom {{open_amount}}{{#fees}}, kosten {{fees}}{{/fees}}{{#interest}}, rente {{interest}}{{/interest}}{{#compensation}}, incassokosten {{compensation}}{{/compensation}}; totaal {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hoofdsom: {{total_open}}{{#total_fees}}<br>Kosten: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Wettelijke rente: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Vergoeding voor incassokosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totaal verschuldigd: {{total_due}}</strong></p>
{{#legal_basis}}<p>De wettelijke rente en de vergoeding voor incassokosten worden berekend op grond van {{legal_basis}}.</p>
{{/legal_basis}}<p>Klopt een regel volgens u niet? Neem contact met ons op, dan bekijken we het samen.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
