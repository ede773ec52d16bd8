package dev.ferry.scheduler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of {@code GET /migrations}: a bare JSON array of migration objects. Unknown fields
 * are ignored and missing ones become null; anything that is not such an array is an LDM error, so
 * nothing gets started on the strength of a body we do not understand.
 *
 * <p>Streams the body and keeps six fields per migration: a 10,000-migration list is several MB of
 * nested statistics that a tree would build only to throw away.
 */
final class MigrationListReader {
  private final JsonFactory json;

  MigrationListReader(JsonFactory json) {
    this.json = json;
  }

  List<Migration> read(InputStream body, String where) throws IOException {
    try (JsonParser p = json.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new LdmServiceException(where + " sent an empty body instead of a JSON array");
      }
      if (first != JsonToken.START_ARRAY) {
        throw new LdmServiceException(
            where + " sent a JSON " + kind(first) + ", not an array of migrations");
      }
      List<Migration> migrations = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new LdmServiceException(
              where
                  + " sent a JSON "
                  + kind(t)
                  + " as element "
                  + migrations.size()
                  + ", not a migration");
        }
        migrations.add(migration(p));
      }
      if (p.nextToken() != null) {
        throw new LdmServiceException(where + " sent malformed JSON (data after the array)");
      }
      return migrations;
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
  }

  /** Reads one object, the parser standing on its START_OBJECT; leaves it on the END_OBJECT. */
  private static Migration migration(JsonParser p) throws IOException {
    String migrationId = null;
    String internalId = null;
    String path = null;
    String state = null;
    String created = null;
    String started = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value.isStructStart()) {
        p.skipChildren();
        continue;
      }
      String text = value == JsonToken.VALUE_NULL ? null : p.getText();
      switch (field) {
        case "migrationId" -> migrationId = text;
        case "internalId" -> internalId = text;
        case "path" -> path = text;
        case "state" -> state = text;
        case "migrationCreatedTime" -> created = text;
        case "migrationStartTime" -> started = text;
        default -> {}
      }
    }
    return new Migration(migrationId, internalId, path, state, created, started);
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }
}
