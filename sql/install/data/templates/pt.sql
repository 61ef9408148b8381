/*-------------------------------------------------------------------------
 *
 * pt.sql
 *	  Shipped templates in Portuguese: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: Brazilian Portuguese. Dates ({{due_on}}, {{as_of}}) are
 *	  written by the pt locale as "15 de outubro de 2026"; the 1st comes out as
 *	  "1 de outubro", not the Brazilian "1º" (first_day is unset). A company
 *	  ({{customer.company}}) is greeted "Prezado cliente,", a person
 *	  "Olá, <name>," or "Olá,". The reader is addressed as "você", with verbs
 *	  in the third person singular ("entre em contato", "lhe").
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'pt',
   $t$Lembrete: pagamento de {{total_due}} em atraso$t$,
   $t${{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}

Gostaríamos de lembrar que o seguinte pagamento já venceu. {{^long_overdue}}Pode tratar-se de um simples esquecimento:{{/long_overdue}}{{#long_overdue}}Como já se encontra em aberto há algum tempo, pedimos que o regularize ou que entre em contato conosco:{{/long_overdue}}

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capital: {{total_open}}
{{#total_fees}}Encargos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Juros de mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnização pelos custos de cobrança: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total em dívida: {{total_due}}

{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}</p>
<p>Gostaríamos de lembrar que o seguinte pagamento já venceu. {{^long_overdue}}Pode tratar-se de um simples esquecimento:{{/long_overdue}}{{#long_overdue}}Como já se encontra em aberto há algum tempo, pedimos que o regularize ou que entre em contato conosco:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capital: {{total_open}}{{#total_fees}}<br>Encargos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Juros de mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnização pelos custos de cobrança: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total em dívida: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.</p>
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'pt',
   $t$Segundo aviso: {{total_due}} continua em aberto$t$,
   $t${{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}

Apesar do nosso lembrete anterior, ainda não recebemos o seguinte pagamento:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capital: {{total_open}}
{{#total_fees}}Encargos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Juros de mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnização pelos custos de cobrança: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total em dívida: {{total_due}}

{{#fee}}Foi acrescentada à sua conta uma taxa de atraso de {{fee}}.

{{/fee}}{{#fee_waived}}Como cortesia, desta vez dispensamos a taxa de atraso de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Os juros de mora{{#interest_rate}} à taxa anual de {{interest_rate}}%{{/interest_rate}} e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}Pedimos que quite o valor até {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}</p>
<p>Apesar do nosso lembrete anterior, ainda não recebemos o seguinte pagamento:</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capital: {{total_open}}{{#total_fees}}<br>Encargos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Juros de mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnização pelos custos de cobrança: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total em dívida: {{total_due}}</strong></p>
{{#fee}}<p>Foi acrescentada à sua conta uma taxa de atraso de {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Como cortesia, desta vez dispensamos a taxa de atraso de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Os juros de mora{{#interest_rate}} à taxa anual de {{interest_rate}}%{{/interest_rate}} e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}<p>Pedimos que quite o valor até {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.</p>
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'pt',
   $t$Último aviso: {{total_due}} em atraso$t$,
   $t${{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}

Este é o nosso último aviso relativo ao seguinte valor, que continua em aberto:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capital: {{total_open}}
{{#total_fees}}Encargos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Juros de mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnização pelos custos de cobrança: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total em dívida: {{total_due}}

{{#fee}}Foi acrescentada à sua conta uma taxa de atraso de {{fee}}.

{{/fee}}{{#fee_waived}}Como cortesia, desta vez dispensamos a taxa de atraso de {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Os juros de mora{{#interest_rate}} à taxa anual de {{interest_rate}}%{{/interest_rate}} e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Caso não recebamos o pagamento até {{next_step.due_on}}, encaminharemos a dívida ao nosso parceiro de cobrança.

{{/next_step.handoff}}{{#next_step.suspend}}Caso não recebamos o pagamento até {{next_step.due_on}}, teremos de suspender o seu serviço.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}</p>
<p>Este é o nosso último aviso relativo ao seguinte valor, que continua em aberto:</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capital: {{total_open}}{{#total_fees}}<br>Encargos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Juros de mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnização pelos custos de cobrança: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total em dívida: {{total_due}}</strong></p>
{{#fee}}<p>Foi acrescentada à sua conta uma taxa de atraso de {{fee}}.</p>
{{/fee}}{{#fee_waived}}<p>Como cortesia, desta vez dispensamos a taxa de atraso de {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Os juros de mora{{#interest_rate}} à taxa anual de {{interest_rate}}%{{/interest_rate}} e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Caso não recebamos o pagamento até {{next_step.due_on}}, encaminharemos a dívida ao nosso parceiro de cobrança.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Caso não recebamos o pagamento até {{next_step.due_on}}, teremos de suspender o seu serviço.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'pt',
   $t$A sua conta foi encaminhada para cobrança$t$,
   $t${{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}

Apesar dos nossos lembretes, o seguinte valor continua em aberto, por isso encaminhamos a sua conta ao nosso parceiro de cobrança:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Capital: {{total_open}}
{{#total_fees}}Encargos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Juros de mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnização pelos custos de cobrança: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total em dívida: {{total_due}}

O nosso parceiro entrará em contato em breve. Se quitar o valor agora, o processo será encerrado.

{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'pt',
   $t$Extrato de conta em {{as_of}}$t$,
   $t${{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}

Segue abaixo o seu extrato de conta em {{as_of}}.

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, com vencimento em {{due_on}}: capital {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}; total {{total_due}}
{{/invoices}}
{{#total_charges}}Capital: {{total_open}}
{{#total_fees}}Encargos: {{total_fees}}
{{/total_fees}}{{#total_interest}}Juros de mora: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Indemnização pelos custos de cobrança: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Total em dívida: {{total_due}}

{{#legal_basis}}Os juros de mora e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).

{{/legal_basis}}Se alguma linha não lhe parecer correta, entre em contato conosco: vamos analisá-la juntos.

{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Prezado cliente,{{/customer.company}}{{^customer.company}}{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}{{/customer.company}}</p>
<p>Segue abaixo o seu extrato de conta em {{as_of}}.</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, com vencimento em {{due_on}}: capital {{open_amount}}{{#fees}}, encargos {{fees}}{{/fees}}{{#interest}}, juros {{interest}}{{/interest}}{{#compensation}}, indemnização {{compensation}}{{/compensation}}; total {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Capital: {{total_open}}{{#total_fees}}<br>Encargos: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Juros de mora: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Indemnização pelos custos de cobrança: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Total em dívida: {{total_due}}</strong></p>
{{#legal_basis}}<p>Os juros de mora e a indemnização pelos custos de cobrança são cobrados nos termos da legislação aplicável ({{legal_basis}}).</p>
{{/legal_basis}}<p>Se alguma linha não lhe parecer correta, entre em contato conosco: vamos analisá-la juntos.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
