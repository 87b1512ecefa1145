-- The orders lists offer (sort=name, sort=-updated_at, ...; libs/pagination/sort.hpp): one
-- index per sort key and id, so each order's keyset page is an index scan like the default
-- (created_at, id) one. Names sort by the ICU root collation, the expression the statements
-- use; descending orders scan the same indexes backwards.
CREATE INDEX organizations_by_name
  ON membership.organizations ((name COLLATE "und-x-icu"), id);
CREATE INDEX organizations_by_updated ON membership.organizations (updated_at, id);
CREATE INDEX people_by_name
  ON membership.people (organization_id, (name COLLATE "und-x-icu"), id);
CREATE INDEX social_services_by_updated ON membership.social_services (updated_at, id);
CREATE INDEX social_services_by_licence_expiry
  ON membership.social_services ((COALESCE(licence_valid_until, 'infinity'::date)), id);
CREATE INDEX membership_applications_by_updated
  ON membership.membership_applications (updated_at, id);
CREATE INDEX users_by_email ON membership.users (email, id);
CREATE INDEX users_keyset ON membership.users (created_at, id);
