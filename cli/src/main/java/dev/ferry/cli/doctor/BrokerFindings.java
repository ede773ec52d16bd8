package dev.ferry.cli.doctor;

import dev.ferry.mover.amqp.TopologyProbe;
import java.util.List;

/** The broker lines of the doctor's table, from the mover's {@link TopologyProbe}. */
public final class BrokerFindings {
  private static final String REACHABLE = "broker reachable";
  private static final String QUEUES = "broker queue arguments";

  private BrokerFindings() {}

  public static List<Finding> of(TopologyProbe.Result r) {
    return switch (r.state()) {
      case UNREACHABLE ->
          List.of(
              Finding.fail(
                  REACHABLE,
                  r.detail(),
                  "start RabbitMQ, or fix --broker / FERRY_BROKER / [broker] uri"),
              Finding.skip(QUEUES, "not checked"));
      case REFUSED ->
          List.of(
              Finding.fail(REACHABLE, r.detail(), "fix the user and password in the broker URI"),
              Finding.skip(QUEUES, "not checked"));
      case ABSENT ->
          List.of(
              Finding.pass(REACHABLE, "connected"),
              Finding.skip(QUEUES, r.detail() + "; the first worker or job declares them"));
      case MISMATCH ->
          List.of(
              Finding.pass(REACHABLE, "connected"),
              Finding.fail(
                  QUEUES,
                  r.detail(),
                  "drain and delete the old queues (rabbitmqctl delete_queue), or use another"
                      + " [broker] prefix"));
      case MATCHES ->
          List.of(Finding.pass(REACHABLE, "connected"), Finding.pass(QUEUES, r.detail()));
    };
  }
}
