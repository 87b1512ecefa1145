-- Notifications learns whom it may write to from membership.user.* messages, whose payload
-- carries the contact since issue 16 (app/account_use_cases.cpp UserPayload). Accounts made
-- before that were announced with {id, role} only, and erasures as membership.person.erased:
-- announce every account once more with its contact (as an enable or disable would), and give the
-- erasures not yet published the change feed's tombstone type. Idempotent by nature: a later
-- run finds nothing unpublished to rename and announces the current state again.
INSERT INTO membership.outbox (type, subject_id, country, actor, payload)
SELECT CASE WHEN u.disabled_at IS NULL THEN 'membership.user.enabled'
            ELSE 'membership.user.disabled' END, u.id::text, u.country, 'operator',
       jsonb_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role,
                          'organization_id', u.organization_id, 'country', u.country,
                          'status', CASE WHEN u.disabled_at IS NULL THEN 'active'
                                         ELSE 'disabled' END)
FROM membership.users u
ORDER BY u.created_at, u.id;

UPDATE membership.outbox SET type = 'membership.person.deleted'
WHERE type = 'membership.person.erased' AND published_at IS NULL;
