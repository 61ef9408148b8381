/*-------------------------------------------------------------------------
 *
 * fr.sql
 *	  Shipped templates in French: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the fr locale
 *	  as "15 octobre 2026", and the first of a month as an ordinal: "1er
 *	  octobre 2026" (the locale's first_day). A company ({{customer.company}})
 *	  is greeted "Madame, Monsieur,", a person "Bonjour <name>," or "Bonjour,";
 *	  the text then starts with a capital. The reader is addressed as "vous".
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'fr',
   $t$Petit rappel : {{total_due}} en attente de paiement$t$,
   $t${{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}

Sauf erreur de notre part, le règlement suivant est arrivé à échéance. {{^long_overdue}}Il s'agit peut-être d'un simple oubli :{{/long_overdue}}{{#long_overdue}}Celui-ci étant en attente depuis un certain temps déjà, nous vous remercions de bien vouloir y procéder ou de prendre contact avec nous :{{/long_overdue}}

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Montant principal : {{total_open}}
{{#total_fees}}Frais : {{total_fees}}
{{/total_fees}}{{#total_interest}}Intérêts de retard : {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total dû : {{total_due}}

{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}</p>
<p>Sauf erreur de notre part, le règlement suivant est arrivé à échéance. {{^long_overdue}}Il s'agit peut-être d'un simple oubli :{{/long_overdue}}{{#long_overdue}}Celui-ci étant en attente depuis un certain temps déjà, nous vous remercions de bien vouloir y procéder ou de prendre contact avec nous :{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Montant principal : {{total_open}}{{#total_fees}}<br>Frais : {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intérêts de retard : {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total dû : {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.</p>
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'fr',
   $t$Deuxième rappel : {{total_due}} toujours impayé$t$,
   $t${{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}

Malgré notre précédent rappel, nous n'avons pas encore reçu le règlement suivant :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Montant principal : {{total_open}}
{{#total_fees}}Frais : {{total_fees}}
{{/total_fees}}{{#total_interest}}Intérêts de retard : {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total dû : {{total_due}}

{{#fee}}Des frais de retard de {{fee}} ont été portés au débit de votre compte.

{{/fee}}{{#fee_waived}}À titre de geste commercial, nous avons exceptionnellement renoncé aux frais de retard de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Les intérêts de retard{{#interest_rate}} au taux annuel de {{interest_rate}} %{{/interest_rate}} et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}Merci de régler ce montant avant le {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}</p>
<p>Malgré notre précédent rappel, nous n'avons pas encore reçu le règlement suivant :</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Montant principal : {{total_open}}{{#total_fees}}<br>Frais : {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intérêts de retard : {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total dû : {{total_due}}</strong></p>
{{#fee}}<p>Des frais de retard de {{fee}} ont été portés au débit de votre compte.</p>
{{/fee}}{{#fee_waived}}<p>À titre de geste commercial, nous avons exceptionnellement renoncé aux frais de retard de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Les intérêts de retard{{#interest_rate}} au taux annuel de {{interest_rate}} %{{/interest_rate}} et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}<p>Merci de régler ce montant avant le {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.</p>
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'fr',
   $t$Dernier avis : {{total_due}} impayé$t$,
   $t${{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}

Ceci est notre dernier avis concernant le montant suivant, qui reste impayé :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Montant principal : {{total_open}}
{{#total_fees}}Frais : {{total_fees}}
{{/total_fees}}{{#total_interest}}Intérêts de retard : {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total dû : {{total_due}}

{{#fee}}Des frais de retard de {{fee}} ont été portés au débit de votre compte.

{{/fee}}{{#fee_waived}}À titre de geste commercial, nous avons exceptionnellement renoncé aux frais de retard de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Les intérêts de retard{{#interest_rate}} au taux annuel de {{interest_rate}} %{{/interest_rate}} et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Sans règlement de votre part avant le {{next_step.due_on}}, nous transmettrons le dossier à notre partenaire de recouvrement.

{{/next_step.handoff}}{{#next_step.suspend}}Sans règlement de votre part avant le {{next_step.due_on}}, nous devrons suspendre votre service.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}</p>
<p>Ceci est notre dernier avis concernant le montant suivant, qui reste impayé :</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Montant principal : {{total_open}}{{#total_fees}}<br>Frais : {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intérêts de retard : {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total dû : {{total_due}}</strong></p>
{{#fee}}<p>Des frais de retard de {{fee}} ont été portés au débit de votre compte.</p>
{{/fee}}{{#fee_waived}}<p>À titre de geste commercial, nous avons exceptionnellement renoncé aux frais de retard de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Les intérêts de retard{{#interest_rate}} au taux annuel de {{interest_rate}} %{{/interest_rate}} et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Sans règlement de votre part avant le {{next_step.due_on}}, nous transmettrons le dossier à notre partenaire de recouvrement.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Sans règlement de votre part avant le {{next_step.due_on}}, nous devrons suspendre votre service.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'fr',
   $t$Votre dossier a été transmis à notre service de recouvrement$t$,
   $t${{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}

Malgré nos rappels, le montant suivant reste impayé ; nous avons donc transmis votre dossier à notre partenaire de recouvrement :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Montant principal : {{total_open}}
{{#total_fees}}Frais : {{total_fees}}
{{/total_fees}}{{#total_interest}}Intérêts de retard : {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total dû : {{total_due}}

Notre partenaire prendra contact avec vous prochainement. Si vous réglez le montant dès maintenant, le dossier sera clos.

{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'fr',
   $t$Relevé de compte au {{as_of}}$t$,
   $t${{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}

Veuillez trouver ci-dessous votre relevé de compte au {{as_of}}.

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échéance au {{due_on}} : montant principal {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}} ; total {{total_due}}
{{/invoices}}
{{#total_charges}}Montant principal : {{total_open}}
{{#total_fees}}Frais : {{total_fees}}
{{/total_fees}}{{#total_interest}}Intérêts de retard : {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total dû : {{total_due}}

{{#legal_basis}}Les intérêts de retard et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).

{{/legal_basis}}Si une ligne vous semble erronée, contactez-nous : nous l'examinerons ensemble.

{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Madame, Monsieur,{{/customer.company}}{{^customer.company}}{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}{{/customer.company}}</p>
<p>Veuillez trouver ci-dessous votre relevé de compte au {{as_of}}.</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échéance au {{due_on}} : montant principal {{open_amount}}{{#fees}}, frais {{fees}}{{/fees}}{{#interest}}, intérêts {{interest}}{{/interest}}{{#compensation}}, indemnité forfaitaire {{compensation}}{{/compensation}} ; total {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Montant principal : {{total_open}}{{#total_fees}}<br>Frais : {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intérêts de retard : {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnité forfaitaire pour frais de recouvrement : {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total dû : {{total_due}}</strong></p>
{{#legal_basis}}<p>Les intérêts de retard et l'indemnité forfaitaire pour frais de recouvrement sont facturés conformément aux dispositions légales applicables ({{legal_basis}}).</p>
{{/legal_basis}}<p>Si une ligne vous semble erronée, contactez-nous : nous l'examinerons ensemble.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
