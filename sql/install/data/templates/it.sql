/*-------------------------------------------------------------------------
 *
 * it.sql
 *	  Shipped templates in Italian: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the it locale
 *	  as "1 ottobre 2026", "15 ottobre 2026" (first_day unset). A company
 *	  ({{customer.company}}) is greeted "Spettabile <name>," or "Spettabile
 *	  cliente,", a person "Gentile <name>," or "Gentile cliente,"; after the
 *	  comma the text goes on in lower case. The reader, company or person, is
 *	  addressed as "Lei" (le, la, suo), so the salutations stay singular.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'it',
   $t$Promemoria: pagamento di {{total_due}} scaduto$t$,
   $t${{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}

le ricordiamo che il seguente pagamento è scaduto. {{^long_overdue}}Potrebbe trattarsi di una semplice svista:{{/long_overdue}}{{#long_overdue}}Poiché risulta ormai insoluto da qualche tempo, la preghiamo di provvedere al saldo o di contattarci:{{/long_overdue}}

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capitale: {{total_open}}
{{#total_fees}}Spese: {{total_fees}}
{{/total_fees}}{{#total_interest}}Interessi di mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Risarcimento forfettario dei costi di recupero: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totale dovuto: {{total_due}}

{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}</p>
<p>le ricordiamo che il seguente pagamento è scaduto. {{^long_overdue}}Potrebbe trattarsi di una semplice svista:{{/long_overdue}}{{#long_overdue}}Poiché risulta ormai insoluto da qualche tempo, la preghiamo di provvedere al saldo o di contattarci:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capitale: {{total_open}}{{#total_fees}}<br>Spese: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Interessi di mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Risarcimento forfettario dei costi di recupero: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totale dovuto: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.</p>
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'it',
   $t$Secondo sollecito: {{total_due}} ancora da pagare$t$,
   $t${{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}

nonostante il nostro precedente promemoria, non abbiamo ancora ricevuto il seguente pagamento:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capitale: {{total_open}}
{{#total_fees}}Spese: {{total_fees}}
{{/total_fees}}{{#total_interest}}Interessi di mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Risarcimento forfettario dei costi di recupero: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totale dovuto: {{total_due}}

{{#fee}}Sul suo conto sono state addebitate spese di sollecito pari a {{fee}}.

{{/fee}}{{#fee_waived}}Come gesto di cortesia, per questa volta abbiamo rinunciato alle spese di sollecito di {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Gli interessi di mora{{#interest_rate}} al tasso annuo del {{interest_rate}}%{{/interest_rate}} e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}La preghiamo di saldare l'importo entro il {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}</p>
<p>nonostante il nostro precedente promemoria, non abbiamo ancora ricevuto il seguente pagamento:</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capitale: {{total_open}}{{#total_fees}}<br>Spese: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Interessi di mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Risarcimento forfettario dei costi di recupero: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totale dovuto: {{total_due}}</strong></p>
{{#fee}}<p>Sul suo conto sono state addebitate spese di sollecito pari a {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Come gesto di cortesia, per questa volta abbiamo rinunciato alle spese di sollecito di {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Gli interessi di mora{{#interest_rate}} al tasso annuo del {{interest_rate}}%{{/interest_rate}} e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}<p>La preghiamo di saldare l'importo entro il {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.</p>
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'it',
   $t$Ultimo avviso: {{total_due}} non pagato$t$,
   $t${{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}

questo è il nostro ultimo avviso relativo al seguente importo, che risulta ancora non pagato:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capitale: {{total_open}}
{{#total_fees}}Spese: {{total_fees}}
{{/total_fees}}{{#total_interest}}Interessi di mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Risarcimento forfettario dei costi di recupero: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totale dovuto: {{total_due}}

{{#fee}}Sul suo conto sono state addebitate spese di sollecito pari a {{fee}}.

{{/fee}}{{#fee_waived}}Come gesto di cortesia, per questa volta abbiamo rinunciato alle spese di sollecito di {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Gli interessi di mora{{#interest_rate}} al tasso annuo del {{interest_rate}}%{{/interest_rate}} e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Se non riceveremo il pagamento entro il {{next_step.due_on}}, affideremo la pratica al nostro partner per il recupero crediti.

{{/next_step.handoff}}{{#next_step.suspend}}Se non riceveremo il pagamento entro il {{next_step.due_on}}, dovremo sospendere il servizio.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}</p>
<p>questo è il nostro ultimo avviso relativo al seguente importo, che risulta ancora non pagato:</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capitale: {{total_open}}{{#total_fees}}<br>Spese: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Interessi di mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Risarcimento forfettario dei costi di recupero: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totale dovuto: {{total_due}}</strong></p>
{{#fee}}<p>Sul suo conto sono state addebitate spese di sollecito pari a {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Come gesto di cortesia, per questa volta abbiamo rinunciato alle spese di sollecito di {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Gli interessi di mora{{#interest_rate}} al tasso annuo del {{interest_rate}}%{{/interest_rate}} e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Se non riceveremo il pagamento entro il {{next_step.due_on}}, affideremo la pratica al nostro partner per il recupero crediti.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Se non riceveremo il pagamento entro il {{next_step.due_on}}, dovremo sospendere il servizio.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'it',
   $t$La sua pratica è stata affidata al recupero crediti$t$,
   $t${{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}

nonostante i nostri solleciti, il seguente importo risulta ancora non pagato; abbiamo quindi affidato la pratica al nostro partner per il recupero crediti:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capitale: {{total_open}}
{{#total_fees}}Spese: {{total_fees}}
{{/total_fees}}{{#total_interest}}Interessi di mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Risarcimento forfettario dei costi di recupero: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totale dovuto: {{total_due}}

Il nostro partner la contatterà a breve. Se salda ora l'importo, la pratica verrà chiusa.

{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'it',
   $t$Estratto conto al {{as_of}}$t$,
   $t${{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}

le inviamo il suo estratto conto al {{as_of}}.

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, con scadenza il {{due_on}}: capitale {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}; totale {{total_due}}
{{/invoices}}
{{#total_charges}}Capitale: {{total_open}}
{{#total_fees}}Spese: {{total_fees}}
{{/total_fees}}{{#total_interest}}Interessi di mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Risarcimento forfettario dei costi di recupero: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Totale dovuto: {{total_due}}

{{#legal_basis}}Gli interessi di mora e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).

{{/legal_basis}}Se una voce non le sembra corretta, ci contatti: la verificheremo insieme.

{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}{{#customer.name}}Spettabile {{customer.name}},{{/customer.name}}{{^customer.name}}Spettabile cliente,{{/customer.name}}{{/customer.company}}{{^customer.company}}{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}{{/customer.company}}</p>
<p>le inviamo il suo estratto conto al {{as_of}}.</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, con scadenza il {{due_on}}: capitale {{open_amount}}{{#fees}}, spese {{fees}}{{/fees}}{{#interest}}, interessi {{interest}}{{/interest}}{{#compensation}}, risarcimento forfettario {{compensation}}{{/compensation}}; totale {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capitale: {{total_open}}{{#total_fees}}<br>Spese: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Interessi di mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Risarcimento forfettario dei costi di recupero: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Totale dovuto: {{total_due}}</strong></p>
{{#legal_basis}}<p>Gli interessi di mora e il risarcimento forfettario dei costi di recupero sono addebitati ai sensi della normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}<p>Se una voce non le sembra corretta, ci contatti: la verificheremo insieme.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
