-- The call an application belongs to, read before the award locks that call's row.
SELECT call_id::text AS call_id FROM grants.applications WHERE id = $1::uuid
