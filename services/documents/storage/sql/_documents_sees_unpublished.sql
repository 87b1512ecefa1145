-- Whether the caller sees this document unpublished (domain::CanSeeUnpublished): $1 a network
-- admin, $2 a coordinator's country ('' none: documents naming it), $3 a member's organisation
-- ('' none: documents naming it). Included as {{documents_sees_unpublished}}.
($1::bool
   OR ($2::text <> '' AND $2::text = ANY(documents.countries))
   OR coalesce(NULLIF($3::text, '')::uuid = ANY(documents.organization_ids), false))
