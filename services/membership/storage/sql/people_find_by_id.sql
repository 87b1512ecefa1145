SELECT id::text, organization_id::text, name, coalesce(email, ''), coalesce(phone, ''), coalesce(role, ''), array_to_json(languages)::text, consent_directory, consent_newsletter, (extract(epoch FROM consent_given_at) * 1000000)::bigint, version, (extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM updated_at) * 1000000)::bigint
FROM membership.people WHERE id = $1::uuid
