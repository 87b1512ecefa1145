-- The foreign key V003 promised and never added: a member's account names an organisation that
-- exists (POST /v1/users accepted any UUID as organization_id).
--
-- Accounts that already name a missing organisation stop this migration, listed by id, and
-- nothing of it is applied. They are not deleted or repointed here: an account is a person's
-- sign-in and the actor of its audit trail, and only an operator knows which organisation was
-- meant. Repoint each (UPDATE membership.users SET organization_id = ... WHERE id = ...) or
-- remove it, then migrate again.
--
-- ON DELETE RESTRICT: organisations are never deleted (leaving the network is the status
-- withdrawn), and whoever deletes one must first decide about its accounts; none vanishes or
-- loses its organisation as a side effect.
DO $$
DECLARE
  dangling bigint;
  sample text;
BEGIN
  SELECT count(*), string_agg(id::text, ', ' ORDER BY id) FILTER (WHERE n <= 20)
    INTO dangling, sample
    FROM (SELECT u.id, row_number() OVER (ORDER BY u.id) AS n
            FROM membership.users u
           WHERE u.organization_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM membership.organizations o
                              WHERE o.id = u.organization_id)) AS d;
  IF dangling > 0 THEN
    RAISE EXCEPTION '% account(s) in membership.users name an organization that does not exist '
                    '(first ids: %)', dangling, sample
      USING HINT = 'Point each to its organization or delete it, then migrate again '
                   '(see V008__users_organization_fk.sql).';
  END IF;
END
$$;

ALTER TABLE membership.users
  ADD CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id)
  REFERENCES membership.organizations (id) ON DELETE RESTRICT;

-- The referencing side of the key: a RESTRICT check (and listing an organisation's accounts)
-- finds them without scanning every user.
CREATE INDEX users_organization ON membership.users (organization_id)
  WHERE organization_id IS NOT NULL;
