package dev.ferry.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code GET /migrations}: a bare JSON array of migration objects. Unknown fields
 * are ignored and missing ones become null; anything that is not such an array is an LDM error, so
 * nothing gets started on the strength of a body we do not understand.
 */
final class MigrationListReader {
  private final ObjectMapper json;

  MigrationListReader(ObjectMapper json) {
    this.json = json;
  }

  List<Migration> read(InputStream body, String where) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new LdmServiceException(
          where
              + " sent malformed JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
          e);
    }
    if (root == null || root.isMissingNode()) {
      throw new LdmServiceException(where + " sent an empty body instead of a JSON array");
    }
    if (!root.isArray()) {
      throw new LdmServiceException(
          where + " sent a JSON " + kind(root) + ", not an array of migrations");
    }
    List<Migration> migrations = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      if (!item.isObject()) {
        throw new LdmServiceException(
            where + " sent a JSON " + kind(item) + " as element " + i + ", not a migration");
      }
      migrations.add(migration(item));
    }
    return migrations;
  }

  private static Migration migration(JsonNode item) {
    return new Migration(
        text(item, "migrationId"),
        text(item, "internalId"),
        text(item, "path"),
        text(item, "state"),
        text(item, "migrationCreatedTime"),
        text(item, "migrationStartTime"));
  }

  private static String text(JsonNode item, String field) {
    JsonNode v = item.get(field);
    return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
