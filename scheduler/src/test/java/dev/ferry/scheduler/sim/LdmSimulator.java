package dev.ferry.scheduler.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A LiveData Migrator stand-in that behaves like the real REST API (see ldm-api.md section 7):
 * {@code GET /migrations} (a bare array), {@code GET /migrations/{id}}, {@code POST
 * /migrations/{id}/start|stop}, optional Basic auth, and a virtual clock. Each {@link #tick()}
 * moves SCHEDULED/STARTING to RUNNING and, after {@link #ticksToLive(int)} ticks, RUNNING to LIVE
 * (COMPLETED for scan-only). Non-LDM controls live under {@code /_sim/}. Every request is recorded.
 */
public final class LdmSimulator implements AutoCloseable {
  static final Instant EPOCH = Instant.parse("2021-09-01T00:00:00Z");
  private static final DateTimeFormatter LDM_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, a
    // small body then waits for the client's delayed ACK (~40 ms per request). LDM's Tomcat does
    // not behave like that, so neither should its stand-in. Read once, when the first server
    // starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, SimMigration> migrations = new LinkedHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Faults faults = new Faults();
  private volatile String expectedAuthorization;
  private boolean compat2x;
  private String stateAfterStart = "SCHEDULED";
  private int ticksToLive = 1;
  private long ticks;
  private boolean cacheListBody;
  private byte[] listBody;

  private LdmSimulator(HttpServer server) {
    this.server = server;
    this.executor = Executors.newCachedThreadPool(LdmSimulator::daemon);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain HTTP simulator on a free loopback port. */
  public static LdmSimulator start() {
    return start(0);
  }

  public static LdmSimulator start(int port) {
    try {
      return new LdmSimulator(HttpServer.create(loopback(port), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS simulator presenting the certificate in {@code tls}. */
  public static LdmSimulator startHttps(SSLContext tls) {
    try {
      HttpsServer s = HttpsServer.create(loopback(0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new LdmSimulator(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Same, but naming the host {@code localhost} (for certificates issued to that name). */
  public URI endpointNamed(String host) {
    return URI.create(endpoint().toString().replace("127.0.0.1", host));
  }

  // ---- setup --------------------------------------------------------------------------------

  /**
   * Adds a migration whose internal id is derived from its name. In 1.x mode the creation time is
   * sent as {@code migrationStartTime}; in 2.x mode as {@code migrationCreatedTime}, with {@code
   * migrationStartTime} null until it starts.
   */
  public synchronized SimMigration add(String id, String path, String state, String created) {
    listBody = null;
    SimMigration m = new SimMigration(id, internalIdFor(id), path, state);
    if (compat2x) {
      m.createdTime = created;
    } else {
      m.startTime = created;
    }
    migrations.put(id, m);
    return m;
  }

  /** Switches on 2.x behaviour for migrations added from now on. */
  public synchronized LdmSimulator compat2x() {
    this.compat2x = true;
    return this;
  }

  /** Requires {@code Authorization: Basic} with these credentials on every request. */
  public LdmSimulator requireBasicAuth(String user, String password) {
    String token = user + ":" + password;
    expectedAuthorization =
        "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The state a successful start leads to: SCHEDULED (default), STARTING or RUNNING. */
  public synchronized LdmSimulator stateAfterStart(String state) {
    this.stateAfterStart = state;
    return this;
  }

  /** How many ticks a migration stays RUNNING before it goes LIVE (default 1). */
  public synchronized LdmSimulator ticksToLive(int ticks) {
    this.ticksToLive = ticks;
    return this;
  }

  /**
   * Serves {@code GET /migrations} from a cached body until the next change made through this class
   * or the API. For benchmarks, so the time measured is the client's, not the simulator's JSON
   * writer; do not change a {@link SimMigration} directly after turning this on.
   */
  public synchronized LdmSimulator cacheListBody() {
    this.cacheListBody = true;
    return this;
  }

  public Faults faults() {
    return faults;
  }

  // ---- the virtual clock --------------------------------------------------------------------

  /** Advances the clock one step and moves every migration along the state machine. */
  public synchronized void tick() {
    listBody = null;
    ticks++;
    for (SimMigration m : migrations.values()) {
      switch (m.state) {
        case "SCHEDULED", "STARTING" -> {
          m.state = "RUNNING";
          m.ticksRunning = 0;
        }
        case "RUNNING" -> {
          if (++m.ticksRunning >= ticksToLive) {
            m.state = m.scanOnly ? "COMPLETED" : "LIVE";
            if (m.scanOnly) {
              m.omitted.remove("migrationCompleteTime");
            }
          }
        }
        default -> {}
      }
    }
  }

  public void tick(int n) {
    for (int i = 0; i < n; i++) {
      tick();
    }
  }

  synchronized String now() {
    return LDM_TIME.format(EPOCH.plus(Duration.ofMinutes(ticks)));
  }

  // ---- inspection ---------------------------------------------------------------------------

  public synchronized String state(String migrationId) {
    return migrations.get(migrationId).state;
  }

  /** The internal id of a migration (what ferry posts to start it), or null if it has none. */
  public synchronized String internalIdOf(String migrationId) {
    return migrations.get(migrationId).internalId;
  }

  /** The migration names of every start request, in arrival order (ids mapped back to names). */
  public synchronized List<String> startedNames() {
    return startRequests().stream()
        .map(id -> Optional.ofNullable(find(id)).map(m -> m.migrationId).orElse(id))
        .toList();
  }

  public synchronized Map<String, String> states() {
    Map<String, String> states = new LinkedHashMap<>();
    migrations.forEach((id, m) -> states.put(id, m.state));
    return states;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The ids (as sent, decoded) of every start request, in arrival order. */
  public List<String> startRequests() {
    return requests.stream().map(RecordedRequest::startedId).filter(s -> s != null).toList();
  }

  public void clearRequests() {
    requests.clear();
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      RecordedRequest req = record(ex);
      if (expectedAuthorization != null
          && !expectedAuthorization.equals(req.header("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Realm\"");
        error(ex, 401, "Unauthorized", "Full authentication is required", req);
        return;
      }
      route(ex, req);
    }
  }

  private RecordedRequest record(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    List<String> segments = new ArrayList<>();
    for (String raw : uri.getRawPath().split("/")) {
      if (!raw.isEmpty()) {
        // Decode per segment so an encoded '/' stays inside its segment; '+' is literal in paths.
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    RecordedRequest req =
        new RecordedRequest(
            ex.getRequestMethod(), uri.getRawPath(), segments, uri.getRawQuery(), headers, body);
    requests.add(req);
    return req;
  }

  private void route(HttpExchange ex, RecordedRequest req) throws IOException {
    List<String> s = req.segments();
    String method = req.method();
    if (s.equals(List.of("migrations")) && method.equals("GET")) {
      list(ex, req);
    } else if (s.size() == 2 && s.get(0).equals("migrations") && method.equals("GET")) {
      show(ex, req, s.get(1));
    } else if (s.size() == 3 && s.get(0).equals("migrations") && method.equals("POST")) {
      action(ex, req, s.get(1), s.get(2));
    } else if (s.equals(List.of("_sim", "tick")) && method.equals("POST")) {
      tick();
      send(ex, 200, "{}");
    } else {
      error(ex, 404, "Not Found", "No handler for " + method + " " + req.rawPath(), req);
    }
  }

  private void list(HttpExchange ex, RecordedRequest req) throws IOException {
    sleep(faults.listDelay);
    if (faults.listStatus != null) {
      error(ex, faults.listStatus, "Injected", "injected failure", req);
    } else if (faults.listBody != null) {
      send(ex, 200, faults.listBody);
    } else {
      send(ex, 200, listBody());
    }
  }

  private synchronized byte[] listBody() throws IOException {
    if (listBody != null) {
      return listBody;
    }
    byte[] body = json.writeValueAsBytes(snapshot());
    if (cacheListBody) {
      listBody = body;
    }
    return body;
  }

  private synchronized ArrayNode snapshot() {
    ArrayNode array = json.createArrayNode();
    migrations.values().forEach(m -> array.add(toJson(m)));
    return array;
  }

  private void show(HttpExchange ex, RecordedRequest req, String id) throws IOException {
    Optional<ObjectNode> m = withMigration(id, this::toJson);
    if (m.isEmpty()) {
      error(ex, 404, "Not Found", "Migration " + id + " not found", req);
    } else {
      send(ex, 200, json.writeValueAsString(m.get()));
    }
  }

  private void action(HttpExchange ex, RecordedRequest req, String id, String verb)
      throws IOException {
    if (!verb.equals("start") && !verb.equals("stop")) {
      error(ex, 404, "Not Found", "No handler for POST " + req.rawPath(), req);
      return;
    }
    if (verb.equals("start")) {
      sleep(faults.startDelay.getOrDefault(id, faults.startDelayForAll));
      Integer injected = faults.startStatus.getOrDefault(id, faults.startStatusForAll);
      if (injected != null) {
        error(ex, injected, "Injected", "injected failure starting " + id, req);
        return;
      }
    }
    Transition t = verb.equals("start") ? start(id) : stop(id, req.query());
    if (t.status() == 200) {
      send(ex, 200, t.body() == null ? "" : json.writeValueAsString(t.body()));
    } else {
      error(ex, t.status(), t.status() == 404 ? "Not Found" : "Forbidden", t.message(), req);
    }
  }

  private record Transition(int status, ObjectNode body, String message) {}

  private synchronized Transition start(String id) {
    listBody = null;
    SimMigration m = find(id);
    if (m == null) {
      return new Transition(404, null, "Migration " + id + " not found");
    }
    switch (m.state) {
      case "NONSCHEDULED" -> {
        m.state = stateAfterStart;
        m.ticksRunning = 0;
        if (m.startTime == null || compat2x) {
          m.startTime = now();
        }
      }
      case "STOPPED" -> m.state = "RUNNING"; // a resumable stop can be started again
      default -> {
        String msg =
            "The migration " + m.migrationId + " can't be started from " + m.state + " state.";
        return new Transition(403, null, msg);
      }
    }
    return new Transition(200, toJson(m), null);
  }

  private synchronized Transition stop(String id, String query) {
    listBody = null;
    SimMigration m = find(id);
    if (m == null) {
      return new Transition(404, null, "Migration " + id + " not found");
    }
    if (!m.state.equals("RUNNING") && !m.state.equals("LIVE")) {
      return new Transition(
          403,
          null,
          "The migration " + m.migrationId + " can't be stopped from " + m.state + " state.");
    }
    m.state = query != null && query.contains("resumable=false") ? "ABORTED" : "STOPPED";
    return new Transition(200, null, null);
  }

  private synchronized <T> Optional<T> withMigration(
      String id, java.util.function.Function<SimMigration, T> f) {
    SimMigration m = find(id);
    return m == null ? Optional.empty() : Optional.of(f.apply(m));
  }

  private SimMigration find(String id) {
    SimMigration byName = migrations.get(id);
    if (byName != null) {
      return byName;
    }
    return migrations.values().stream().filter(m -> m.answersTo(id)).findFirst().orElse(null);
  }

  private ObjectNode toJson(SimMigration m) {
    ObjectNode o = json.createObjectNode();
    o.put("migrationId", m.migrationId);
    if (m.internalId != null) {
      o.put("internalId", m.internalId);
    }
    o.put("path", m.path);
    o.put("source", "auto-discovered-source-hdfs");
    o.put("target", "mytarget");
    o.put("state", m.state);
    o.putArray("exclusions");
    if (compat2x || m.createdTime != null) {
      o.put("migrationCreatedTime", m.createdTime);
    }
    o.put("migrationStartTime", m.startTime);
    o.putNull("migrationCompleteTime");
    o.put("migrationEdge", m.path);
    ObjectNode scanner = o.putObject("scannerSummary");
    ObjectNode progress = scanner.putObject("progressSummary");
    progress.put("filesScanned", 0).put("directoriesScanned", 0).put("bytesScanned", 0);
    scanner.putNull("contentSummary");
    o.putObject("clientActivitySummary").put("byteCount", 0);
    o.putNull("abortReason");
    o.put("filesSeen", 0).put("dirsSeen", 0).put("sizeOfMigration", 0);
    o.put("scanOnlyMigration", m.scanOnly);
    o.put("recurringMigration", false);
    o.put("migrationPriority", "NORMAL");
    m.omitted.forEach(o::remove);
    return o;
  }

  private void error(HttpExchange ex, int status, String error, String message, RecordedRequest req)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("timestamp", now().replace("+0000", "+00:00"));
    body.put("status", status);
    body.put("error", error);
    body.put("message", message);
    body.put("path", req.rawPath());
    send(ex, status, json.writeValueAsString(body));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String internalIdFor(String id) {
    // 40 hex characters, like LDM's; derived from the name so tests can predict it.
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "ldm-simulator");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Runs a simulator by hand; see {@link SimulatorMain}. */
  public static void main(String[] args) throws InterruptedException {
    SimulatorMain.main(args);
  }
}
