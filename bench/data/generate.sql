-- Benchmark data, set-based, into a database the API's `migrate` command created (regions and states come from the
-- migrations). psql variables: members (how many), seed (0..1, for a repeatable draw). Run by bench/run.sh:
--   psql -v members=1000000 -v seed=0.42 -f bench/data/generate.sql
-- Sizes follow the member count: ~2 terms per member, 30 % hold a certificate, half paid dues online, one agency per
-- 200 members. Name keys are filled as TextKeys.Normalize fills them (lower case, accents removed); the load driver
-- checks every distinct name against TextKeys.Normalize itself before it measures.
\set ON_ERROR_STOP on
SELECT setseed(:seed);
SET synchronous_commit = off;

-- Names: a weighted list of common surnames (with accented spellings that must fold to the same key) and a long tail
-- built from syllables, so a common fragment ("garc", "smith") matches thousands and a rare one a handful.
CREATE TEMP TABLE common_surnames (name text, key text, weight int);
INSERT INTO common_surnames VALUES
  ('Smith','smith',100),('Johnson','johnson',81),('Williams','williams',70),('Brown','brown',62),('Jones','jones',62),
  ('Garcia','garcia',55),('García','garcia',10),('Miller','miller',53),('Davis','davis',50),('Rodriguez','rodriguez',45),
  ('Rodríguez','rodriguez',8),('Martinez','martinez',45),('Martínez','martinez',7),('Hernandez','hernandez',44),
  ('Hernández','hernandez',7),('Lopez','lopez',36),('López','lopez',6),('Gonzalez','gonzalez',35),('Wilson','wilson',33),
  ('Anderson','anderson',32),('Thomas','thomas',31),('Taylor','taylor',31),('Moore','moore',29),('Jackson','jackson',29),
  ('Martin','martin',28),('Lee','lee',27),('Perez','perez',25),('Thompson','thompson',25),('White','white',25),
  ('Harris','harris',23),('Sanchez','sanchez',23),('Clark','clark',22),('Ramirez','ramirez',22),('Lewis','lewis',21),
  ('Robinson','robinson',21),('Walker','walker',21),('Young','young',19),('Allen','allen',19),('King','king',19),
  ('Wright','wright',19),('Scott','scott',18),('Torres','torres',18),('Nguyen','nguyen',18),('Hill','hill',18),
  ('Flores','flores',18),('Green','green',18),('Adams','adams',17),('Nelson','nelson',17),('Baker','baker',17),
  ('Hall','hall',16),('Rivera','rivera',16),('Campbell','campbell',16),('Mitchell','mitchell',16),('Carter','carter',16),
  ('Roberts','roberts',15),('Gomez','gomez',14),('Gómez','gomez',3),('Phillips','phillips',14),('Evans','evans',14),
  ('Turner','turner',14),('Diaz','diaz',14),('Díaz','diaz',3),('Parker','parker',13),('Cruz','cruz',13),
  ('Edwards','edwards',13),('Collins','collins',13),('Reyes','reyes',13),('Stewart','stewart',13),('Morris','morris',13),
  ('Morales','morales',12),('Murphy','murphy',12),('Cook','cook',12),('Rogers','rogers',12),('Gutierrez','gutierrez',11),
  ('Ortiz','ortiz',11),('Morgan','morgan',11),('Cooper','cooper',11),('Peterson','peterson',11),('Bailey','bailey',11),
  ('Reed','reed',11),('Kelly','kelly',11),('Howard','howard',11),('Ramos','ramos',11),('Kim','kim',11),('Cox','cox',10),
  ('Ward','ward',10),('Richardson','richardson',10),('Watson','watson',10),('Brooks','brooks',10),('Chavez','chavez',10),
  ('Wood','wood',10),('James','james',10),('Bennett','bennett',10),('Gray','gray',10),('Mendoza','mendoza',10),
  ('Ruiz','ruiz',9),('Hughes','hughes',9),('Price','price',9),('Alvarez','alvarez',9),('Castillo','castillo',9),
  ('Sanders','sanders',9),('Patel','patel',9),('Myers','myers',9),('Long','long',9),('Ross','ross',9),('Foster','foster',9),
  ('Núñez','nunez',5),('Nunez','nunez',4),('Peña','pena',4),('Muñoz','munoz',5),('Ibáñez','ibanez',2),
  ('O''Brien','o''brien',4),('McCarthy','mccarthy',4),('Kowalski','kowalski',2),('Okafor','okafor',1),
  ('St. Clair','st. clair',1),('Washington','washington',6);

CREATE TEMP TABLE surname_pick AS
  SELECT row_number() OVER () - 1 AS slot, name, key FROM common_surnames, generate_series(1, weight);

CREATE TEMP TABLE tail_parts (part int, text text);
INSERT INTO tail_parts SELECT 1, unnest(ARRAY['Al','Bar','Cal','Dal','Ell','Fair','Gar','Hal','Ing','Kel','Lang','Mar',
  'Nor','Ox','Pem','Quin','Rad','Sal','Tal','Ul','Van','Wal','Yar','Zel','Ash','Brad','Crom','Dun','Esk','Ford']);
INSERT INTO tail_parts SELECT 2, unnest(ARRAY['a','e','i','o','u','an','en','in','on','er','ar','or','el','il','am',
  'ber','den','fer','gen','ker','ley','mon','ner','per','ris','son','ter','ver','win','zer']);
INSERT INTO tail_parts SELECT 3, unnest(ARRAY['ton','field','wood','worth','by','ford','ham','ley','well','man','stead',
  'ridge','land','brook','more','dale','hurst','wick','shaw','court']);
CREATE TEMP TABLE tail_pick AS
  SELECT row_number() OVER () - 1 AS slot, a.text || b.text || c.text AS name, lower(a.text || b.text || c.text) AS key
  FROM tail_parts a, tail_parts b, tail_parts c WHERE a.part = 1 AND b.part = 2 AND c.part = 3;

CREATE TEMP TABLE first_names (slot int, name text, key text);
INSERT INTO first_names SELECT row_number() OVER () - 1, n, k FROM (VALUES
  ('James','james'),('Maria','maria'),('Michael','michael'),('Jennifer','jennifer'),('David','david'),('Patricia','patricia'),
  ('Robert','robert'),('Linda','linda'),('Daniel','daniel'),('Angela','angela'),('Marcus','marcus'),('Keisha','keisha'),
  ('Brian','brian'),('Tamika','tamika'),('Kevin','kevin'),('Shannon','shannon'),('Anthony','anthony'),('Nicole','nicole'),
  ('Jason','jason'),('Heather','heather'),('José','jose'),('María','maria'),('Andrés','andres'),('Inés','ines'),
  ('Raúl','raul'),('Sofía','sofia'),('Zoë','zoe'),('Renée','renee'),('Chloé','chloe'),('François','francois'),
  ('Tyrone','tyrone'),('Latoya','latoya'),('Derek','derek'),('Crystal','crystal'),('Luis','luis'),('Ana','ana'),
  ('Wei','wei'),('Mei','mei'),('Tuan','tuan'),('Priya','priya'),('Samuel','samuel'),('Grace','grace'),
  ('Terrence','terrence'),('Monique','monique'),('Cody','cody'),('Brandi','brandi'),('Hector','hector'),('Rosa','rosa'),
  ('Ahmed','ahmed'),('Fatima','fatima'),('John','john'),('Mary','mary'),('William','william'),('Elizabeth','elizabeth'),
  ('Christopher','christopher'),('Jessica','jessica'),('Matthew','matthew'),('Sarah','sarah'),('Joshua','joshua'),
  ('Ashley','ashley'),('Andrew','andrew'),('Amanda','amanda'),('Ryan','ryan'),('Melissa','melissa'),('Justin','justin'),
  ('Stephanie','stephanie'),('Brandon','brandon'),('Rebecca','rebecca'),('Eric','eric'),('Laura','laura')) v(n, k);

-- Plans: the seven the demo data has, by the same codes.
INSERT INTO "MembershipPlans" ("Id","Code","Name","Category","PriceAmount","Currency","TermKind","TermMonths","PeriodStartMonth","GraceDays","IsActive","CreatedAt","UpdatedAt")
SELECT md5('plan' || code)::uuid, code, name, category, price, 'USD', kind, months, start_month, grace, active, now() - interval '5 years', now() - interval '5 years'
FROM (VALUES
  ('REGULAR-ANNUAL','Regular membership, annual','Regular',7500,'Anniversary',12,NULL::int,30,true),
  ('ASSOCIATE-ANNUAL','Associate membership, annual','Associate',6000,'Anniversary',12,NULL,30,true),
  ('RETIRED-ANNUAL','Retired membership, annual','Retired',3500,'Anniversary',12,NULL,30,true),
  ('STUDENT-ANNUAL','Student membership, annual','Student',2500,'Anniversary',12,NULL,30,true),
  ('LIFE','Life membership','Life',0,'Lifetime',0,NULL,0,true),
  ('REGULAR-SCHOOLYEAR','Regular membership, school year (July to June)','Regular',7000,'FixedPeriod',12,7,30,true),
  ('REGULAR-2YEAR-LEGACY','Regular membership, two years (no longer sold)','Regular',14000,'Anniversary',24,NULL,30,false)
) p(code, name, category, price, kind, months, start_month, grace, active);

-- Agencies: one per 200 members (at least 20), spread over the states; ORI codes are unique.
CREATE TEMP TABLE state_pick AS SELECT row_number() OVER (ORDER BY "Code") - 1 AS slot, "Code" AS code FROM "States";
INSERT INTO "Agencies" ("Id","Name","NameKey","Kind","City","StateCode","OriCode","CreatedAt","UpdatedAt")
SELECT md5('agency' || i)::uuid, name, lower(name), kind, city, s.code, s.code || lpad(i::text, 7, '0'), now() - interval '6 years', now() - interval '6 years'
FROM (
  SELECT i, (ARRAY['PoliceDepartment','SheriffsOffice','SchoolDistrictPolice','SchoolDistrict','StateAgency','Other'])[1 + i % 6] AS kind,
         (ARRAY['Springfield','Franklin','Greenville','Bristol','Clinton','Fairview','Salem','Madison','Georgetown','Arlington'])[1 + i % 10] || ' ' || i AS city,
         i % (SELECT count(*) FROM state_pick) AS state_slot
  FROM generate_series(1, greatest(20, :members / 200)) i
) a
JOIN state_pick s ON s.slot = a.state_slot
CROSS JOIN LATERAL (SELECT a.city || CASE a.kind WHEN 'PoliceDepartment' THEN ' Police Department' WHEN 'SheriffsOffice' THEN ' County Sheriff''s Office'
  WHEN 'SchoolDistrictPolice' THEN ' ISD Police' WHEN 'SchoolDistrict' THEN ' Unified School District' WHEN 'StateAgency' THEN ' State School Safety Center'
  ELSE ' Youth Services' END AS name) n;
CREATE TEMP TABLE agency_pick AS SELECT row_number() OVER (ORDER BY "OriCode") - 1 AS slot, "Id" AS id, "StateCode" AS state FROM "Agencies";

-- Members and terms reference each other (CurrentTermId): load with foreign-key triggers off and the secondary indexes
-- dropped, then rebuild the indexes from their saved definitions and check every reference at the end.
SET session_replication_role = replica;
CREATE TEMP TABLE saved_indexes AS
  SELECT i.indexname, i.indexdef FROM pg_indexes i
  WHERE i.schemaname = 'public' AND i.tablename IN ('Members','MembershipTerms','Certificates','CourseCompletions','DuesPayments','DuesPaymentLines','Tickets','TicketOrders','VerificationConsents')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

-- One draw per member: status shares as the demo data has them (74 % active, 8 grace, 10 lapsed, 4 pending,
-- 2 suspended, 2 cancelled), categories weighted, one member in twelve without an agency.
CREATE TEMP TABLE draw AS
SELECT i,
  CASE WHEN random() < 0.4 THEN (random() * ((SELECT count(*) FROM surname_pick) - 1))::int ELSE -1 END AS common_slot,
  (random() * ((SELECT count(*) FROM tail_pick) - 1))::int AS tail_slot,
  (random() * ((SELECT count(*) FROM first_names) - 1))::int AS first_slot,
  CASE WHEN random() < 1.0 / 12 THEN -1 ELSE (random() * ((SELECT count(*) FROM agency_pick) - 1))::int END AS agency_slot,
  (random() * ((SELECT count(*) FROM state_pick) - 1))::int AS state_slot,
  random() AS status_draw, random() AS category_draw, random() AS day_draw, random() AS misc
FROM generate_series(1, :members) i;

CREATE TEMP TABLE member_rows AS
SELECT d.i, md5('member' || d.i)::uuid AS id, f.name AS first_name, f.key AS first_key,
  coalesce(c.name, t.name) AS last_name, coalesce(c.key, t.key) AS last_key,
  a.id AS agency_id, coalesce(a.state, s.code) AS state_code,
  CASE WHEN d.status_draw < 0.74 THEN 'Active' WHEN d.status_draw < 0.82 THEN 'Grace' WHEN d.status_draw < 0.92 THEN 'Lapsed'
       WHEN d.status_draw < 0.96 THEN 'Pending' WHEN d.status_draw < 0.98 THEN 'Suspended' ELSE 'Cancelled' END AS status,
  CASE WHEN d.category_draw < 0.80 THEN 'Regular' WHEN d.category_draw < 0.90 THEN 'Associate' WHEN d.category_draw < 0.95 THEN 'Retired'
       WHEN d.category_draw < 0.98 THEN 'Student' ELSE 'Life' END AS category,
  d.day_draw, d.misc
FROM draw d
JOIN first_names f ON f.slot = d.first_slot
JOIN tail_pick t ON t.slot = d.tail_slot
LEFT JOIN surname_pick c ON c.slot = d.common_slot
LEFT JOIN agency_pick a ON a.slot = d.agency_slot
JOIN state_pick s ON s.slot = d.state_slot;
-- A life term never lapses.
UPDATE member_rows SET category = 'Regular' WHERE category = 'Life' AND status IN ('Grace', 'Lapsed');

CREATE TEMP TABLE term_rows AS
SELECT m.i, m.id AS member_id, m.category, m.status, p."Id" AS plan_id, p."PriceAmount" AS price, p."GraceDays" AS grace,
  CASE WHEN m.category = 'Life' THEN current_date - (m.day_draw * 1000)::int
       WHEN m.status = 'Grace' THEN (current_date - (2 + m.day_draw * 24)::int + 1) - interval '12 months'
       WHEN m.status = 'Lapsed' THEN (current_date - (45 + m.day_draw * 355)::int + 1) - interval '12 months'
       WHEN m.status = 'Pending' THEN current_date - (m.day_draw * 21)::int
       ELSE current_date - (m.day_draw * 330)::int END::date AS starts_on
FROM member_rows m
JOIN "MembershipPlans" p ON p."Code" = CASE m.category WHEN 'Regular' THEN 'REGULAR-ANNUAL' WHEN 'Associate' THEN 'ASSOCIATE-ANNUAL'
  WHEN 'Retired' THEN 'RETIRED-ANNUAL' WHEN 'Student' THEN 'STUDENT-ANNUAL' ELSE 'LIFE' END;

INSERT INTO "Members" ("Id","Number","FirstName","LastName","FirstNameKey","LastNameKey","Email","EmailNormalized","Phone",
  "MailingAddress_Line1","MailingAddress_Line2","MailingAddress_City","MailingAddress_StateCode","MailingAddress_PostalCode","DateOfBirth",
  "AgencyId","AgencyConfirmedAt","JobTitle","Category","IsSwornOfficer","SroSince","StateCode","DirectoryOptIn","SuspendedAt","SuspensionReason",
  "CurrentTermId","CreatedAt","UpdatedAt")
SELECT m.id, m.i, m.first_name, m.last_name, m.first_key, m.last_key,
  e.email, lower(e.email), '(555) 555-' || lpad((m.i % 10000)::text, 4, '0'),
  (100 + m.i % 9800) || ' ' || (ARRAY['Oak','Maple','Cedar','Pine','Elm','Lincoln','Park','Lake','Ridge','River'])[1 + m.i % 10] || ' St',
  CASE WHEN m.i % 5 = 0 THEN 'Apt ' || (1 + m.i % 40) END, 'Springfield', m.state_code, lpad((m.i % 99999)::text, 5, '0'),
  current_date - (9000 + (m.misc * 14000)::int), m.agency_id, CASE WHEN m.agency_id IS NOT NULL THEN now() - interval '2 years' END,
  CASE m.category WHEN 'Regular' THEN 'School Resource Officer' WHEN 'Retired' THEN 'Retired Officer' WHEN 'Student' THEN 'Student'
    WHEN 'Life' THEN 'Sergeant' ELSE 'School Safety Coordinator' END,
  m.category, m.category IN ('Regular', 'Life'), CASE WHEN m.category IN ('Regular', 'Life') THEN current_date - (400 + (m.misc * 5000)::int) END,
  m.state_code, m.misc < 0.6,
  CASE WHEN m.status = 'Suspended' THEN now() - interval '20 days' END,
  CASE WHEN m.status = 'Suspended' THEN 'Under review by the ethics committee.' END,
  md5('term' || m.i || '-1')::uuid, t.starts_on - interval '12 months', now() - interval '20 days'
FROM member_rows m
JOIN term_rows t ON t.i = m.i
CROSS JOIN LATERAL (SELECT regexp_replace(m.first_key || '.' || m.last_key, '[^a-z.]', '', 'g') || '.' || m.i || '@example.org' AS email) e;

-- Two terms a member (the previous year's, then the current one), but one for pending applicants and life members.
INSERT INTO "MembershipTerms" ("Id","MemberId","PlanId","StartsOn","EndsOn","GraceEndsOn","ActivatedAt","CancelledAt","CancellationReason","CreatedAt","PaymentLineId")
SELECT md5('term' || t.i || '-' || k)::uuid, t.member_id, t.plan_id, s.starts_on,
  CASE WHEN t.category <> 'Life' THEN (s.starts_on + interval '12 months' - interval '1 day')::date END,
  CASE WHEN t.category <> 'Life' THEN (s.starts_on + interval '12 months' - interval '1 day')::date + t.grace END,
  CASE WHEN k = 0 OR t.status <> 'Pending' THEN s.starts_on::timestamptz + interval '10 hours' END,
  CASE WHEN k = 1 AND t.status = 'Cancelled' THEN now() - interval '10 days' END,
  CASE WHEN k = 1 AND t.status = 'Cancelled' THEN 'Left the profession.' END,
  s.starts_on::timestamptz + interval '9 hours',
  CASE WHEN k = 1 AND t.i % 2 = 0 AND t.status NOT IN ('Pending') AND t.category <> 'Life' THEN md5('line' || t.i)::uuid END
FROM term_rows t
CROSS JOIN generate_series(0, 1) k
CROSS JOIN LATERAL (SELECT CASE WHEN k = 1 THEN t.starts_on ELSE (t.starts_on - interval '12 months')::date END AS starts_on) s
WHERE k = 1 OR (t.status <> 'Pending' AND t.category <> 'Life');

-- Dues: every other member paid the current term online (one succeeded payment with one line).
INSERT INTO "DuesPayments" ("Id","ReceiptNumber","Kind","PayerMemberId","AgencyId","PlanId","Amount","Currency","RefundedAmount","Status","AutoRenew",
  "IdempotencyKey","StripeCheckoutSessionId","StripePaymentIntentId","CreatedAt","CompletedAt","CreatedBy")
SELECT md5('payment' || t.i)::uuid, 'R-' || extract(year FROM t.starts_on) || '-' || lpad((row_number() OVER (ORDER BY t.i))::text, 6, '0'), 'Individual',
  t.member_id, NULL, t.plan_id, t.price, 'USD', 0, 'Succeeded', t.i % 6 = 0, md5('idem' || t.i)::uuid, 'cs_bench_' || t.i, 'pi_bench_' || t.i,
  t.starts_on::timestamptz + interval '9 hours', t.starts_on::timestamptz + interval '10 hours', 'member'
FROM term_rows t
WHERE t.i % 2 = 0 AND t.status <> 'Pending' AND t.category <> 'Life';
INSERT INTO "DuesPaymentLines" ("Id","PaymentId","MemberId","Amount","TermId","PeriodStart","PeriodEnd")
SELECT md5('line' || t.i)::uuid, md5('payment' || t.i)::uuid, t.member_id, t.price, md5('term' || t.i || '-1')::uuid, t.starts_on,
  (t.starts_on + interval '12 months' - interval '1 day')::date
FROM term_rows t
WHERE t.i % 2 = 0 AND t.status <> 'Pending' AND t.category <> 'Life';
UPDATE "NumberSequences" SET "LastValue" = (SELECT count(*) FROM "DuesPayments") WHERE "Name" = 'receipt';
UPDATE "NumberSequences" SET "LastValue" = :members WHERE "Name" = 'member';

-- Certificates: 30 % of members hold one course certificate (one in 17 suspended, one in 29 revoked), with its completion.
CREATE TEMP TABLE course_pick AS SELECT row_number() OVER (ORDER BY "Code") - 1 AS slot, * FROM "Courses";
CREATE TEMP TABLE certificate_rows AS
SELECT row_number() OVER (ORDER BY m.i) AS seq, m.i, m.id AS member_id, m.first_name, m.last_name, m.last_key,
  c."Id" AS course_id, c."Name" AS title, c."DurationMinutes" AS minutes, c."CertificateValidityMonths" AS validity,
  current_date - (30 + (m.misc * 1700)::int) AS issued_on
FROM member_rows m
JOIN course_pick c ON c.slot = m.i % (SELECT count(*) FROM course_pick)
WHERE m.i % 10 IN (0, 3, 6);
INSERT INTO "Certificates" ("Id","Number","VerificationCode","MemberId","Kind","CourseId","HolderName","HolderLastNameKey","Title","DurationMinutes",
  "IssuedOn","ExpiresOn","SuspendedAt","SuspensionReason","RevokedAt","RevocationReason","CreatedAt")
SELECT md5('certificate' || c.seq)::uuid, 'SRO-' || extract(year FROM c.issued_on) || '-' || lpad(c.seq::text, 6, '0'),
  upper(substr(md5('code' || c.seq || :seed), 1, 20)), c.member_id, 'Course', c.course_id, c.first_name || ' ' || c.last_name, c.last_key, c.title, c.minutes,
  c.issued_on, CASE WHEN c.validity IS NOT NULL THEN (c.issued_on + make_interval(months => c.validity))::date END,
  CASE WHEN c.seq % 17 = 0 THEN now() - interval '5 days' END, CASE WHEN c.seq % 17 = 0 THEN 'Under review' END,
  CASE WHEN c.seq % 29 = 0 AND c.seq % 17 <> 0 THEN now() - interval '5 days' END, CASE WHEN c.seq % 29 = 0 AND c.seq % 17 <> 0 THEN 'Issued in error' END,
  c.issued_on::timestamptz + interval '12 hours'
FROM certificate_rows c;
INSERT INTO "CourseCompletions" ("Id","MemberId","CourseId","OfferingId","CompletedOn","CertificateId","RecordedBy","RecordedAt")
SELECT md5('completion' || c.seq)::uuid, c.member_id, c.course_id, NULL, c.issued_on, md5('certificate' || c.seq)::uuid, 'bench', c.issued_on::timestamptz + interval '12 hours'
FROM certificate_rows c;
UPDATE "NumberSequences" SET "LastValue" = (SELECT count(*) FROM "Certificates") WHERE "Name" = 'certificate';

-- The partner agency (the first by ORI code) gets standing consent from 200 certificate holders of other agencies.
INSERT INTO "VerificationConsents" ("Id","MemberId","AgencyId","GrantedAt","WithdrawnAt")
SELECT md5('consent' || c.seq)::uuid, c.member_id, (SELECT id FROM agency_pick WHERE slot = 0), now() - interval '30 days' + c.seq * interval '1 second', NULL
FROM certificate_rows c WHERE c.seq <= 200;

-- Next summer's national conference, on sale: 2,000 paid tickets of the full-conference type (two per order), and
-- "Benchmark race", a free ticket type with 10 seats that the purchaseTickets workload resets before each race.
INSERT INTO "Conferences" ("Id","Name","Venue","City","StateCode","TimeZone","StartsAt","EndsAt","Capacity","SeatsTaken","RegistrationOpensAt",
  "RegistrationClosesAt","TransferCutoffAt","RefundCutoffAt","Status","CreatedAt","National")
SELECT md5('conference')::uuid, y || ' National School Safety Conference', 'Gaylord Opryland Resort', 'Nashville', 'TN', 'America/Chicago',
  s, s + interval '4 days 9 hours', 3000, 2000, now() - interval '7 days', s - interval '1 day', s - interval '3 days', s - interval '30 days', 'OnSale',
  now() - interval '7 days', true
FROM (SELECT extract(year FROM now())::int + 1 AS y) v CROSS JOIN LATERAL (SELECT make_timestamptz(v.y, 7, 12, 13, 0, 0, 'UTC') AS s) t;
INSERT INTO "TicketTypes" ("Id","ConferenceId","Name","Description","MemberPrice","NonMemberPrice","Currency","Quota","Taken","SalesStartAt","SalesEndAt",
  "MaxPerOrder","MembersOnly","RequiresGoodStanding","CreatedAt","CountsAsAttendance")
SELECT md5('tickettype' || n)::uuid, md5('conference')::uuid, n, NULL, mp, np, 'USD', q, taken, c."RegistrationOpensAt", c."RegistrationClosesAt",
  10, false, false, now() - interval '7 days', true
FROM "Conferences" c, (VALUES ('Full conference', 49500, 64500, 2500, 2000), ('One-day pass', 22500, 29500, 400, 0),
  ('Benchmark race', 0, 0, 10, 0)) t(n, mp, np, q, taken);
INSERT INTO "TicketOrders" ("Id","Number","ConferenceId","BuyerMemberId","BuyerName","BuyerEmail","Status","HoldExpiresAt","VoucherUses","Total","Currency",
  "RefundedAmount","IdempotencyKey","CreatedAt","PaidAt")
SELECT md5('order' || o)::uuid, 'T-' || extract(year FROM now()) || '-' || lpad(o::text, 6, '0'), md5('conference')::uuid, m."Id",
  m."FirstName" || ' ' || m."LastName", m."EmailNormalized", 'Paid', now() - interval '6 days', 0, 99000, 'USD', 0, md5('orderkey' || o)::uuid,
  now() - interval '6 days', now() - interval '6 days'
FROM generate_series(1, 1000) o JOIN "Members" m ON m."Number" = o * (:members / 1000);
INSERT INTO "Tickets" ("Id","OrderId","ConferenceId","TicketTypeId","Price","AttendeeMemberId","AttendeeName","AttendeeNameKey","AttendeeEmail","Code","Status","CreatedAt")
SELECT md5('ticket' || o || '-' || k)::uuid, md5('order' || o)::uuid, md5('conference')::uuid, md5('tickettypeFull conference')::uuid, 49500,
  CASE WHEN k = 0 THEN m."Id" END, m."FirstName" || ' ' || m."LastName", m."FirstNameKey" || ' ' || m."LastNameKey", m."EmailNormalized",
  upper(substr(md5('ticketcode' || o || '-' || k), 1, 16)), 'Valid', now() - interval '6 days'
FROM generate_series(1, 1000) o CROSS JOIN generate_series(0, 1) k JOIN "Members" m ON m."Number" = o * (:members / 1000);
UPDATE "NumberSequences" SET "LastValue" = 1000 WHERE "Name" = 'ticket-order';

-- Indexes back, triggers back on, and every reference checked (the triggers were off while loading).
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;
SET session_replication_role = origin;
DO $$ DECLARE bad bigint; BEGIN
  SELECT (SELECT count(*) FROM "Members" m LEFT JOIN "MembershipTerms" t ON t."Id" = m."CurrentTermId" WHERE t."Id" IS NULL)
       + (SELECT count(*) FROM "MembershipTerms" t LEFT JOIN "Members" m ON m."Id" = t."MemberId" WHERE m."Id" IS NULL)
       + (SELECT count(*) FROM "MembershipTerms" t LEFT JOIN "DuesPaymentLines" l ON l."Id" = t."PaymentLineId" WHERE t."PaymentLineId" IS NOT NULL AND l."Id" IS NULL)
       + (SELECT count(*) FROM "Certificates" c LEFT JOIN "Members" m ON m."Id" = c."MemberId" WHERE m."Id" IS NULL)
    INTO bad;
  IF bad > 0 THEN RAISE EXCEPTION 'generated data has % dangling references', bad; END IF;
END $$;
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM "Members") AS members, (SELECT count(*) FROM "MembershipTerms") AS terms,
  (SELECT count(*) FROM "Certificates") AS certificates, (SELECT count(*) FROM "DuesPayments") AS dues_payments,
  (SELECT count(*) FROM "Agencies") AS agencies, (SELECT count(*) FROM "Tickets") AS tickets;
