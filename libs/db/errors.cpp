#include "libs/db/errors.hpp"

#include <string>

#include <pqxx/except>
#include <spdlog/spdlog.h>

#include "libs/db/constraints.hpp"

namespace iris::db::internal {
namespace {

// libpqxx 6.4 has no accessor for the constraint name; Postgres puts it in the first line,
// e.g. `duplicate key value violates unique constraint "members_email_key"`.
std::string ConstraintOf(const std::string& what) {
  const std::string marker = "constraint \"";
  auto start = what.find(marker);
  if (start == std::string::npos) return "";
  start += marker.size();
  auto end = what.find('"', start);
  if (end == std::string::npos) return "";
  return what.substr(start, end - start);
}

// The client gets a generic conflict (ViolationStatus) that a use case may explain in its
// request's terms (ExplainViolation); `what` holds SQL and the row's values, personal data
// included, so only the constraint's name is kept and logged.
MappedError Violated(ConstraintKind kind, const std::string& what) {
  Violation v{kind, ConstraintOf(what)};
  spdlog::info("database: constraint \"{}\" violated", v.constraint);
  return {ViolationStatus(v), ErrorKind::kFinal};
}

// SQLSTATE class 08 is "connection exception"; 57P01..57P03 mean the server is going away.
bool IsConnectionState(const std::string& state) {
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

MappedError Unavailable(const std::string& why, const char* message = "database unavailable") {
  spdlog::warn("database: {}", why);
  return {absl::UnavailableError(message), ErrorKind::kConnection};
}

MappedError Internal(const std::string& why) {
  // The message may hold SQL and values: log it, don't hand it to callers.
  spdlog::error("database: {}", why);
  return {absl::InternalError("database error"), ErrorKind::kFinal};
}

}  // namespace

MappedError MapException(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const pqxx::broken_connection& ex) {
    return Unavailable(ex.what());
  } catch (const pqxx::in_doubt_error& ex) {
    spdlog::error("database: commit outcome unknown: {}", ex.what());
    return {absl::UnavailableError("database unavailable; commit outcome unknown"),
            ErrorKind::kConnection};
  } catch (const pqxx::serialization_failure&) {
    return {absl::AbortedError("transaction conflict; retry"), ErrorKind::kConflict};
  } catch (const pqxx::deadlock_detected&) {
    return {absl::AbortedError("transaction deadlock; retry"), ErrorKind::kConflict};
  } catch (const pqxx::unique_violation& ex) {
    return Violated(ConstraintKind::kUnique, ex.what());
  } catch (const pqxx::check_violation& ex) {
    return Violated(ConstraintKind::kCheck, ex.what());
  } catch (const pqxx::foreign_key_violation& ex) {
    return Violated(ConstraintKind::kForeignKey, ex.what());
  } catch (const pqxx::sql_error& ex) {
    if (ex.sqlstate() == "57014") {
      spdlog::warn("database: statement canceled: {}", ex.what());
      return {absl::UnavailableError("database statement timed out"), ErrorKind::kFinal};
    }
    if (IsConnectionState(ex.sqlstate())) return Unavailable(ex.what());
    return Internal(ex.what());
  } catch (const std::exception& ex) {
    return Internal(ex.what());
  } catch (...) {
    return Internal("unknown exception");
  }
}

}  // namespace iris::db::internal
