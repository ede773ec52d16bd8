package dev.ferry.scheduler.sim;

import java.util.List;
import java.util.Map;

/**
 * One request the simulator received, exactly as it arrived.
 *
 * @param method GET, POST, ...
 * @param rawPath the path before decoding
 * @param segments the path split at '/' and then percent-decoded one segment at a time
 * @param query the raw query string, or null
 * @param headers every header (names lower-cased)
 * @param body the request body as text
 */
public record RecordedRequest(
    String method,
    String rawPath,
    List<String> segments,
    String query,
    Map<String, List<String>> headers,
    String body) {

  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The migration id of a {@code POST /migrations/{id}/start}, else null. */
  public String startedId() {
    boolean start =
        method.equals("POST")
            && segments.size() == 3
            && segments.get(0).equals("migrations")
            && segments.get(2).equals("start");
    return start ? segments.get(1) : null;
  }

  /** Everything but the Authorization header, for checking that no secret leaked elsewhere. */
  public String withoutAuthorization() {
    StringBuilder s = new StringBuilder(method).append(' ').append(rawPath);
    s.append('?').append(query).append('\n');
    headers.forEach(
        (k, v) -> {
          if (!k.equals("authorization")) {
            s.append(k).append(": ").append(v).append('\n');
          }
        });
    return s.append(body).toString();
  }
}
