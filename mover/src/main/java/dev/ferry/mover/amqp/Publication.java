package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import java.util.Map;

/** One persistent message for the default exchange, routed to the queue of that name. */
record Publication(
    String queue, String messageId, Map<String, Object> headers, String contentType, byte[] body) {

  AMQP.BasicProperties properties() {
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .contentType(contentType)
        .messageId(messageId)
        .headers(headers)
        .build();
  }
}
