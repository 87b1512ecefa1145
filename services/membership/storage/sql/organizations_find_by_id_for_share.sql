SELECT {{organizations_columns}}
FROM membership.organizations WHERE id = $1::uuid
FOR SHARE
