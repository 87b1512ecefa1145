-- The columns every reports statement returns, named. Included as {{reports_columns}}.
id::text AS id, grant_id::text AS grant_id,
  (SELECT g.currency FROM grants.grants g WHERE g.id = reports.grant_id) AS currency,
  kind, narrative, spent, status, coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  (extract(epoch FROM submitted_at) * 1000000)::bigint AS submitted_at_us,
  version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
