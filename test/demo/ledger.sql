-- Demo ledger: customers, invoices, disputes and promises to pay, in schema public.
--
--   psql -v as_of=2026-09-01 -f test/demo/ledger.sql
--
-- Deterministic: the same as_of always gives the same rows (setseed(0.42),
-- every random() drawn in one pass over generate_series, in row order).
-- About 40,000 invoices over the 18 months before :as_of; about 10% of them
-- are still open on :as_of, spread from "not yet due" to "120+ days overdue".
-- Re-running it drops and rebuilds the four tables.

\set ON_ERROR_STOP on
\if :{?as_of}
\else
\set as_of '2026-09-01'
\endif

SET client_min_messages = warning;
SET client_encoding = 'UTF8';
SET max_parallel_workers_per_gather = 0;
SET jit = off;

BEGIN;

DROP TABLE IF EXISTS public.promises, public.disputes, public.invoices, public.customers;

SELECT setseed(0.42) AS seeded \gset

-- ASCII folding for e-mail domains; replace() keeps it right in any server encoding.
CREATE FUNCTION pg_temp.slug(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    m text[] := ARRAY['á','a','à','a','â','a','ã','a','ç','c','Ç','c',
                      'é','e','è','e','ê','e','ë','e','É','e','í','i','î','i','ï','i',
                      'ñ','n','ó','o','ô','o','õ','o','ú','u','û','u',
                      'ä','ae','ö','oe','ü','ue','ß','ss','&','and'];
    i int;
BEGIN
    FOR i IN 1 .. array_length(m, 1) / 2 LOOP
        s := replace(s, m[2 * i - 1], m[2 * i]);
    END LOOP;
    RETURN trim(both '-' from regexp_replace(lower(s), '[^a-z0-9]+', '-', 'g'));
END $$;

-- Word lists for company names, per locale.  kind: family, sector, form, mailbox.
CREATE TEMP TABLE _words (locale text, kind text, w text[]) ON COMMIT DROP;
INSERT INTO _words VALUES
 ('en',    'family', ARRAY['Walker','Carter','Hughes','Bennett','Foster','Morgan','Parker','Reed','Sullivan','Hayes',
                           'Brooks','Coleman','Porter','Fletcher','Griffin','Hamilton','Jenkins','Murphy','Russell','Warren']),
 ('en',    'sector', ARRAY['Logistics','Systems','Foods','Labs','Print','Design','Engineering','Consulting','Freight','Builders',
                           'Optics','Media','Analytics','Timber','Textiles','Supply','Software','Interiors','Packaging','Dental',
                           'Hardware','Robotics','Marine','Outfitters','Roofing']),
 ('en',    'form',   ARRAY['Inc.','Inc.','Inc.','LLC','LLC','Corp.']),
 ('en',    'mailbox',ARRAY['accounts','accounts','accounts','ap','billing','finance']),
 ('en-GB', 'family', ARRAY['Ashford','Whitmore','Pembroke','Hargreaves','Thornton','Fairfax','Kendall','Marlow','Aldridge','Wexford',
                           'Blackwood','Cartwright','Harrington','Langley','Pemberton','Radcliffe','Sinclair','Talbot','Wainwright','Yardley']),
 ('en-GB', 'sector', ARRAY['Logistics','Systems','Foods','Print','Design','Engineering','Consulting','Freight','Builders','Joinery',
                           'Media','Analytics','Timber','Textiles','Supplies','Software','Interiors','Packaging','Brewing','Surveyors']),
 ('en-GB', 'form',   ARRAY['Ltd','Ltd','Ltd','Ltd','Ltd','PLC','LLP']),
 ('en-GB', 'mailbox',ARRAY['accounts','accounts','accounts','purchase-ledger','finance']),
 ('fr',    'family', ARRAY['Dupont','Lefèvre','Moreau','Girard','Rousseau','Fontaine','Lambert','Bonnet','Mercier','Chevalier',
                           'Garnier','Faure','Blanchard','Perrin','Morel','Roussel','Marchand','Leclerc','Brunet','Guérin']),
 ('fr',    'sector', ARRAY['Atelier','Maison','Groupe','Établissements','Transports','Logistique','Imprimerie','Menuiserie','Boulangerie','Optique',
                           'Conseil','Bâtiment','Ingénierie','Distribution','Informatique','Électricité','Emballages','Textiles','Charpente','Pharmacie']),
 ('fr',    'form',   ARRAY['SARL','SARL','SAS','SAS','SAS','SA']),
 ('fr',    'mailbox',ARRAY['comptabilite','comptabilite','compta','factures','accounts']),
 ('fr-CA', 'family', ARRAY['Tremblay','Gagnon','Roy','Côté','Bouchard','Gauthier','Morin','Lavoie','Fortin','Gagné',
                           'Pelletier','Bélanger','Lévesque','Bergeron','Leblanc','Paquette','Girard','Simard','Boucher','Caron']),
 ('fr-CA', 'sector', ARRAY['Atelier','Groupe','Transport','Logistique','Imprimerie','Construction','Rénovations','Informatique','Distribution','Ébénisterie',
                           'Conseil','Excavation','Plomberie','Toitures','Alimentation']),
 ('fr-CA', 'form',   ARRAY['inc.','inc.','inc.','ltée']),
 ('fr-CA', 'mailbox',ARRAY['comptabilite','comptes-payables','accounts']),
 ('de',    'family', ARRAY['Kessler','Brandt','Hartmann','Vogel','Lindner','Krüger','Weber','Schäfer','Becker','Hoffmann',
                           'Wagner','Zimmermann','Schröder','Neumann','Braun','Wolf','Köhler','Lehmann','Franke','Seidel']),
 ('de',    'sector', ARRAY['Logistik','Maschinenbau','Druck','Bau','Technik','Handel','Elektro','Holzbau','Verpackung','Software',
                           'Beratung','Metallbau','Optik','Textil','Medien','Spedition','Werkzeugbau','Haustechnik','Kunststoff','Feinmechanik']),
 ('de',    'form',   ARRAY['GmbH','GmbH','GmbH','GmbH','GmbH','AG','KG','GmbH & Co. KG']),
 ('de',    'mailbox',ARRAY['buchhaltung','buchhaltung','rechnungen','accounts']),
 ('it',    'family', ARRAY['Rossi','Bianchi','Ferrari','Colombo','Ricci','Marino','Greco','Bruno','Gallo','Conti',
                           'De Luca','Mancini','Costa','Giordano','Rizzo','Lombardi','Moretti','Barbieri','Fontana','Santoro']),
 ('it',    'sector', ARRAY['Logistica','Costruzioni','Tessuti','Meccanica','Arredamenti','Informatica','Trasporti','Alimentari','Stampa','Impianti',
                           'Ceramiche','Consulenza','Edilizia','Serramenti','Elettronica']),
 ('it',    'form',   ARRAY['S.r.l.','S.r.l.','S.r.l.','S.p.A.','S.n.c.']),
 ('it',    'mailbox',ARRAY['amministrazione','amministrazione','contabilita','accounts']),
 ('es',    'family', ARRAY['García','Navarro','Ortega','Castillo','Romero','Vidal','Serrano','Molina','Herrera','Iglesias',
                           'Morales','Delgado','Ramos','Gil','Marín','Rubio','Sanz','Núñez','Medina','Cortés']),
 ('es',    'sector', ARRAY['Logística','Construcciones','Transportes','Ingeniería','Distribuciones','Informática','Alimentación','Gráficas','Instalaciones','Consultores',
                           'Textil','Embalajes','Carpintería','Reformas','Suministros']),
 ('es',    'form',   ARRAY['S.L.','S.L.','S.L.','S.A.']),
 ('es',    'mailbox',ARRAY['contabilidad','contabilidad','administracion','facturas','accounts']),
 ('pt',    'family', ARRAY['Silva','Santos','Ferreira','Pereira','Costa','Oliveira','Martins','Rodrigues','Sousa','Carvalho',
                           'Almeida','Lopes','Gomes','Marques','Ribeiro','Pinto','Teixeira','Moreira','Correia','Mendes']),
 ('pt',    'sector', ARRAY['Logística','Construções','Transportes','Engenharia','Distribuição','Informática','Têxteis','Alimentar','Consultoria','Metalúrgica',
                           'Embalagens','Cerâmica','Mobiliário']),
 ('pt',    'form',   ARRAY['Lda.','Lda.','Lda.','S.A.']),
 ('pt',    'mailbox',ARRAY['contabilidade','financeiro','faturas','accounts']),
 ('nl',    'family', ARRAY['Jansen','de Vries','Bakker','Visser','Smit','Meijer','de Boer','Mulder','Bos','Vermeulen',
                           'van Dijk','de Graaf','Dekker','Brouwer','Kok','Hendriks','van Leeuwen','Peters','Willems','Kuipers']),
 ('nl',    'sector', ARRAY['Logistiek','Bouw','Techniek','Installatie','Transport','Drukwerk','Advies','Software','Verpakkingen','Handel',
                           'Metaal','Media','Schilderwerken','Tuinbouw','Elektrotechniek']),
 ('nl',    'form',   ARRAY['B.V.','B.V.','B.V.','B.V.','N.V.']),
 ('nl',    'mailbox',ARRAY['administratie','administratie','crediteuren','facturen','accounts']),
 ('*',     'brand',  ARRAY['Nordic','Bright','Alpine','Meridian','Crescent','Atlas','Summit','Harbour','Silverline','Bluewater',
                           'Northstar','Evergreen','Keystone','Pioneer','Orion','Vertex','Lumen','Cedar','Granite','Horizon',
                           'Sterling','Apex','Aurora','Beacon','Delta','Quantum','Zenith','Novus','Prisma','Terra']),
 ('*',     'qualifier', ARRAY['Group','International','Partners','Solutions','Services','Holding','Europe','Trading','Worldwide','Direct']);

-- word i (0 <= u < 1) of list (locale, kind)
CREATE FUNCTION pg_temp.pick(p_locale text, p_kind text, u float8) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT w[1 + floor(u * cardinality(w))::int] FROM _words WHERE locale = p_locale AND kind = p_kind
$$;

-------------------------------------------------------------------------------
-- Customers
-------------------------------------------------------------------------------

-- one pass of random draws, in id order
CREATE TEMP TABLE _cu ON COMMIT DROP AS
SELECT g AS id,
       random() AS u_loc,  random() AS u_tz,   random() AS u_pat,  random() AS u_w1,
       random() AS u_w2,   random() AS u_w3,   random() AS u_form, random() AS u_mail,
       random() AS u_ph,   random() AS u_ph1,  random() AS u_ph2,  random() AS u_prof,
       random() AS u_terms, random() AS u_act1, random() AS u_act2, random() AS u_start,
       random() AS u_end1, random() AS u_end2, random() AS u_size1, random() AS u_size2
FROM generate_series(1, 3000) AS g;

CREATE TEMP TABLE _c ON COMMIT DROP AS
WITH l AS (
    SELECT *,
           CASE WHEN u_loc < 0.25 THEN 'en'
                WHEN u_loc < 0.37 THEN 'en-GB'
                WHEN u_loc < 0.52 THEN 'fr'
                WHEN u_loc < 0.57 THEN 'fr-CA'
                WHEN u_loc < 0.73 THEN 'de'
                WHEN u_loc < 0.81 THEN 'it'
                WHEN u_loc < 0.89 THEN 'es'
                WHEN u_loc < 0.93 THEN 'pt'
                ELSE 'nl' END AS locale
    FROM _cu
), n AS (
    SELECT l.*,
           pg_temp.pick(locale, 'family', u_w1) AS family,
           pg_temp.pick(locale, 'family', (u_w1 + 0.05 + 0.9 * u_w3)::numeric % 1) AS family2,
           pg_temp.pick(locale, 'sector', u_w2) AS sector,
           pg_temp.pick('*', 'brand', u_w3) AS brand
    FROM l
), b AS (
    SELECT n.*,
           CASE WHEN u_pat < 0.55 THEN
                     CASE WHEN locale IN ('fr', 'fr-CA', 'es', 'pt') THEN sector || ' ' || family
                          ELSE family || ' ' || sector END
                WHEN u_pat < 0.85 THEN brand || ' ' || sector
                ELSE family || ' & ' || family2 END AS base
    FROM n
), u AS (
    SELECT b.*, row_number() OVER (PARTITION BY pg_temp.slug(base) ORDER BY id) AS dup
    FROM b
), q AS (
    SELECT u.*,
           CASE WHEN dup = 1 THEN base
                WHEN dup <= 11 THEN base || ' ' || (SELECT w[dup - 1] FROM _words WHERE kind = 'qualifier')
                ELSE base || ' ' || dup END AS uname
    FROM u
)
SELECT id, locale,
       uname || ' ' || pg_temp.pick(locale, 'form', u_form) AS name,
       pg_temp.pick(locale, 'mailbox', u_mail) || '@' || pg_temp.slug(uname) || '.example' AS email,
       CASE locale
            WHEN 'en'    THEN CASE WHEN u_tz < 0.62 THEN 'America/New_York' ELSE 'America/Los_Angeles' END
            WHEN 'en-GB' THEN 'Europe/London'
            WHEN 'fr'    THEN 'Europe/Paris'
            WHEN 'fr-CA' THEN 'America/Toronto'
            WHEN 'de'    THEN 'Europe/Berlin'
            WHEN 'it'    THEN 'Europe/Rome'
            WHEN 'es'    THEN 'Europe/Madrid'
            WHEN 'pt'    THEN 'Europe/Lisbon'
            ELSE              'Europe/Amsterdam' END AS time_zone,
       CASE WHEN u_ph >= 0.78 THEN NULL
            ELSE CASE locale
                WHEN 'en' THEN '+1 ' || CASE WHEN u_tz < 0.62
                                             THEN (ARRAY['212','646','718','917'])[1 + floor(u_ph1 * 4)::int]
                                             ELSE (ARRAY['213','310','415','408'])[1 + floor(u_ph1 * 4)::int] END
                               || ' 555 01' || lpad(floor(u_ph2 * 100)::text, 2, '0')
                WHEN 'fr-CA' THEN '+1 ' || (ARRAY['514','438','418','819'])[1 + floor(u_ph1 * 4)::int]
                               || ' 555 01' || lpad(floor(u_ph2 * 100)::text, 2, '0')
                WHEN 'en-GB' THEN '+44 20 7946 0' || lpad(floor(u_ph2 * 1000)::text, 3, '0')
                WHEN 'fr' THEN '+33 1 99 00 ' || lpad(floor(u_ph2 * 100)::text, 2, '0')
                               || ' ' || lpad(floor(u_ph1 * 100)::text, 2, '0')
                WHEN 'de' THEN '+49 ' || (ARRAY['30','40','89','221','69'])[1 + floor(u_ph1 * 5)::int]
                               || ' ' || (1000000 + floor(u_ph2 * 8999999))::bigint
                WHEN 'it' THEN '+39 0' || (ARRAY['2','6','11','51','55'])[1 + floor(u_ph1 * 5)::int]
                               || ' ' || (1000000 + floor(u_ph2 * 8999999))::bigint
                WHEN 'es' THEN '+34 9' || (ARRAY['1','3','5','6'])[1 + floor(u_ph1 * 4)::int]
                               || ' ' || (1000000 + floor(u_ph2 * 8999999))::bigint
                WHEN 'pt' THEN '+351 2' || (ARRAY['1','2','3'])[1 + floor(u_ph1 * 3)::int]
                               || ' ' || (1000000 + floor(u_ph2 * 8999999))::bigint
                ELSE '+31 ' || (ARRAY['20','10','30','70'])[1 + floor(u_ph1 * 4)::int]
                               || ' ' || (1000000 + floor(u_ph2 * 8999999))::bigint
            END END AS phone,
       CASE WHEN locale IN ('en', 'fr-CA') THEN 'USD' WHEN locale = 'en-GB' THEN 'GBP' ELSE 'EUR' END AS currency,
       -- payment behaviour: prompt, slow, chronic (a few habitual late payers)
       CASE WHEN u_prof < 0.025 THEN 'chronic' WHEN u_prof < 0.32 THEN 'slow' ELSE 'prompt' END AS profile,
       CASE WHEN u_terms < 0.60 THEN 30 WHEN u_terms < 0.80 THEN 14 ELSE 60 END AS terms,
       -- activity (log-normal invoice volume) and invoice size
       exp(1.1 * sqrt(-2 * ln(1 - u_act1)) * cos(2 * pi() * u_act2)) AS volume,
       exp(0.6 * sqrt(-2 * ln(1 - u_size1)) * cos(2 * pi() * u_size2)) AS size,
       -- active window: most customers throughout, some joined later, a few left
       CASE WHEN u_start < 0.70 THEN :'as_of'::date - 547
            ELSE :'as_of'::date - 547 + floor((u_start - 0.70) / 0.30 * 480)::int END AS active_from,
       u_end1, u_end2
FROM q;

ALTER TABLE _c ADD COLUMN active_to date;
UPDATE _c SET active_to = CASE
    WHEN u_end1 < 0.08 AND active_from + 60 < :'as_of'::date - 45
        THEN active_from + 30 + floor(u_end2 * (:'as_of'::date - 45 - active_from - 30))::int
    ELSE :'as_of'::date END;

CREATE TABLE public.customers (
    id        bigint PRIMARY KEY,
    name      text NOT NULL,
    email     text NOT NULL,
    locale    text NOT NULL,
    time_zone text NOT NULL,
    phone     text
);

INSERT INTO public.customers (id, name, email, locale, time_zone, phone)
SELECT id, name, email, locale, time_zone, phone FROM _c ORDER BY id;

-------------------------------------------------------------------------------
-- Invoices
-------------------------------------------------------------------------------

-- cumulative share of invoice volume, weighted by how long each customer is active
CREATE TEMP TABLE _cum ON COMMIT DROP AS
SELECT array_agg(lo ORDER BY id) AS lo
FROM (SELECT id,
             (sum(w) OVER (ORDER BY id) - w) / sum(w) OVER () AS lo
      FROM (SELECT id, volume * (active_to - active_from + 1) AS w FROM _c) s) t;

CREATE TEMP TABLE _iu ON COMMIT DROP AS
SELECT g,
       random() AS u_cust, random() AS u_day,  random() AS u_terms, random() AS u_term2,
       random() AS u_amt1, random() AS u_amt2, random() AS u_clamp, random() AS u_round,
       random() AS u_pay,  random() AS u_stuck, random() AS u_late, random() AS u_part,
       random() AS u_partamt, random() AS u_wd
FROM generate_series(1, 40000) AS g;

CREATE TEMP TABLE _i ON COMMIT DROP AS
WITH p AS (
    SELECT i.*, width_bucket(i.u_cust, (SELECT lo FROM _cum)) AS customer_id
    FROM _iu i
), d AS (
    SELECT p.*, c.currency, c.profile, c.size,
           c.active_from + floor(p.u_day * (c.active_to - c.active_from + 1))::int AS day0,
           CASE WHEN p.u_terms < 0.06 THEN (ARRAY[14, 30, 60])[1 + floor(p.u_term2 * 3)::int]
                ELSE c.terms END AS terms
    FROM p JOIN _c c ON c.id = p.customer_id
), w AS (
    -- invoices go out on working days: a weekend draw moves to a weekday of that week
    SELECT d.*,
           CASE WHEN extract(isodow FROM day0) > 5
                THEN day0 - extract(isodow FROM day0)::int + 1 + floor(u_wd * 5)::int
                ELSE day0 END AS issued_on
    FROM d
), a AS (
    SELECT w.*,
           issued_on + terms AS due_date,
           880 * size * exp(1.0 * sqrt(-2 * ln(1 - u_amt1)) * cos(2 * pi() * u_amt2)) AS raw_amount,
           -- days after the due date the invoice gets paid (negative: early);
           -- some invoices slip much further (lost, queried, cash-flow trouble)
           CASE profile
                WHEN 'prompt'  THEN -16 + floor(-ln(1 - u_pay) * 13)
                WHEN 'slow'    THEN  -2 + floor(-ln(1 - u_pay) * 38)
                ELSE                 20 + floor(-ln(1 - u_pay) * 110) END
           + CASE WHEN u_stuck < CASE profile WHEN 'prompt' THEN 0.03 WHEN 'slow' THEN 0.06 ELSE 0.20 END
                  THEN 45 + floor(-ln(1 - u_late) * 150) ELSE 0 END AS pay_delay,
           -- never paid without being chased
           u_late < CASE profile WHEN 'prompt' THEN 0.002 WHEN 'slow' THEN 0.006 ELSE 0.06 END AS stuck
    FROM w
), m AS (
    SELECT a.*,
           CASE WHEN raw_amount < 50    THEN 50 + u_clamp * 150
                WHEN raw_amount > 20000 THEN 20000 - u_clamp * 8000
                ELSE raw_amount END AS amt
    FROM a
), r AS (
    SELECT m.*,
           CASE WHEN u_round < 0.30 THEN round(amt::numeric, 0)
                WHEN u_round < 0.40 THEN round(amt::numeric, -1)
                ELSE round(amt::numeric, 2) END::numeric(12,2) AS amount,
           stuck OR greatest(due_date + pay_delay::int, issued_on) > :'as_of'::date AS unpaid
    FROM m
)
SELECT r.*,
       CASE WHEN NOT unpaid THEN amount
            WHEN u_part < CASE WHEN due_date >= :'as_of'::date THEN 0.03
                               WHEN profile = 'prompt' THEN 0.10
                               WHEN profile = 'slow'   THEN 0.20
                               ELSE 0.35 END
                 THEN least(amount - 0.01,
                            greatest(1, CASE WHEN amount >= 1000
                                             THEN round(amount * (0.15 + 0.6 * u_partamt::numeric) / 100) * 100
                                             ELSE round(amount * (0.15 + 0.6 * u_partamt::numeric), 2) END))
            ELSE 0 END::numeric(12,2) AS paid
FROM r;

CREATE TABLE public.invoices (
    id          bigint PRIMARY KEY,
    number      text NOT NULL UNIQUE,
    customer_id bigint NOT NULL REFERENCES public.customers,
    issued_on   date NOT NULL,
    due_date    date NOT NULL,
    currency    char(3) NOT NULL,
    amount      numeric(12,2) NOT NULL,
    paid        numeric(12,2) NOT NULL DEFAULT 0,
    balance     numeric(12,2) GENERATED ALWAYS AS (amount - paid) STORED,
    status      text
);

INSERT INTO public.invoices (id, number, customer_id, issued_on, due_date, currency, amount, paid, status)
SELECT id,
       'INV-' || extract(year FROM issued_on) || '-'
              || lpad(row_number() OVER (PARTITION BY extract(year FROM issued_on) ORDER BY id)::text, 6, '0'),
       customer_id, issued_on, due_date, currency, amount, paid,
       CASE WHEN paid = amount THEN 'paid' WHEN paid > 0 THEN 'partially_paid' ELSE 'open' END
FROM (SELECT _i.*, row_number() OVER (ORDER BY issued_on, g) AS id FROM _i) s
ORDER BY id;

CREATE INDEX invoices_customer_id_idx ON public.invoices (customer_id);
CREATE INDEX invoices_open_due_date_idx ON public.invoices (due_date) WHERE balance > 0;

-------------------------------------------------------------------------------
-- Disputes and promises to pay
-------------------------------------------------------------------------------

-- 40 open overdue invoices under dispute, at most one per customer
CREATE TABLE public.disputes (
    invoice_id bigint PRIMARY KEY REFERENCES public.invoices
);

INSERT INTO public.disputes (invoice_id)
SELECT id FROM (
    SELECT DISTINCT ON (customer_id) id, number
    FROM public.invoices
    WHERE balance > 0 AND due_date BETWEEN :'as_of'::date - 150 AND :'as_of'::date - 8
    ORDER BY customer_id, md5(number)
) s
ORDER BY md5(number || 'dispute')
LIMIT 40;

-- 15 customers with overdue balances who promised to pay by a date after as_of
CREATE TABLE public.promises (
    customer_id bigint PRIMARY KEY REFERENCES public.customers,
    until       date NOT NULL
);

INSERT INTO public.promises (customer_id, until)
SELECT customer_id, :'as_of'::date + 3 + (('x' || substr(md5(customer_id::text || 'until'), 1, 4))::bit(16)::int % 26)
FROM (
    SELECT i.customer_id
    FROM public.invoices i
    WHERE i.balance > 0 AND i.due_date < :'as_of'::date - 10
      AND NOT EXISTS (SELECT 1 FROM public.disputes d JOIN public.invoices di ON di.id = d.invoice_id
                      WHERE di.customer_id = i.customer_id)
    GROUP BY i.customer_id
    ORDER BY md5(i.customer_id::text || 'promise')
    LIMIT 15
) s
ORDER BY customer_id;

COMMIT;

ANALYZE public.customers, public.invoices, public.disputes, public.promises;
