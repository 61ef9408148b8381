/*-------------------------------------------------------------------------
 *
 * de.sql
 *	  Shipped templates in German: friendly, firm, final, hand-off, statement.
 *
 *	  Conventions: dates ({{due_on}}, {{as_of}}) are written by the de locale
 *	  as "1. Oktober 2026". A company ({{customer.company}}) is greeted
 *	  "Sehr geehrte Damen und Herren,", a person "Guten Tag <name>," or
 *	  "Guten Tag,"; after the comma the text goes on in lower case. The reader
 *	  is addressed as "Sie".
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'de',
   $t$Freundliche Zahlungserinnerung: {{total_due}} offen$t$,
   $t${{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}

{{^long_overdue}}vielleicht ist es Ihnen entgangen: Die folgende Zahlung ist inzwischen fällig:{{/long_overdue}}{{#long_overdue}}die folgende Zahlung ist nun schon seit einiger Zeit offen. Wir bitten Sie, den Betrag zu begleichen oder sich mit uns in Verbindung zu setzen:{{/long_overdue}}

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hauptforderung: {{total_open}}
{{#total_fees}}Mahngebühren: {{total_fees}}
{{/total_fees}}{{#total_interest}}Verzugszinsen: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Pauschale für Beitreibungskosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Gesamtbetrag: {{total_due}}

{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}</p>
<p>{{^long_overdue}}vielleicht ist es Ihnen entgangen: Die folgende Zahlung ist inzwischen fällig:{{/long_overdue}}{{#long_overdue}}die folgende Zahlung ist nun schon seit einiger Zeit offen. Wir bitten Sie, den Betrag zu begleichen oder sich mit uns in Verbindung zu setzen:{{/long_overdue}}</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hauptforderung: {{total_open}}{{#total_fees}}<br>Mahngebühren: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Verzugszinsen: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Pauschale für Beitreibungskosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Gesamtbetrag: {{total_due}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.</p>
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'de',
   $t$Zweite Zahlungserinnerung: {{total_due}} weiterhin offen$t$,
   $t${{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}

trotz unserer letzten Erinnerung haben wir die folgende Zahlung noch nicht erhalten:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hauptforderung: {{total_open}}
{{#total_fees}}Mahngebühren: {{total_fees}}
{{/total_fees}}{{#total_interest}}Verzugszinsen: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Pauschale für Beitreibungskosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Gesamtbetrag: {{total_due}}

{{#fee}}Ihrem Kundenkonto wurde eine Mahngebühr von {{fee}} belastet.

{{/fee}}{{#fee_waived}}Aus Kulanz verzichten wir dieses Mal auf die Mahngebühr von {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Verzugszinsen{{#interest_rate}} in Höhe von {{interest_rate}} % pro Jahr{{/interest_rate}} und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.

{{/legal_basis}}{{#next_step}}Bitte begleichen Sie den Betrag bis zum {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}</p>
<p>trotz unserer letzten Erinnerung haben wir die folgende Zahlung noch nicht erhalten:</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hauptforderung: {{total_open}}{{#total_fees}}<br>Mahngebühren: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Verzugszinsen: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Pauschale für Beitreibungskosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Gesamtbetrag: {{total_due}}</strong></p>
{{#fee}}<p>Ihrem Kundenkonto wurde eine Mahngebühr von {{fee}} belastet.</p>
{{/fee}}{{#fee_waived}}<p>Aus Kulanz verzichten wir dieses Mal auf die Mahngebühr von {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Verzugszinsen{{#interest_rate}} in Höhe von {{interest_rate}} % pro Jahr{{/interest_rate}} und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.</p>
{{/legal_basis}}{{#next_step}}<p>Bitte begleichen Sie den Betrag bis zum {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.</p>
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'de',
   $t$Letzte Mahnung: {{total_due}} offen$t$,
   $t${{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}

dies ist unsere letzte Mahnung zu folgendem offenen Betrag:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hauptforderung: {{total_open}}
{{#total_fees}}Mahngebühren: {{total_fees}}
{{/total_fees}}{{#total_interest}}Verzugszinsen: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Pauschale für Beitreibungskosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Gesamtbetrag: {{total_due}}

{{#fee}}Ihrem Kundenkonto wurde eine Mahngebühr von {{fee}} belastet.

{{/fee}}{{#fee_waived}}Aus Kulanz verzichten wir dieses Mal auf die Mahngebühr von {{fee_waived}}.

{{/fee_waived}}{{#legal_basis}}Verzugszinsen{{#interest_rate}} in Höhe von {{interest_rate}} % pro Jahr{{/interest_rate}} und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.

{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, übergeben wir die Forderung an unseren Inkassopartner.

{{/next_step.handoff}}{{#next_step.suspend}}Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, müssen wir Ihren Dienst sperren.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}</p>
<p>dies ist unsere letzte Mahnung zu folgendem offenen Betrag:</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hauptforderung: {{total_open}}{{#total_fees}}<br>Mahngebühren: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Verzugszinsen: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Pauschale für Beitreibungskosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Gesamtbetrag: {{total_due}}</strong></p>
{{#fee}}<p>Ihrem Kundenkonto wurde eine Mahngebühr von {{fee}} belastet.</p>
{{/fee}}{{#fee_waived}}<p>Aus Kulanz verzichten wir dieses Mal auf die Mahngebühr von {{fee_waived}}.</p>
{{/fee_waived}}{{#legal_basis}}<p>Verzugszinsen{{#interest_rate}} in Höhe von {{interest_rate}} % pro Jahr{{/interest_rate}} und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.</p>
{{/legal_basis}}{{#next_step}}{{#next_step.handoff}}<p>Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, übergeben wir die Forderung an unseren Inkassopartner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, müssen wir Ihren Dienst sperren.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'de',
   $t$Ihr Konto wurde an unseren Inkassopartner übergeben$t$,
   $t${{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}

trotz unserer Erinnerungen ist der folgende Betrag weiterhin offen. Wir haben Ihr Konto daher an unseren Inkassopartner übergeben:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}
{{/invoices}}
{{#total_charges}}Hauptforderung: {{total_open}}
{{#total_fees}}Mahngebühren: {{total_fees}}
{{/total_fees}}{{#total_interest}}Verzugszinsen: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Pauschale für Beitreibungskosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Gesamtbetrag: {{total_due}}

Unser Inkassopartner wird sich in Kürze bei Ihnen melden. Wenn Sie den Betrag jetzt begleichen, wird der Vorgang abgeschlossen.

{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL),
  ('statement', 'email', 'de',
   $t$Kontoauszug zum {{as_of}}$t$,
   $t${{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}

nachfolgend finden Sie Ihren Kontoauszug zum {{as_of}}.

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: Hauptforderung {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}; insgesamt {{total_due}}
{{/invoices}}
{{#total_charges}}Hauptforderung: {{total_open}}
{{#total_fees}}Mahngebühren: {{total_fees}}
{{/total_fees}}{{#total_interest}}Verzugszinsen: {{total_interest}}
{{/total_interest}}{{#total_compensation}}Pauschale für Beitreibungskosten: {{total_compensation}}
{{/total_compensation}}{{/total_charges}}Gesamtbetrag: {{total_due}}

{{#legal_basis}}Verzugszinsen und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.

{{/legal_basis}}Scheint Ihnen eine Position nicht zu stimmen? Sprechen Sie uns an – wir sehen sie uns gemeinsam an.

{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.company}}Sehr geehrte Damen und Herren,{{/customer.company}}{{^customer.company}}{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}{{/customer.company}}</p>
<p>nachfolgend finden Sie Ihren Kontoauszug zum {{as_of}}.</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: Hauptforderung {{open_amount}}{{#fees}}, Mahngebühren {{fees}}{{/fees}}{{#interest}}, Verzugszinsen {{interest}}{{/interest}}{{#compensation}}, Pauschale {{compensation}}{{/compensation}}; insgesamt {{total_due}}</li>
{{/invoices}}</ul>
{{#total_charges}}<p>Hauptforderung: {{total_open}}{{#total_fees}}<br>Mahngebühren: {{total_fees}}{{/total_fees}}{{#total_interest}}<br>Verzugszinsen: {{total_interest}}{{/total_interest}}{{#total_compensation}}<br>Pauschale für Beitreibungskosten: {{total_compensation}}{{/total_compensation}}</p>
{{/total_charges}}<p><strong>Gesamtbetrag: {{total_due}}</strong></p>
{{#legal_basis}}<p>Verzugszinsen und die Pauschale für Beitreibungskosten werden gemäß {{legal_basis}} berechnet.</p>
{{/legal_basis}}<p>Scheint Ihnen eine Position nicht zu stimmen? Sprechen Sie uns an – wir sehen sie uns gemeinsam an.</p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$);
