package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import java.util.Map;

/**
 * One persistent message for the default exchange, routed to the queue of that name.
 *
 * @param expiration the message's own TTL in milliseconds, or null (the queue's TTL, if any,
 *     applies either way: the shorter wins)
 */
record Publication(
    String queue,
    String messageId,
    Map<String, Object> headers,
    String contentType,
    byte[] body,
    String expiration) {

  Publication(
      String queue,
      String messageId,
      Map<String, Object> headers,
      String contentType,
      byte[] body) {
    this(queue, messageId, headers, contentType, body, null);
  }

  /** The same message, expiring after {@code millis} in its queue. */
  Publication expiringAfter(long millis) {
    return new Publication(queue, messageId, headers, contentType, body, Long.toString(millis));
  }

  AMQP.BasicProperties properties() {
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .contentType(contentType)
        .messageId(messageId)
        .headers(headers)
        .expiration(expiration)
        .build();
  }
}
