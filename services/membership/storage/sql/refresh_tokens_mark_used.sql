UPDATE membership.refresh_tokens SET used_at = now() WHERE id = $1::uuid
