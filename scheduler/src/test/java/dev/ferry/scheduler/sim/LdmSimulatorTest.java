package dev.ferry.scheduler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator checked with the JDK's own HTTP client, independently of ferry's LDM client. */
class LdmSimulatorTest {
  private final LdmSimulator sim = LdmSimulator.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> send(String method, String path, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listIsABarePrettyPrintedArray() throws Exception {
    SimFixtures.reference(sim);
    HttpResponse<String> r = send("GET", "/migrations", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("[ {"), r.body());
    assertTrue(r.body().contains("\"migrationId\" : \"m-a\""), r.body());
    JsonNode list = json.readTree(r.body());
    assertEquals(5, list.size());
    assertEquals("NONSCHEDULED", list.get(0).get("state").asText());
    assertEquals(40, list.get(0).get("internalId").asText().length());
  }

  @Test
  void stateMachineRunsOnTheVirtualClock() throws Exception {
    sim.add("m", "/p", "NONSCHEDULED", "2021-09-01T10:00:00.000+0000");
    sim.add("once", "/q", "NONSCHEDULED", null).scanOnly();
    sim.ticksToLive(2);
    assertEquals(200, send("POST", "/migrations/m/start", null).statusCode());
    assertEquals(200, send("POST", "/migrations/once/start", null).statusCode());
    assertEquals("SCHEDULED", sim.state("m"));
    sim.tick();
    assertEquals("RUNNING", sim.state("m"));
    sim.tick();
    assertEquals("RUNNING", sim.state("m"));
    sim.tick();
    assertEquals("LIVE", sim.state("m"));
    assertEquals("COMPLETED", sim.state("once"));
  }

  @Test
  void startFromAForbiddenStateIs403WithMessage() throws Exception {
    sim.add("m", "/p", "RUNNING", null);
    sim.add("gone", "/g", "ABORTED", null);
    HttpResponse<String> r = send("POST", "/migrations/m/start", null);
    assertEquals(403, r.statusCode());
    assertEquals(
        "The migration m can't be started from RUNNING state.",
        json.readTree(r.body()).get("message").asText());
    assertEquals(403, send("POST", "/migrations/gone/start", null).statusCode());
    assertEquals("RUNNING", sim.state("m"));
  }

  @Test
  void stoppedCanBeStartedAgainAndUnknownIdIs404() throws Exception {
    sim.add("s", "/s", "STOPPED", null);
    assertEquals(200, send("POST", "/migrations/s/start", null).statusCode());
    assertEquals("RUNNING", sim.state("s"));
    assertEquals(404, send("POST", "/migrations/nope/start", null).statusCode());
    assertEquals(404, send("GET", "/migrations/nope", null).statusCode());
  }

  @Test
  void acceptsInternalIdOrUrlEncodedName() throws Exception {
    SimMigration m = sim.add("a b/c", "/p", "NONSCHEDULED", null);
    sim.add("other", "/o", "NONSCHEDULED", null);
    assertEquals(200, send("POST", "/migrations/a%20b%2Fc/start", null).statusCode());
    assertEquals("SCHEDULED", sim.state("a b/c"));
    String internal = sim.add("x", "/x", "NONSCHEDULED", null).internalId();
    assertEquals(200, send("POST", "/migrations/" + internal + "/start", null).statusCode());
    assertEquals("SCHEDULED", sim.state("x"));
    assertEquals("NONSCHEDULED", sim.state("other"));
    assertEquals(List.of("a b/c", internal), sim.startRequests());
    assertEquals("a b/c", m.migrationId());
  }

  @Test
  void basicAuthChallengesWith401() throws Exception {
    sim.requireBasicAuth("admin", "pw");
    HttpResponse<String> r = send("GET", "/migrations", null);
    assertEquals(401, r.statusCode());
    assertEquals("Basic realm=\"Realm\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
    String good = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes());
    assertEquals(200, send("GET", "/migrations", good).statusCode());
    String bad = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes());
    assertEquals(401, send("GET", "/migrations", bad).statusCode());
  }

  @Test
  void compat2xSendsNullStartTimeUntilStarted() throws Exception {
    sim.compat2x();
    sim.add("m", "/p", "NONSCHEDULED", "2021-09-01T10:00:00.000+0000");
    JsonNode before = json.readTree(send("GET", "/migrations", null).body()).get(0);
    assertTrue(before.get("migrationStartTime").isNull());
    assertEquals("2021-09-01T10:00:00.000+0000", before.get("migrationCreatedTime").asText());
    send("POST", "/migrations/m/start", null);
    JsonNode after = json.readTree(send("GET", "/migrations", null).body()).get(0);
    assertEquals("2021-09-01T00:00:00.000+0000", after.get("migrationStartTime").asText());
  }

  @Test
  void injectedFaultsReplaceAnswersAndChangeNothing() throws Exception {
    sim.add("m", "/p", "NONSCHEDULED", null);
    sim.faults().listStatus(503).startStatus("m", 500);
    assertEquals(503, send("GET", "/migrations", null).statusCode());
    assertEquals(500, send("POST", "/migrations/m/start", null).statusCode());
    assertEquals("NONSCHEDULED", sim.state("m"));
    sim.faults().clear();
    sim.faults().listBody("{}");
    assertEquals("{}", send("GET", "/migrations", null).body());
  }

  @Test
  void recordsEveryRequestAndTicksOverHttp() throws Exception {
    sim.add("m", "/p", "NONSCHEDULED", null);
    send("POST", "/migrations/m/start", null);
    send("POST", "/_sim/tick", null);
    assertEquals("RUNNING", sim.state("m"));
    assertEquals(2, sim.requests().size());
    assertNull(sim.requests().get(0).query());
    assertEquals("POST", sim.requests().get(1).method());
  }
}
