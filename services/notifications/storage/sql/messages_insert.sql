-- A published message, stored once by id: a redelivery inserts nothing and returns no row.
-- $5 text[] countries; $6 organization, $7 person, $10 actor, $11 request id: '' for none.
INSERT INTO notifications.messages (id, source, type, subject_id, countries, organization_id,
                                    person_id, audience, in_feed, actor, request_id, payload,
                                    source_position, occurred_at)
VALUES ($1::uuid, $2, $3, $4, $5::text[], NULLIF($6, ''), NULLIF($7, ''), $8, $9,
        NULLIF($10, ''), NULLIF($11, ''), $12::jsonb, $13, $14::timestamptz)
ON CONFLICT (id) DO NOTHING
RETURNING seq
