-- Roles, schemas, extensions and shared functions of one IRIS database; run by the superuser
-- inside that database on every start, so every statement is safe to repeat.
--   psql -v ON_ERROR_STOP=1 -v services=membership,grants -d iris -f scripts/sql/provision.sql
-- Each service gets a LOGIN role iris_<svc> (local password = role name) owning schema <svc>,
-- and no rights anywhere else: another service's data is reached only through its gRPC API.

\if :{?services}
\else
\set services membership
\endif
SET client_min_messages = warning;  -- no "already exists, skipping" on every rerun
-- DO blocks cannot read psql variables; a session setting carries the list in.
SELECT set_config('iris.services', :'services', false) AS services \gset

CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- unaccent() is only STABLE (it reads a dictionary) and knows no Cyrillic; indexes need an
-- IMMUTABLE function that folds Serbian Cyrillic and Latin spellings to one ASCII form:
-- 'Ђорђе Његош Џеп' and 'Đorđe Njegoš Džep' both give 'djordje njegos dzep'.
CREATE OR REPLACE FUNCTION public.iris_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $f$
SELECT public.unaccent('public.unaccent'::regdictionary, replace(translate(
  replace(replace(replace(lower(t),'љ','lj'),'њ','nj'),'џ','dž'),
  'абвгдђежзијклмнопрстћуфхцчш','abvgdđežzijklmnoprstćufhcčš'),'đ','dj')) $f$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

DO $do$
DECLARE
  svc text;
  rname text;
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  FOREACH svc IN ARRAY string_to_array(current_setting('iris.services'), ',') LOOP
    svc := btrim(svc);
    CONTINUE WHEN svc = '';
    IF svc !~ '^[a-z][a-z0-9_]*$' THEN
      RAISE EXCEPTION 'service name % is not a plain lower-case identifier', svc;
    END IF;
    rname := 'iris_' || svc;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = rname) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', rname, rname);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), rname);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, rname);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, rname);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', rname);
    EXECUTE format('GRANT EXECUTE ON FUNCTION public.iris_fold(text) TO %I', rname);
    -- Unqualified names resolve to the service's own schema, then to the shared functions.
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I, public',
                   rname, current_database(), svc);
  END LOOP;
END
$do$;
