-- A new registration in the status the use case decided under the event's lock; a waitlisted
-- one joins the end of the waiting list. A second live registration of one email on one event
-- breaks registrations_one_per_person.
INSERT INTO events.registrations (event_id, person_name, person_email, organization_id,
                                  motivation, registered_by, status, status_changed_at,
                                  waitlisted_at)
VALUES ($1::uuid, $2, $3, NULLIF($4, '')::uuid, $5, $6, $7, now(),
        CASE WHEN $7 = 'waitlisted' THEN now() END)
RETURNING {{registrations_columns}}
