package dev.ferry.scheduler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The two LiveData Migrator calls the scheduler makes: list migrations, start one. */
public final class LdmClient implements AutoCloseable {
  private static final int MAX_MESSAGE = 300;

  private final LdmConnection ldm;
  private final OkHttpClient http;
  private final HttpUrl base;
  private final JsonFactory json = new JsonFactory();

  /**
   * @param debug receives one line per request (method, URL, status, time), or null for none
   */
  public LdmClient(LdmConnection ldm, Consumer<String> debug) {
    this.ldm = ldm;
    this.http = LdmHttp.client(ldm, debug);
    this.base = HttpUrl.get(ldm.endpoint());
  }

  /** {@code GET /migrations}; any failure is an {@link LdmServiceException}. */
  public List<Migration> list() {
    Request request =
        new Request.Builder().url(url("migrations")).header("Accept", "application/json").build();
    String where = "LDM at " + ldm.endpoint();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new LdmServiceException(listRefused(response, where));
      }
      return new MigrationListReader(json).read(response.body().byteStream(), where);
    } catch (IOException e) {
      throw new LdmServiceException(unreachable(e, where), e);
    }
  }

  /** {@code POST /migrations/{id}/start}; failures are returned, never thrown. */
  public StartResult start(Migration m) {
    String id = m.startId().orElseThrow();
    if (id.equals(".") || id.equals("..")) {
      return new StartResult(m, 0, "the id '" + id + "' cannot be sent as a URL path segment");
    }
    Request request =
        new Request.Builder()
            .url(url("migrations", id, "start"))
            .header("Accept", "application/json")
            .post(RequestBody.create(new byte[0], null))
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.isSuccessful()) {
        return new StartResult(m, response.code(), null);
      }
      return new StartResult(m, response.code(), ldmMessage(response));
    } catch (IOException e) {
      return new StartResult(m, 0, unreachable(e, "LDM at " + ldm.endpoint()));
    }
  }

  // Each id is one encoded segment, so '/', '?', '#', '%' and spaces in it cannot change the URL.
  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private String listRefused(Response response, String where) {
    int code = response.code();
    String detail = ldmMessage(response);
    if (code == 401) {
      return ldm.authenticated()
          ? where + " rejected the credentials of user '" + ldm.username() + "' (HTTP 401)"
          : where + " requires authentication (HTTP 401); set --username and a password";
    }
    if (code == 404) {
      return where + " has no /migrations (HTTP 404); check --endpoint";
    }
    if (code >= 300 && code < 400) {
      return where + " redirects (HTTP " + code + ") to " + response.header("Location", "?");
    }
    return where + " failed to list migrations: " + detail;
  }

  /** LDM's JSON {@code message} with the status, else the status alone. */
  private String ldmMessage(Response response) {
    String message = null;
    try {
      // Only failures get here, so the full ObjectMapper is not built on the common path.
      JsonNode node = new ObjectMapper(json).readTree(response.body().string());
      if (node != null && node.path("message").isTextual()) {
        message = node.path("message").asText().lines().findFirst().orElse("");
      }
    } catch (IOException | RuntimeException e) {
      // No JSON message: the status alone says enough.
    }
    String status = "HTTP " + response.code();
    if (message == null || message.isBlank()) {
      return status;
    }
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return status + ": " + message;
  }

  private String unreachable(IOException e, String where) {
    if (e instanceof SSLPeerUnverifiedException) {
      return "TLS verification of "
          + ldm.endpoint()
          + " failed: the host name does not match"
          + " its certificate (use --insecure to skip verification)";
    }
    if (e instanceof SSLHandshakeException) {
      return "TLS verification of "
          + ldm.endpoint()
          + " failed: its certificate is not trusted"
          + " (trust its CA with --cacert FILE, or skip verification with --insecure)";
    }
    if (e instanceof InterruptedIOException) {
      return where + " did not answer within " + ldm.timeout().toSeconds() + "s (--timeout)";
    }
    if (e instanceof UnknownHostException) {
      return "cannot resolve the LDM host " + ldm.endpoint().getHost();
    }
    if (e instanceof ConnectException) {
      return "cannot connect to " + where + ": connection refused";
    }
    return "cannot talk to "
        + where
        + ": "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse(""));
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
