package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The broker lookup fails loudly without a broker: a skipped broker test would prove nothing. */
class TestBrokerTest {
  @Test
  void failsWithALoudMessageWhenNoBrokerAnswers() throws Exception {
    String closed = closedPortUri();
    String stderr =
        capturingStderr(
            () -> {
              AssertionFailedError e =
                  assertThrows(
                      AssertionFailedError.class,
                      () -> TestBroker.locate(Map.of("RABBITMQ_URI", closed), Optional::empty));
              assertTrue(e.getMessage().contains("BROKER TEST FAILED"), e.getMessage());
              assertTrue(e.getMessage().contains("RABBITMQ_URI"), e.getMessage());
            });
    assertTrue(stderr.contains("*** BROKER TEST FAILED"), stderr);
    assertTrue(!stderr.contains("guest:guest"), "credentials leaked: " + stderr);
  }

  @Test
  void triesDockerThenTheLocalDefaultWithoutAnExplicitUri() {
    String[] asked = {null};
    String found =
        TestBroker.locate(
            Map.of(),
            () -> {
              asked[0] = "docker";
              return Optional.empty();
            });
    assertEquals("docker", asked[0]);
    assertEquals(TestBroker.LOCAL_URI, found);
  }

  @Test
  void usesTheExplicitUriWhenItAnswers() {
    String uri = TestBroker.uri();
    assertEquals(uri, TestBroker.locate(Map.of("RABBITMQ_URI", uri), Optional::empty));
  }

  private static String closedPortUri() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
  }

  private static String capturingStderr(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString();
  }
}
