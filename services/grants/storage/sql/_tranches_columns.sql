-- The columns every tranches statement returns, named. Included as {{tranches_columns}}.
id::text AS id, grant_id::text AS grant_id,
  (SELECT g.currency FROM grants.grants g WHERE g.id = tranches.grant_id) AS currency,
  amount, to_char(due_on, 'YYYY-MM-DD') AS due_on, coalesce(requires_report, '') AS requires_report,
  status, coalesce(to_char(paid_on, 'YYYY-MM-DD'), '') AS paid_on,
  coalesce(status_note, '') AS status_note,
  (extract(epoch FROM status_changed_at) * 1000000)::bigint AS status_changed_at_us,
  version,
  (extract(epoch FROM created_at) * 1000000)::bigint AS created_at_us,
  (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_at_us
