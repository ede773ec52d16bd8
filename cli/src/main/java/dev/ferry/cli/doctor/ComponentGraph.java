package dev.ferry.cli.doctor;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The wiring of a ferry installation as a mermaid flowchart: which command talks to which service
 * and filesystem, with the configured addresses filled in. Paste it into any mermaid renderer
 * (GitHub, GitLab and Grafana text panels render it).
 */
public final class ComponentGraph {
  private ComponentGraph() {}

  public static void print(Inventory inv, PrintWriter out) {
    out.println("flowchart LR");
    out.println("  subgraph scheduler_half[\"scheduler\"]");
    out.println("    schedule[\"ferry schedule<br/>(cron or schedule --watch)\"]");
    out.println(
        "    ldm[(\"LiveData Migrator<br/>"
            + label(inv.ldmEndpoint().orElse("not configured"))
            + "\")]");
    out.println("    schedule -->|\"GET /migrations<br/>POST /migrations/ID/start\"| ldm");
    out.println("  end");
    out.println("  subgraph mover_half[\"mover\"]");
    out.println("    client[\"ferry copy / delete / dirtimes / sync\"]");
    out.println(
        "    broker[(\"RabbitMQ<br/>" + label(inv.broker().orElse("not configured")) + "\")]");
    out.println("    worker[\"ferry worker<br/>(one per mover node)\"]");
    out.println("    status[\"ferry status / cancel\"]");
    out.println("    lustre[\"liblustreapi.so.1<br/>(dlopen, optional)\"]");
    out.println("    client -->|\"tasks, embedded when no broker\"| broker");
    out.println("    broker -->|\"tasks\"| worker");
    out.println("    worker -->|\"child tasks, ledger events\"| broker");
    out.println("    status -->|\"replays the ledger\"| broker");
    out.println("    worker -.->|\"layouts\"| lustre");
    for (MountedFilesystem fs : inv.filesystems()) {
      String id = "fs_" + fs.name().replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
      out.println(
          "    "
              + id
              + "[(\""
              + label(fs.name())
              + "<br/>"
              + label(fs.mount().toString())
              + (fs.write() ? "<br/>write" : "<br/>read-only")
              + "\")]");
      out.println("    worker " + (fs.write() ? "<-->" : "-->") + " " + id);
    }
    out.println("  end");
    out.println(
        "  prometheus[\"Prometheus<br/>"
            + inv.metricsPort().stream()
                .mapToObj(p -> "scrapes :" + p)
                .findFirst()
                .orElse("(metrics off)")
            + "\"]");
    out.println("  prometheus -->|\"GET /metrics\"| worker");
    out.println("  prometheus -->|\"GET /metrics\"| schedule");
    out.println("  prometheus -->|\"GET /metrics\"| client");
    out.flush();
  }

  /** Mermaid labels are quoted; a quote inside one would end it early. */
  private static String label(String s) {
    return s.replace("\"", "#quot;");
  }
}
