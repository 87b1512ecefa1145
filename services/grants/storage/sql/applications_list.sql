-- Keyset page of a call's applications the caller sees: all ($2), its country's ($3), its
-- organisation's ($4) or those assigned to it as a reviewer ($5); $6, $7 are text[] filters
-- (NULL: any). One statement per order and a count, from the markers. Fetches limit + 1.
SELECT {{applications_columns}}
FROM grants.applications
WHERE call_id = $1::uuid
  AND ($2::bool OR country = $3 OR organization_id = $4::uuid
       OR EXISTS (SELECT 1 FROM grants.reviewer_assignments ra
                  WHERE ra.application_id = applications.id AND ra.reviewer_id = $5::uuid))
  AND ($6::text[] IS NULL OR status = ANY($6::text[]))
  AND ($7::text[] IS NULL OR country = ANY($7::text[]))
  AND @after $8 $9 applications.id@
@order_by applications.id@
LIMIT $10
