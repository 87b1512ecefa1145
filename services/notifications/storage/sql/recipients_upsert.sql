-- A person learnt from membership.user.*: created, enabled or disabled. A message without
-- contact ($2, $3 '') keeps the contact already known.
INSERT INTO notifications.recipients (id, email, name, role, organization_id, country, active,
                                      updated_at)
VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7, now())
ON CONFLICT (id) DO UPDATE
SET email = CASE WHEN EXCLUDED.email = '' THEN recipients.email ELSE EXCLUDED.email END,
    name = CASE WHEN EXCLUDED.name = '' THEN recipients.name ELSE EXCLUDED.name END,
    role = EXCLUDED.role,
    organization_id = EXCLUDED.organization_id,
    country = EXCLUDED.country,
    active = EXCLUDED.active,
    updated_at = now()
