// The statements documents prepares on every connection: storage/sql/*.sql, each sorted list in
// every order it offers (libs/db/sorted_statements.hpp).
#pragma once

#include <span>

#include "libs/db/statement.hpp"

namespace iris::documents::storage {

std::span<const db::Statement> Statements();

}  // namespace iris::documents::storage
