UPDATE membership.organizations
SET name = $3, acronym = NULLIF($4, ''), country = $5, city = NULLIF($6, ''), kind = $7,
    target_groups = $8::text[], email = NULLIF($9, ''), website = NULLIF($10, ''),
    registration_number = NULLIF($11, ''), description = $12::jsonb, address = NULLIF($13, ''),
    phone = NULLIF($14, ''), logo_url = NULLIF($15, ''), version = version + 1,
    updated_at = now()
WHERE id = $1::uuid AND version = $2
RETURNING {{organizations_columns}}
