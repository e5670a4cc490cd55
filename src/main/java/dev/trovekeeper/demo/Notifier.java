package dev.trovekeeper.demo;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Wraps notifications the way oslo.messaging's Kafka driver does and hands them to the sink. */
final class Notifier {

  static final String HOST = "127.0.0.1";

  private final NotificationSink sink;
  private final Clock clock;

  Notifier(NotificationSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** API-side {@code dbaas.*} event (publisher {@code api.<host>}). */
  void api(String eventType, Caller caller, Map<String, Object> payload) {
    send("api." + HOST, eventType, caller, payload);
  }

  /** Taskmanager-side {@code dbaas.*} event. */
  void taskmanager(String eventType, Caller caller, Map<String, Object> payload) {
    send("taskmanager." + HOST, eventType, caller, payload);
  }

  /** Usage events ({@code trove.instance.*}), published as the host name alone. */
  void usage(String eventType, Caller caller, Map<String, Object> payload) {
    send(HOST, eventType, caller, payload);
  }

  private void send(String publisher, String eventType, Caller caller, Object payload) {
    var message =
        Json.obj(
            "message_id",
            UUID.randomUUID().toString(),
            "publisher_id",
            publisher,
            "event_type",
            eventType,
            "priority",
            "INFO",
            "payload",
            payload,
            "timestamp",
            WireTime.oslo(clock.instant()),
            "_context",
            context(caller));
    var envelope = Json.obj("oslo.version", "2.0", "oslo.message", Json.write(message));
    try {
      sink.publish(NotificationSink.TOPIC, Json.write(envelope));
    } catch (RuntimeException e) {
      // a failing consumer must not break the simulated API, as with a real broker outage
      System.getLogger(Notifier.class.getName())
          .log(System.Logger.Level.WARNING, "notification sink failed: " + e);
    }
  }

  private static Map<String, Object> context(Caller c) {
    var ctx = Json.obj("user", c.userId(), "project_id", c.projectId(), "system_scope", null);
    ctx.put("project", c.projectId());
    ctx.put("domain", null);
    ctx.put("user_domain", null);
    ctx.put("project_domain", null);
    ctx.put("is_admin", c.isAdmin());
    ctx.put("read_only", false);
    ctx.put("show_deleted", false);
    ctx.put("auth_token", null);
    ctx.put("request_id", c.requestId());
    ctx.put("global_request_id", null);
    ctx.put("resource_uuid", null);
    ctx.put("roles", c.roles());
    ctx.put("user_identity", c.userId() + " " + c.projectId() + " - - -");
    ctx.put("is_admin_project", true);
    ctx.put("limit", null);
    ctx.put("marker", null);
    ctx.put("service_catalog", null);
    return ctx;
  }
}
