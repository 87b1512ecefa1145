SELECT id::text, organization::text, country, contact_name, contact_email, motivation, status, coalesce(status_note, ''), (extract(epoch FROM status_changed_at) * 1000000)::bigint, coalesce(organization_id::text, ''), version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.membership_applications WHERE id = $1::uuid
