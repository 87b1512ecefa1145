SELECT pg_advisory_xact_lock(hashtext('iris.membership.first_admin'))
