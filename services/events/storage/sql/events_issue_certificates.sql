-- Completing an event: each confirmed registration whose attended days reach $2 percent of the
-- event's $3 local days gets a certificate code (only days from $4 to $5, the event's first and
-- last local day as it is now, count: a day attended before a reschedule moved it off does not), 'IRIS-' and 16 upper-case hex digits: the 64
-- random bits of a v4 uuid (its version and variant digits, 13th and 17th, left out). Runs
-- under the event's row lock, in the completion's transaction.
UPDATE events.registrations AS r
SET certificate_code = 'IRIS-' || upper(substr(u.hex, 1, 12) || substr(u.hex, 14, 3)
                                         || substr(u.hex, 18, 1)),
    version = r.version + 1, updated_at = now()
FROM (SELECT reg.id, replace(gen_random_uuid()::text, '-', '') AS hex
        FROM events.registrations AS reg
       WHERE reg.event_id = $1::uuid AND reg.status = 'confirmed'
         AND reg.certificate_code IS NULL
         AND (SELECT count(DISTINCT d) FROM unnest(reg.attended_days) AS d
               WHERE d BETWEEN $4::date AND $5::date) * 100 >= $2::integer * $3::integer) AS u
WHERE r.id = u.id
RETURNING r.id::text AS id, coalesce(r.organization_id::text, '') AS organization_id
