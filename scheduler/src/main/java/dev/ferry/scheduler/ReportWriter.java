package dev.ferry.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Prints a {@link RunReport} as a short text block or as one line of JSON. */
final class ReportWriter {
  private final ReportFormat format;
  private final ObjectMapper json;

  ReportWriter(ReportFormat format) {
    this.format = format;
    this.json = format == ReportFormat.JSON ? new ObjectMapper() : null;
  }

  void write(RunReport r, PrintWriter out) {
    if (format == ReportFormat.JSON) {
      try {
        out.println(json.writeValueAsString(r));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      text(r, out);
    }
    out.flush();
  }

  private static void text(RunReport r, PrintWriter out) {
    out.printf(
        "%s %s: occupied %d of %d, live/completed %d, queued %d, other %d%s%n",
        r.time(),
        r.endpoint(),
        r.occupied(),
        r.howmany(),
        r.liveOrCompleted(),
        r.queued(),
        r.other().size(),
        r.dryRun() ? " (dry run)" : "");
    list(out, "occupied", r.occupying(), true);
    list(out, "other", r.other(), true);
    list(out, "started", r.started(), false);
    list(out, "would start", r.wouldStart(), false);
    for (RunReport.Failure f : r.failed()) {
      out.printf("  FAILED to start %s %s: %s%n", f.name(), f.path(), f.message());
    }
    if (r.started().isEmpty() && r.wouldStart().isEmpty() && r.failed().isEmpty()) {
      out.println("  nothing to start");
    }
  }

  private static void list(
      PrintWriter out, String title, List<RunReport.Entry> entries, boolean state) {
    for (RunReport.Entry e : entries) {
      out.printf("  %s %s%s%n", title, e.label(), state ? " (" + e.state() + ")" : "");
    }
  }
}
