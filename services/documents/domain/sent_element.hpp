// Lists of ids are stored trimmed, in lower case and without repeats, so a stored id's index is
// not always the one the client sent: a problem with an element names it as sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iris::documents::domain {

// "<field>[i]", i the first position of `id` in `sent` (compared without case and surrounding
// spaces); just `field` when the list was not sent or lacks it.
std::string SentElement(std::string_view field, const std::optional<std::vector<std::string>>& sent,
                        const std::string& id);

}  // namespace iris::documents::domain
