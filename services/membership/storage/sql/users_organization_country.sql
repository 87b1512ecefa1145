-- Whose country a coordinator's new member would belong to (account_use_cases.cpp CreateUser);
-- FOR SHARE keeps the organisation where it is until the account is created.
SELECT country FROM membership.organizations WHERE id = $1::uuid FOR SHARE
