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
import org.opentest4j.TestAbortedException;

/** The broker lookup skips loudly without a broker, and fails instead when one is required. */
class TestBrokerTest {
  @Test
  void abortsWithALoudMessageWhenNoBrokerAnswers() throws Exception {
    String closed = closedPortUri();
    String stderr =
        capturingStderr(
            () -> {
              TestAbortedException e =
                  assertThrows(
                      TestAbortedException.class,
                      () -> TestBroker.locate(Map.of("RABBITMQ_URI", closed), Optional::empty));
              assertTrue(e.getMessage().contains("BROKER TEST SKIPPED"), e.getMessage());
              assertTrue(e.getMessage().contains("RABBITMQ_URI"), e.getMessage());
            });
    assertTrue(stderr.contains("*** BROKER TEST SKIPPED"), stderr);
    assertTrue(!stderr.contains("guest:guest"), "credentials leaked: " + stderr);
  }

  @Test
  void failsWhenABrokerIsRequired() throws Exception {
    String closed = closedPortUri();
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () ->
                TestBroker.locate(
                    Map.of("RABBITMQ_URI", closed, "FERRY_REQUIRE_BROKER", "1"), Optional::empty));
    assertTrue(e.getMessage().contains("FERRY_REQUIRE_BROKER=1"), e.getMessage());
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
