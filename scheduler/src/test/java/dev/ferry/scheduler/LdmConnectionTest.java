package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LdmConnectionTest {
  @Test
  void acceptsHttpAndHttpsWithHost() {
    assertEquals(
        URI.create("https://ldm:18080"), LdmConnection.parseEndpoint(" https://ldm:18080 "));
    assertEquals(
        URI.create("http://10.0.0.1:18080/ldm"),
        LdmConnection.parseEndpoint("http://10.0.0.1:18080/ldm"));
  }

  @Test
  void rejectsMalformedEndpoints() {
    for (String bad :
        new String[] {
          "localhost:18080",
          "ftp://ldm",
          "http://",
          "http:///x",
          "http://ldm:18080/?q=1",
          "ht tp://x",
          "http://user:pw@ldm:18080"
        }) {
      assertThrows(SchedulerConfigException.class, () -> LdmConnection.parseEndpoint(bad), bad);
    }
  }

  @Test
  void credentialsErrorNeverShowsTheUrlPassword() {
    var e =
        assertThrows(
            SchedulerConfigException.class,
            () -> LdmConnection.parseEndpoint("http://user:hunter2@ldm:18080"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void usernameNeedsPasswordAndViceVersa() {
    URI e = LdmConnection.DEFAULT_ENDPOINT;
    Duration t = Duration.ofSeconds(1);
    assertThrows(
        SchedulerConfigException.class, () -> new LdmConnection(e, "u", null, t, false, null));
    assertThrows(
        SchedulerConfigException.class,
        () -> new LdmConnection(e, null, Secret.of("p"), t, false, null));
    assertThrows(
        SchedulerConfigException.class,
        () -> new LdmConnection(e, null, null, Duration.ZERO, false, null));
    assertTrue(new LdmConnection(e, "u", Secret.of("p"), t, false, null).authenticated());
  }

  @Test
  void secretNeverPrintsItself() {
    LdmConnection c =
        new LdmConnection(
            LdmConnection.DEFAULT_ENDPOINT,
            "u",
            Secret.of("hunter2"),
            Duration.ofSeconds(1),
            false,
            null);
    assertFalse(c.toString().contains("hunter2"), c.toString());
  }
}
