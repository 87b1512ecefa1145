INSERT INTO grants.grants (application_id, call_id, organization_id, organization_name, country,
                           project_title, currency, amount, contract_number, starts_on, ends_on)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9, $10::date, $11::date)
RETURNING {{awards_columns}}
