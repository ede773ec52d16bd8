package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.scheduler.sim.RecordedRequest;
import dev.ferry.scheduler.sim.SelfSignedTls;
import dev.ferry.scheduler.sim.SimFixtures;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdmClientTest {
  private static final String PASSWORD = "s3cr3t-Pa55";

  private final LdmSimulator sim = LdmSimulator.start();
  private final List<String> debug = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    sim.close();
  }

  private LdmClient client(URI endpoint, String user, Duration timeout, boolean insecure, Path ca) {
    Secret password = user == null ? null : Secret.of(PASSWORD);
    return new LdmClient(
        new LdmConnection(endpoint, user, password, timeout, insecure, ca), debug::add);
  }

  private LdmClient client() {
    return client(sim.endpoint(), null, Duration.ofSeconds(5), false, null);
  }

  @Test
  void listsMigrationsIgnoringUnknownFields() {
    SimFixtures.reference(sim);
    List<Migration> ms = client().list();
    assertEquals(5, ms.size());
    Migration c = ms.get(2);
    assertEquals("m-c", c.migrationId());
    assertEquals("/repl3", c.path());
    assertEquals("NONSCHEDULED", c.state());
    assertEquals("2021-09-01T12:00:00.000+0000", c.startTime());
    assertEquals(40, c.internalId().length());
    assertTrue(
        debug.get(0).startsWith("GET " + sim.endpoint() + "/migrations -> 200"), debug.get(0));
  }

  @Test
  void missingFieldsBecomeNull() {
    sim.add("bare", null, "NONSCHEDULED", null).internalId(null).omit("path").omit("state");
    Migration m = client().list().get(0);
    assertEquals("bare", m.migrationId());
    assertNull(m.internalId());
    assertNull(m.path());
    assertNull(m.state());
    assertNull(m.startTime());
  }

  @Test
  void nonArrayBodyIsAServiceError() {
    sim.faults().listBody("{\"_embedded\": {\"migrations\": []}}");
    var e = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(e.getMessage().contains("JSON object, not an array"), e.getMessage());
  }

  @Test
  void malformedJsonIsAServiceError() {
    sim.faults().listBody("[{\"migrationId\": \"x\",");
    var e = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void arrayOfNonObjectsIsAServiceError() {
    sim.faults().listBody("[\"m-a\", \"m-b\"]");
    var e = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(e.getMessage().contains("element 0"), e.getMessage());
  }

  @Test
  void trailingDataAfterTheArrayIsAServiceError() {
    sim.faults().listBody("[] []");
    var e = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void nestedValuesOfKnownFieldsAreTreatedAsMissing() {
    sim.faults()
        .listBody(
            "[{\"migrationId\": \"x\", \"state\": {\"name\": \"RUNNING\"}, \"path\": [\"/p\"],"
                + " \"migrationStartTime\": 1630490400000}]");
    Migration m = client().list().get(0);
    assertEquals("x", m.migrationId());
    assertNull(m.state());
    assertNull(m.path());
    assertEquals("1630490400000", m.startTime());
  }

  @Test
  void serverErrorOnListCarriesLdmMessage() {
    sim.faults().listStatus(500);
    var e = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(e.getMessage().contains("HTTP 500: injected failure"), e.getMessage());
  }

  @Test
  void wrongPathIs404() {
    URI wrong = URI.create(sim.endpoint() + "/api/v9");
    var e =
        assertThrows(
            LdmServiceException.class,
            () -> client(wrong, null, Duration.ofSeconds(5), false, null).list());
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertEquals("/api/v9/migrations", sim.requests().get(0).rawPath());
  }

  @Test
  void trailingSlashAndPathPrefixAreKept() {
    Duration t = Duration.ofSeconds(5);
    client(URI.create(sim.endpoint() + "/"), null, t, false, null).list();
    assertThrows(
        LdmServiceException.class,
        () -> client(URI.create(sim.endpoint() + "/ldm/"), null, t, false, null).list());
    assertEquals(
        List.of("/migrations", "/ldm/migrations"),
        sim.requests().stream().map(RecordedRequest::rawPath).toList());
  }

  @Test
  void slowListTimesOut() {
    sim.faults().listDelay(Duration.ofSeconds(3));
    var e =
        assertThrows(
            LdmServiceException.class,
            () -> client(sim.endpoint(), null, Duration.ofSeconds(1), false, null).list());
    assertTrue(e.getMessage().contains("did not answer within 1s"), e.getMessage());
  }

  @Test
  void unreachableIsAServiceError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    var e =
        assertThrows(
            LdmServiceException.class,
            () -> client(closed, null, Duration.ofSeconds(2), false, null).list());
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
  }

  @Test
  void basicAuthIsSentPreemptivelyAndNeverLogged() {
    sim.requireBasicAuth("admin", PASSWORD);
    SimFixtures.reference(sim);
    LdmClient c = client(sim.endpoint(), "admin", Duration.ofSeconds(5), false, null);
    List<Migration> ms = c.list();
    assertTrue(c.start(ms.get(2)).ok());
    assertEquals(2, sim.requests().size(), "no 401 round trip");
    for (RecordedRequest r : sim.requests()) {
      assertTrue(r.header("Authorization").startsWith("Basic "));
      assertFalse(r.withoutAuthorization().contains(PASSWORD));
    }
    assertEquals(2, debug.size());
    debug.forEach(line -> assertFalse(line.contains(PASSWORD) || line.contains("Basic"), line));
  }

  @Test
  void noAuthorizationHeaderWithoutUsername() {
    client().list();
    assertNull(sim.requests().get(0).header("Authorization"));
  }

  @Test
  void rejectedCredentialsAre401() {
    sim.requireBasicAuth("admin", "other");
    var e =
        assertThrows(
            LdmServiceException.class,
            () -> client(sim.endpoint(), "admin", Duration.ofSeconds(5), false, null).list());
    assertTrue(e.getMessage().contains("rejected the credentials of user 'admin'"), e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD));
    var anonymous = assertThrows(LdmServiceException.class, () -> client().list());
    assertTrue(anonymous.getMessage().contains("requires authentication"), anonymous.getMessage());
  }

  @Test
  void startsByInternalIdElseByNameAsOneEncodedSegment() {
    sim.add("with-internal", "/a", "NONSCHEDULED", null);
    sim.add("we ird/na?me#%+", "/b", "NONSCHEDULED", null).internalId(null);
    LdmClient c = client();
    List<Migration> ms = c.list();
    assertTrue(c.start(ms.get(0)).ok());
    assertTrue(c.start(ms.get(1)).ok());
    assertEquals(List.of(ms.get(0).internalId(), "we ird/na?me#%+"), sim.startRequests());
    assertEquals("/migrations/we%20ird%2Fna%3Fme%23%25+/start", sim.requests().get(2).rawPath());
    assertEquals("SCHEDULED", sim.state("with-internal"));
    assertEquals("SCHEDULED", sim.state("we ird/na?me#%+"));
  }

  @Test
  void refusedStartReturnsLdmMessage() {
    sim.add("m-e", "/stop1", "ABORTED", null);
    LdmClient c = client();
    StartResult r = c.start(c.list().get(0));
    assertFalse(r.ok());
    assertEquals(403, r.status());
    assertEquals("HTTP 403: The migration m-e can't be started from ABORTED state.", r.message());
  }

  @Test
  void unknownIdIs404AndSlowStartTimesOut() {
    LdmClient c = client(sim.endpoint(), null, Duration.ofSeconds(1), false, null);
    Migration ghost = new Migration("ghost", null, "/g", "NONSCHEDULED", null, null);
    assertEquals(404, c.start(ghost).status());
    sim.add("slow", "/s", "NONSCHEDULED", null);
    sim.faults().startDelay(Duration.ofSeconds(3));
    StartResult r = c.start(c.list().get(0));
    assertEquals(0, r.status());
    assertTrue(r.message().contains("did not answer within 1s"), r.message());
  }

  @Test
  void tlsIsVerifiedByDefaultAndTrustsCacertOrInsecure() throws Exception {
    SelfSignedTls tls = new SelfSignedTls();
    try (LdmSimulator https = LdmSimulator.startHttps(tls.serverContext())) {
      SimFixtures.reference(https);
      URI endpoint = https.endpoint();
      Duration t = Duration.ofSeconds(5);
      var e =
          assertThrows(
              LdmServiceException.class, () -> client(endpoint, null, t, false, null).list());
      assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
      assertEquals(0, https.requests().size());

      Path pem = tls.writePem(dir.resolve("ca.pem"));
      assertEquals(5, client(endpoint, null, t, false, pem).list().size());
      assertEquals(5, client(https.endpointNamed("localhost"), null, t, false, pem).list().size());
      assertEquals(5, client(endpoint, null, t, true, null).list().size());
    }
  }

  @Test
  void badCacertIsAConfigError() throws Exception {
    Path notPem = java.nio.file.Files.writeString(dir.resolve("x.pem"), "hello");
    URI endpoint = sim.endpoint();
    Duration t = Duration.ofSeconds(5);
    assertThrows(SchedulerConfigException.class, () -> client(endpoint, null, t, false, notPem));
    Path missing = dir.resolve("missing.pem");
    assertThrows(SchedulerConfigException.class, () -> client(endpoint, null, t, false, missing));
  }
}
