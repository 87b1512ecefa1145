#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

// Notifications' areas: people's inbox, subscriptions, topics and the change feed
// (notification_routes.cpp); partners' webhooks (webhook_routes.cpp).
std::vector<Route> NotificationsRoutes(Upstream& notifications, const RouteDeps& deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(NotificationRoutes(notifications, deps.Cursors()));
  append(WebhookRoutes(notifications, deps.Cursors()));
  return all;
}

}  // namespace iris::gateway
