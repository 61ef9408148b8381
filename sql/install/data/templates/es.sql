/*-------------------------------------------------------------------------
 *
 * es.sql
 *	  Shipped templates in Spanish: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the es locale
 *	  as "1 de octubre de 2026". A company ({{customer.company}}) is greeted
 *	  "Estimado cliente:", a person "Buenos días, <name>:" or "Buenos días:";
 *	  the salutation ends with a colon and the text starts with a capital. The
 *	  reader is addressed as "usted" (singular: "Estimados señores:" would
 *	  call for "ustedes").
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'es',
   $t$Recordatorio: pago de {{total_due}} vencido$t$,
   $t${{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}

Le escribimos para recordarle que el siguiente pago ha vencido. {{^long_overdue}}Puede que se trate de un simple descuido:{{/long_overdue}}{{#long_overdue}}Como lleva ya algún tiempo pendiente, le agradeceríamos que lo regularizara o que se pusiera en contacto con nosotros:{{/long_overdue}}

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Gastos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Intereses de demora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnización por costes de cobro: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total adeudado: {{total_due}}

{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}</p>
<p>Le escribimos para recordarle que el siguiente pago ha vencido. {{^long_overdue}}Puede que se trate de un simple descuido:{{/long_overdue}}{{#long_overdue}}Como lleva ya algún tiempo pendiente, le agradeceríamos que lo regularizara o que se pusiera en contacto con nosotros:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Gastos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intereses de demora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnización por costes de cobro: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total adeudado: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.</p>
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'es',
   $t$Segundo aviso: {{total_due}} sigue pendiente$t$,
   $t${{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}

Pese a nuestro recordatorio anterior, aún no hemos recibido el siguiente pago:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Gastos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Intereses de demora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnización por costes de cobro: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total adeudado: {{total_due}}

{{#fee}}Se ha cargado en su cuenta un recargo por demora de {{fee}}.

{{/fee}}{{#fee_waived}}Como gesto de cortesía, en esta ocasión hemos renunciado al recargo por demora de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Los intereses de demora{{#interest_rate}} al tipo anual del {{interest_rate}} %{{/interest_rate}} y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}Le rogamos que abone el importe antes del {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}</p>
<p>Pese a nuestro recordatorio anterior, aún no hemos recibido el siguiente pago:</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Gastos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intereses de demora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnización por costes de cobro: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total adeudado: {{total_due}}</strong></p>
{{#fee}}<p>Se ha cargado en su cuenta un recargo por demora de {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Como gesto de cortesía, en esta ocasión hemos renunciado al recargo por demora de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Los intereses de demora{{#interest_rate}} al tipo anual del {{interest_rate}} %{{/interest_rate}} y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}<p>Le rogamos que abone el importe antes del {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.</p>
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'es',
   $t$Último aviso: {{total_due}} pendiente de pago$t$,
   $t${{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}

Este es nuestro último aviso sobre el siguiente importe, que sigue pendiente de pago:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Gastos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Intereses de demora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnización por costes de cobro: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total adeudado: {{total_due}}

{{#fee}}Se ha cargado en su cuenta un recargo por demora de {{fee}}.

{{/fee}}{{#fee_waived}}Como gesto de cortesía, en esta ocasión hemos renunciado al recargo por demora de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Los intereses de demora{{#interest_rate}} al tipo anual del {{interest_rate}} %{{/interest_rate}} y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Si no recibimos el pago antes del {{next_step.due_on}}, trasladaremos la deuda a nuestra agencia de cobros.

{{/next_step.handoff}}{{#next_step.suspend}}Si no recibimos el pago antes del {{next_step.due_on}}, tendremos que suspender su servicio.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}</p>
<p>Este es nuestro último aviso sobre el siguiente importe, que sigue pendiente de pago:</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Gastos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intereses de demora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnización por costes de cobro: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total adeudado: {{total_due}}</strong></p>
{{#fee}}<p>Se ha cargado en su cuenta un recargo por demora de {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Como gesto de cortesía, en esta ocasión hemos renunciado al recargo por demora de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Los intereses de demora{{#interest_rate}} al tipo anual del {{interest_rate}} %{{/interest_rate}} y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Si no recibimos el pago antes del {{next_step.due_on}}, trasladaremos la deuda a nuestra agencia de cobros.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Si no recibimos el pago antes del {{next_step.due_on}}, tendremos que suspender su servicio.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'es',
   $t$Su cuenta ha pasado a nuestra agencia de cobros$t$,
   $t${{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}

Pese a nuestros recordatorios, el siguiente importe sigue pendiente, por lo que hemos trasladado su cuenta a nuestra agencia de cobros:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Gastos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Intereses de demora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnización por costes de cobro: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total adeudado: {{total_due}}

La agencia se pondrá en contacto con usted en breve. Si abona ahora el importe, el expediente quedará cerrado.

{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'es',
   $t$Extracto de cuenta a {{as_of}}$t$,
   $t${{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}

Le enviamos su extracto de cuenta a fecha de {{as_of}}.

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, con vencimiento el {{due_on}}: principal {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}; total {{total_due}}
{{/invoices}}
{{#total_charges}}Principal: {{total_open}}
{{#total_fees}}Gastos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Intereses de demora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnización por costes de cobro: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total adeudado: {{total_due}}

{{#legal_basis}}Los intereses de demora y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).

{{/legal_basis}}Si alguna línea le parece incorrecta, contáctenos: la revisaremos juntos.

{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Estimado cliente:{{/customer.company}}{{^customer.company}}{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}{{/customer.company}}</p>
<p>Le enviamos su extracto de cuenta a fecha de {{as_of}}.</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, con vencimiento el {{due_on}}: principal {{open_amount}}{{#fees}}, gastos {{fees}}{{/fees}}{{#interest}}, intereses {{interest}}{{/interest}}{{#compensation}}, indemnización {{compensation}}{{/compensation}}; total {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Principal: {{total_open}}{{#total_fees}}<br>Gastos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Intereses de demora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnización por costes de cobro: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total adeudado: {{total_due}}</strong></p>
{{#legal_basis}}<p>Los intereses de demora y la indemnización por costes de cobro se aplican de conformidad con la normativa vigente ({{legal_basis}}).</p>
{{/legal_basis}}<p>Si alguna línea le parece incorrecta, contáctenos: la revisaremos juntos.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
