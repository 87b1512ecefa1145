-- Person $1's choice replaces the previous one ($2-$4 text[], $5 language).
INSERT INTO notifications.subscriptions (recipient_id, topics, countries, channels, language,
                                         updated_at)
VALUES ($1, $2::text[], $3::text[], $4::text[], $5, now())
ON CONFLICT (recipient_id) DO UPDATE
SET topics = EXCLUDED.topics,
    countries = EXCLUDED.countries,
    channels = EXCLUDED.channels,
    language = EXCLUDED.language,
    version = subscriptions.version + 1,
    updated_at = now()
RETURNING {{subscriptions_columns}}
